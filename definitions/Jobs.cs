using Lakehouse.Model;
using Lakehouse.Model.Jobs;

namespace Lakehouse.Definitions;

/// <summary>
/// The platform's jobs, written once for whichever orchestrator env/ chooses: Airflow renders each as a
/// DAG, Dagster as a job of ops. Table names are Trino's and Spark's alike (catalog "iceberg").
/// </summary>
public static class Jobs
{
    private static readonly ContainerImage Spark = new("apache/spark", "3.5.7-python3");

    /// <summary>Keeps the events table healthy: small files compacted by Spark, old snapshots expired by Trino.</summary>
    public static readonly JobSpec EventsMaintenance = new("events-maintenance", "0 3 * * *",
    [
        new SqlTask("ensure-table",
            "CREATE SCHEMA IF NOT EXISTS iceberg.lakehouse; " +
            "CREATE TABLE IF NOT EXISTS iceberg.lakehouse.events (id BIGINT, kind VARCHAR, at TIMESTAMP(6) WITH TIME ZONE) WITH (partitioning = ARRAY['day(at)'])"),
        new SparkTask("compact", Spark, "local:///opt/spark/jars/spark-hive-thriftserver_2.12-3.5.7.jar",
            MainClass: "org.apache.spark.sql.hive.thriftserver.SparkSQLCLIDriver",
            Arguments: ["-e", "CALL iceberg.system.rewrite_data_files(table => 'lakehouse.events')"])
        {
            After = ["ensure-table"],
        },
        new SqlTask("expire-snapshots",
            "ALTER TABLE iceberg.lakehouse.events EXECUTE expire_snapshots(retention_threshold => '7d')")
        {
            After = ["compact"],
        },
    ]);

    public static IReadOnlyList<JobSpec> All { get; } = [EventsMaintenance];
}
