using System.ComponentModel.DataAnnotations;

namespace Lakehouse.Model.Configuration;

/// <summary>The platform's PostgreSQL cluster (CloudNativePG): one shared cluster, a database and role per consumer.</summary>
public sealed record PostgresConfig
{
    /// <summary>PostgreSQL instances: 1 (no failover) or 3 and more (a primary and streaming replicas with automatic failover).</summary>
    [Required, Range(1, 9)]
    public required int Instances { get; init; }

    /// <summary>Volume size of each instance.</summary>
    [Required, RegularExpression(Patterns.StorageSize)]
    public required string StorageSize { get; init; }

    /// <summary>Resources of each instance.</summary>
    [Required]
    public required ResourcesConfig Resources { get; init; }

    /// <summary>max_connections of each instance (the PostgresConnectionsHigh alert fires at a share of it).</summary>
    [Range(20, 5000)]
    public int MaxConnections { get; init; } = 200;

    /// <summary>
    /// IAM role the instances' service account assumes (IAM roles for service accounts) to write backups
    /// when the object store is reached by workload identity (storage.external.workloadIdentity).
    /// </summary>
    [RegularExpression(@"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$")]
    public string? ServiceAccountRoleArn { get; init; }

    /// <summary>
    /// Replicas of the CloudNativePG operator (leader election: one reconciles, the others stand by). Failover
    /// of the cluster is the operator's work, so with 2 it does not wait for a lost operator pod to be rescheduled.
    /// </summary>
    [Range(1, 3)]
    public int OperatorReplicas { get; init; } = 1;

    /// <summary>Base backups and WAL archiving to the object store.</summary>
    public PostgresBackupConfig Backup { get; init; } = new();
}

/// <summary>When CloudNativePG takes base backups and how long it keeps them (WAL is archived continuously).</summary>
public sealed record PostgresBackupConfig
{
    /// <summary>Base backup schedule: six-field cron with seconds, as CloudNativePG reads it ("0 0 3 * * *" = 03:00 daily).</summary>
    [RegularExpression(@"^(\S+\s+){5}\S+$")]
    public string Schedule { get; init; } = "0 0 3 * * *";

    /// <summary>Recovery window kept in the object store: 7d, 30d, 4w.</summary>
    [RegularExpression(@"^[1-9][0-9]*[dwm]$")]
    public string Retention { get; init; } = "30d";
}
