using System.Text.RegularExpressions;
using Lakehouse.Model.Data;
using Lakehouse.Model.Jobs;
using Lakehouse.Tests.Support;
using Sample = Lakehouse.Definitions.Data;

namespace Lakehouse.Tests.Data;

/// <summary>
/// Maintenance policies become scheduled jobs (docs/data-operations.md): per table, Spark's rewrite_data_files
/// with the policy's target file size and rewrite_manifests, then Trino's expire_snapshots and
/// remove_orphan_files with the retentions; one job per namespace, one more per table with its own schedule;
/// the same tasks under Airflow and Dagster.
/// </summary>
public class MaintenanceTests
{
    private static JobSpec Job(string name) => Sample.Catalog.MaintenanceJobs().Single(j => j.Name == name);

    private static string Arguments(TaskSpec task) => string.Join(" ", ((SparkTask)task).Arguments!);

    [Fact]
    public void The_default_policy_is_the_specification_512_mib_files_7_days_of_snapshots_and_orphans_manifests_daily_at_0300()
    {
        var policy = MaintenancePolicy.Default;
        Assert.Equal((536870912L, TimeSpan.FromDays(7), TimeSpan.FromDays(7), true, "0 3 * * *"),
            (policy.TargetFileSizeBytes, policy.SnapshotRetention, policy.OrphanFileRetention, policy.RewriteManifests, policy.Schedule));
        Assert.Equal(["7d", "36h", "90m"], new[] { TimeSpan.FromDays(7), TimeSpan.FromHours(36), TimeSpan.FromMinutes(90) }.Select(MaintenancePolicy.Duration));
    }

    [Fact]
    public void A_namespace_with_the_default_policy_gets_one_daily_job_compacting_then_expiring_each_table()
    {
        var job = Job("maintain-bronze");
        Assert.Equal("0 3 * * *", job.Schedule);
        Assert.Equal(["ensure-tables", "compact-bronze-orders", "expire-bronze-orders"], job.Tasks.Select(t => t.Name));
        Assert.Equal(
            "-e CALL iceberg.system.rewrite_data_files(table => 'bronze.orders', options => map('target-file-size-bytes', '536870912')); CALL iceberg.system.rewrite_manifests(table => 'bronze.orders')",
            Arguments(job.Tasks[1]));
        Assert.Equal(
            "ALTER TABLE iceberg.bronze.orders EXECUTE expire_snapshots(retention_threshold => '7d'); ALTER TABLE iceberg.bronze.orders EXECUTE remove_orphan_files(retention_threshold => '7d')",
            ((SqlTask)job.Tasks[2]).Sql);
        Assert.Equal(["compact-bronze-orders"], job.Tasks[2].After);
        Assert.All(job.Tasks, t => Assert.Equal([Sample.BronzeOrders], t.Tables));
    }

    [Fact]
    public void A_namespace_policy_sets_its_tables_and_a_table_policy_with_its_own_schedule_gets_its_own_job()
    {
        Assert.Contains("'target-file-size-bytes', '268435456'", Arguments(Job("maintain-silver").Tasks[1]));
        var gold = Job("maintain-gold");
        Assert.Equal(["compact-gold-customer-revenue", "expire-gold-customer-revenue"], gold.Tasks.Select(t => t.Name));
        var daily = Job("maintain-gold-daily-revenue");
        Assert.Equal("30 3 * * *", daily.Schedule);
        Assert.Contains("'target-file-size-bytes', '67108864'", Arguments(daily.Tasks[0]));
        // A manifest rewrite can be turned off per policy.
        var catalog = Sample.Catalog with { TableMaintenance = [new TableMaintenance(Sample.BronzeOrders, MaintenancePolicy.Default with { RewriteManifests = false })] };
        Assert.DoesNotContain("rewrite_manifests", Arguments(catalog.MaintenanceJobs().Single(j => j.Name == "maintain-bronze").Tasks[1]));
    }

    [Fact]
    public void Every_declared_table_is_maintained_and_the_platform_runs_those_jobs()
    {
        var maintained = Sample.Catalog.MaintenanceJobs().SelectMany(j => j.Tasks).Where(t => t.Name.StartsWith("expire-", StringComparison.Ordinal)).SelectMany(t => t.Tables);
        Assert.Equal(Sample.Catalog.Tables.Select(t => t.QualifiedName).Order(), maintained.Select(t => t.QualifiedName).Order());
        Assert.Equal(["medallion-orders", "maintain-bronze", "maintain-silver", "maintain-gold", "maintain-gold-daily-revenue"], Lakehouse.Definitions.Jobs.All.Select(j => j.Name));
        // The hand-written job it replaces is gone from every environment's tree.
        Assert.DoesNotContain(Render.ReferenceTree.Files, f => f.Value.Contains("events_maintenance", StringComparison.Ordinal));
    }

    [Fact]
    public void Airflow_and_dagster_run_the_same_maintenance_tasks_on_the_same_schedules()
    {
        var dags = (string)Render.Spec("dev", "orchestrator").Manifests.Single(m => m.Name == "orchestrator-dags").Body["data"]!["maintain_silver.py"]!;
        var dagster = (string)Render.Spec("staging", "orchestrator").Manifests.Single(m => m.Name == "orchestrator-dagster-jobs").Body["data"]!["definitions.py"]!;
        var airflow = GeneratedPython.Upstreams("airflow", dags)["maintain-silver"];
        var ops = GeneratedPython.Upstreams("dagster", dagster)["maintain-silver"];
        Assert.Equal(airflow.OrderBy(p => p.Key).Select(p => (p.Key, string.Join(",", p.Value))), ops.OrderBy(p => p.Key).Select(p => (p.Key, string.Join(",", p.Value))));
        Assert.Contains("schedule=\"0 3 * * *\"", dags);
        Assert.Contains("ScheduleDefinition(job=maintain_gold_daily_revenue, cron_schedule=\"30 3 * * *\"", dagster);
        Assert.Matches(new Regex("rewrite_data_files\\(table => 'silver.orders', options => map\\('target-file-size-bytes', '268435456'\\)\\)"), dags);
    }
}
