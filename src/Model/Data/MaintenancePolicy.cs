namespace Lakehouse.Model.Data;

/// <summary>
/// How an Iceberg table is kept healthy, per namespace (the default of its tables) or per table: data files
/// compacted to a target size and manifests rewritten (Spark's rewrite_data_files and rewrite_manifests
/// procedures), snapshots expired and orphan files removed after a retention (Trino's ALTER TABLE EXECUTE
/// expire_snapshots and remove_orphan_files, which take a retention as a duration), on a schedule.
/// </summary>
public sealed record MaintenancePolicy
{
    /// <summary>The platform's defaults: 512 MiB files, 7 days of snapshots, orphans older than 7 days, manifests rewritten, daily at 03:00 UTC.</summary>
    public static MaintenancePolicy Default { get; } = new();

    /// <summary>Target size of compacted data files (rewrite_data_files' target-file-size-bytes).</summary>
    public long TargetFileSizeBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Snapshots older than this are expired (Trino's minimum, iceberg.expire-snapshots.min-retention, is 7 days).</summary>
    public TimeSpan SnapshotRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Files no snapshot references and older than this are deleted (Trino's minimum is 7 days).</summary>
    public TimeSpan OrphanFileRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Whether manifests are rewritten after compaction (rewrite_manifests).</summary>
    public bool RewriteManifests { get; init; } = true;

    /// <summary>Five-field cron expression in UTC.</summary>
    public string Schedule { get; init; } = "0 3 * * *";

    /// <summary>A retention as Trino's duration literal: whole days as "7d", else hours ("36h") or minutes.</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalDays == Math.Floor(span.TotalDays) ? $"{(long)span.TotalDays}d"
        : span.TotalHours == Math.Floor(span.TotalHours) ? $"{(long)span.TotalHours}h"
        : $"{(long)Math.Ceiling(span.TotalMinutes)}m";
}

/// <summary>The maintenance policy of every table of one namespace that has no policy of its own.</summary>
public sealed record NamespaceMaintenance(string Namespace, MaintenancePolicy Policy);

/// <summary>A table's own maintenance policy, overriding its namespace's.</summary>
public sealed record TableMaintenance(Table Table, MaintenancePolicy Policy);
