using Lakehouse.Model.Data;
using Lakehouse.Model.Jobs;
using static Lakehouse.Definitions.Data;

namespace Lakehouse.Definitions;

/// <summary>
/// The platform's jobs, written once for whichever orchestrator env/ chooses: Airflow renders each as a
/// DAG, Dagster as a job of ops. Tables are the declarations of <see cref="Data"/>; the catalog adds a quality
/// task after each task producing a checked table and the maintenance jobs of every table.
/// </summary>
public static class Jobs
{
    /// <summary>
    /// The medallion sample, daily: raw JSON files -> bronze (Spark, only files newer than the last ingested one)
    /// -> silver (Spark MERGE of the new bronze rows, the latest per order) -> gold (dbt marts on Trino).
    /// Spark and dbt report lineage to the platform's OpenLineage backend (Marquez).
    /// </summary>
    public static readonly JobSpec MedallionOrders = new("medallion-orders", "0 1 * * *",
    [
        Catalog.EnsureTables("create-tables", BronzeOrders, SilverOrders),
        // The raw files as a temporary view, then only the files newer than the newest already ingested.
        Catalog.SparkSql("ingest-bronze", TableSql.Of($"""
            CREATE TEMPORARY VIEW raw_orders USING json OPTIONS (path '{RawOrders}');
            INSERT INTO {BronzeOrders}
            SELECT CAST(order_id AS BIGINT), CAST(customer_id AS BIGINT), CAST(amount AS DECIMAL(12, 2)), status,
                   CAST(ordered_at AS TIMESTAMP), _metadata.file_path, _metadata.file_modification_time, current_timestamp
            FROM raw_orders
            WHERE _metadata.file_modification_time > (SELECT coalesce(max(source_modified_at), TIMESTAMP '1970-01-01 00:00:00') FROM {BronzeOrders})
            """)) with
        {
            After = ["create-tables"],
            Produces = [BronzeOrders],
        },
        // Incremental: only bronze rows newer than silver's newest, the latest row per order, merged by key.
        Catalog.SparkSql("merge-silver", TableSql.Of($"""
            MERGE INTO {SilverOrders} AS s
            USING (
                SELECT order_id, customer_id, amount, status, ordered_at, ingested_at AS updated_at
                FROM (
                    SELECT order_id, customer_id, amount, status, ordered_at, ingested_at,
                           row_number() OVER (PARTITION BY order_id ORDER BY ingested_at DESC) AS newest
                    FROM {BronzeOrders}
                    WHERE ingested_at > (SELECT coalesce(max(updated_at), TIMESTAMP '1970-01-01 00:00:00') FROM {SilverOrders})
                ) AS latest
                WHERE newest = 1
            ) AS b
            ON s.order_id = b.order_id
            WHEN MATCHED THEN UPDATE SET customer_id = b.customer_id, amount = b.amount, status = b.status, ordered_at = b.ordered_at, updated_at = b.updated_at
            WHEN NOT MATCHED THEN INSERT (order_id, customer_id, amount, status, ordered_at, updated_at)
                VALUES (b.order_id, b.customer_id, b.amount, b.status, b.ordered_at, b.updated_at)
            """)) with
        {
            After = ["ingest-bronze"],
            Produces = [SilverOrders],
        },
        Catalog.DbtRun("gold-marts", DailyRevenue, CustomerRevenue) with { After = ["merge-silver"] },
    ]);

    public static IReadOnlyList<JobSpec> All { get; } = Catalog.Jobs([MedallionOrders]);
}
