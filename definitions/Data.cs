using Lakehouse.Model;
using Lakehouse.Model.Data;

namespace Lakehouse.Definitions;

/// <summary>
/// The platform's tables, each declared once: the medallion sample's orders, raw JSON files in the object
/// store's raw bucket -> bronze (ingested as they are) -> silver (deduplicated, merged incrementally) -> gold
/// (dbt marts). Jobs, quality checks and maintenance refer to these declarations, never to a table's name.
/// </summary>
public static class Data
{
    /// <summary>Spark with its SQL command-line driver: ingest, merge and maintenance run as Spark SQL.</summary>
    public static readonly ContainerImage Spark = new("apache/spark", "3.5.7-python3");

    /// <summary>Where the shop drops its order exports (JSON lines), in the bucket declared as "raw".</summary>
    public static readonly BucketPath RawOrders = new("raw", "orders/");

    /// <summary>Orders as the raw files had them, with where and when each row came in.</summary>
    public static readonly Table BronzeOrders = new("bronze", "orders")
    {
        Columns =
        [
            new("order_id", "BIGINT"),
            new("customer_id", "BIGINT"),
            new("amount", "DECIMAL(12, 2)"),
            new("status", "VARCHAR"),
            new("ordered_at", "TIMESTAMP(6) WITH TIME ZONE"),
            new("source_file", "VARCHAR"),
            new("source_modified_at", "TIMESTAMP(6) WITH TIME ZONE"),
            new("ingested_at", "TIMESTAMP(6) WITH TIME ZONE"),
        ],
        Partitioning = ["day(ingested_at)"],
    };

    /// <summary>One row per order, its latest state.</summary>
    public static readonly Table SilverOrders = new("silver", "orders")
    {
        Columns =
        [
            new("order_id", "BIGINT"),
            new("customer_id", "BIGINT"),
            new("amount", "DECIMAL(12, 2)"),
            new("status", "VARCHAR"),
            new("ordered_at", "TIMESTAMP(6) WITH TIME ZONE"),
            new("updated_at", "TIMESTAMP(6) WITH TIME ZONE"),
        ],
        Partitioning = ["month(ordered_at)"],
    };

    /// <summary>Revenue of completed orders per day (a dbt mart; the model creates the table).</summary>
    public static readonly Table GoldDailyRevenue = new("gold", "daily_revenue");

    /// <summary>Orders and revenue per customer (a dbt mart).</summary>
    public static readonly Table GoldCustomerRevenue = new("gold", "customer_revenue");

    public static readonly DbtModel DailyRevenue = new(GoldDailyRevenue, TableSql.Of($"""
        SELECT CAST(ordered_at AS DATE) AS order_date, count(*) AS orders, sum(amount) AS revenue
        FROM {SilverOrders}
        WHERE status = 'completed'
        GROUP BY CAST(ordered_at AS DATE)
        """));

    public static readonly DbtModel CustomerRevenue = new(GoldCustomerRevenue, TableSql.Of($"""
        SELECT customer_id, count(*) AS orders, sum(amount) AS revenue, max(ordered_at) AS last_ordered_at
        FROM {SilverOrders}
        WHERE status = 'completed'
        GROUP BY customer_id
        """));

    public static readonly DataCatalog Catalog = new([BronzeOrders, SilverOrders, GoldDailyRevenue, GoldCustomerRevenue])
    {
        SparkImage = Spark,
        Models = [DailyRevenue, CustomerRevenue],
        // Bronze keeps the defaults (512 MiB files, 7 days of snapshots and orphans, daily at 03:00); silver is
        // read by every mart, so smaller files; gold is small and rebuilt daily, so compacted after the marts.
        NamespaceMaintenance = [new("silver", MaintenancePolicy.Default with { TargetFileSizeBytes = 256L * 1024 * 1024 })],
        TableMaintenance = [new(GoldDailyRevenue, MaintenancePolicy.Default with { TargetFileSizeBytes = 64L * 1024 * 1024, Schedule = "30 3 * * *" })],
        Checks =
        [
            new(BronzeOrders, [new RowCount(1), new NotNull("order_id"), new Freshness("ingested_at", TimeSpan.FromHours(26))]),
            new(SilverOrders, [new NotNull("order_id"), new Unique("order_id"), new NotNull("customer_id"), new SqlAssertion("non-negative-amount", "amount >= 0")]),
            new(GoldDailyRevenue, [new NotNull("order_date"), new Unique("order_date"), new SqlAssertion("non-negative-revenue", "revenue >= 0")]),
            new(GoldCustomerRevenue, [new Unique("customer_id")]),
        ],
    };
}
