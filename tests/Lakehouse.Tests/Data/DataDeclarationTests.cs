using Lakehouse.Model;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Data;
using Lakehouse.Model.Jobs;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Tests.Support;
using Sample = Lakehouse.Definitions.Data;

namespace Lakehouse.Tests.Data;

/// <summary>
/// Tables are declared once and referred to by their declarations (docs/data-operations.md): SQL holes name the
/// table and record it; a table written as a string (LH0170), a reference to an undeclared table (LH0171) and a
/// check on a column the table lacks (LH0172) fail the render at the line that builds the jobs.
/// </summary>
public class DataDeclarationTests
{
    private static readonly Table Orders = new("bronze", "orders")
    {
        Columns = [new("order_id", "BIGINT"), new("at", "TIMESTAMP(6) WITH TIME ZONE")],
        Partitioning = ["day(at)"],
    };

    private static readonly Table Stray = new("bronze", "stray");

    private static DataCatalog Catalog(params Table[] tables) => new(tables) { SparkImage = new("apache/spark", "3.5.7-python3") };

    private static IReadOnlyList<string> Errors(Func<IReadOnlyList<JobSpec>> jobs)
    {
        var outcome = RenderPipeline.Render(new JobsOnly(jobs), [Render.Environment("dev", Render.EnvironmentText("dev"))]);
        Assert.False(outcome.Succeeded);
        return [.. outcome.Diagnostics.Select(d => d.ToString())];
    }

    private sealed class JobsOnly(Func<IReadOnlyList<JobSpec>> jobs) : IPlatformDefinition
    {
        public string Name => "lakehouse";

        public void Define(PlatformBuilder platform, EnvironmentConfig env) => _ = jobs();
    }

    [Fact]
    public void A_table_hole_writes_the_qualified_name_and_the_statement_records_the_table()
    {
        var sql = TableSql.Of($"SELECT count(*) FROM {Orders} WHERE at > current_timestamp - INTERVAL '{1}' DAY");
        Assert.Equal("SELECT count(*) FROM iceberg.bronze.orders WHERE at > current_timestamp - INTERVAL '1' DAY", sql.Text);
        Assert.Equal([Orders], sql.Tables);
        var task = new SqlTask("count", sql);
        Assert.Equal([Orders], task.Tables);
        Assert.Empty(DataChecks.Problems(Catalog(Orders), [new JobSpec("j", null, [task])]));
    }

    [Fact]
    public void A_job_naming_a_table_by_string_is_LH0170_at_the_line_building_the_jobs()
    {
        var line = 0;
        var errors = Errors(() =>
        {
            var job = new JobSpec("j", null, [new SqlTask("load", "INSERT INTO iceberg.bronze.orders SELECT 1, current_timestamp")]);
            line = Fixtures.Line() + 1;
            return Catalog(Orders).Jobs([job]);
        });
        Assert.Contains(errors, e => e.Contains($"Data/DataDeclarationTests.cs({line},1): error LH0170: job 'j', task 'load' names table 'iceberg.bronze.orders' in a string;", StringComparison.Ordinal));
    }

    [Fact]
    public void A_table_name_passed_through_a_string_hole_is_LH0170_too()
    {
        var name = "iceberg.bronze.orders";
        var job = new JobSpec("j", null, [new SqlTask("load", TableSql.Of($"DELETE FROM {name}"))]);
        var problem = DataChecks.FirstProblem(Catalog(Orders), [job]);
        Assert.Equal("LH0170", problem?.Rule.Id);
        // A Spark task's arguments are read as well.
        var spark = Catalog(Orders).SparkSql("compact", new TableSql("CALL iceberg.system.rewrite_data_files(table => 'bronze.orders'); SELECT * FROM iceberg.bronze.orders", []));
        Assert.Equal("LH0170", DataChecks.FirstProblem(Catalog(Orders), [new JobSpec("j", null, [spark])])?.Rule.Id);
    }

    [Fact]
    public void A_check_on_an_undeclared_table_is_LH0171()
    {
        var line = 0;
        var errors = Errors(() =>
        {
            var catalog = Catalog(Orders) with { Checks = [new TableChecks(Stray, [new RowCount(1)])] };
            line = Fixtures.Line() + 1;
            return catalog.Jobs([]);
        });
        Assert.Contains(errors, e => e.Contains($"({line},1): error LH0171: quality checks: iceberg.bronze.stray is not a table of the data catalog;", StringComparison.Ordinal));
    }

    [Fact]
    public void A_task_a_maintenance_policy_or_a_model_on_an_undeclared_table_is_LH0171()
    {
        var catalog = Catalog(Orders);
        var task = new JobSpec("j", null, [new SqlTask("copy", TableSql.Of($"INSERT INTO {Stray} SELECT * FROM {Orders}"))]);
        Assert.Contains("task 'copy': iceberg.bronze.stray is not a table", DataChecks.FirstProblem(catalog, [task])?.Message);
        var policy = catalog with { TableMaintenance = [new TableMaintenance(Stray, MaintenancePolicy.Default)] };
        Assert.Equal(("LH0171", "maintenance policy: iceberg.bronze.stray is not a table of the data catalog; add its declaration to the catalog's tables"),
            (DataChecks.FirstProblem(policy, [])?.Rule.Id, DataChecks.FirstProblem(policy, [])?.Message));
        var space = catalog with { NamespaceMaintenance = [new NamespaceMaintenance("silver", MaintenancePolicy.Default)] };
        Assert.Contains("namespace 'silver': no declared table", DataChecks.FirstProblem(space, [])?.Message);
        var model = catalog with { Models = [new DbtModel(Stray, TableSql.Of($"SELECT * FROM {Orders}"))] };
        Assert.Contains("dbt model 'stray': iceberg.bronze.stray is not a table", DataChecks.FirstProblem(model, [])?.Message);
        var twice = Catalog(Orders, new Table("bronze", "orders"));
        Assert.Contains("declared more than once", DataChecks.FirstProblem(twice, [])?.Message);
    }

    [Fact]
    public void A_check_on_a_column_the_table_does_not_declare_is_LH0172()
    {
        var catalog = Catalog(Orders) with { Checks = [new TableChecks(Orders, [new NotNull("order_id"), new Unique("orderid")])] };
        var problem = DataChecks.FirstProblem(catalog, []);
        Assert.Equal("LH0172", problem?.Rule.Id);
        Assert.Contains("names column 'orderid', which the table does not declare (order_id, at)", problem?.Message);
    }

    [Fact]
    public void The_sample_catalog_and_its_pipeline_refer_to_declared_tables_only()
    {
        Assert.Empty(DataChecks.Problems(Sample.Catalog, [Lakehouse.Definitions.Jobs.MedallionOrders]));
        // Every table the medallion pipeline touches is a declaration of the catalog.
        var touched = Lakehouse.Definitions.Jobs.MedallionOrders.Tasks.SelectMany(t => t.Tables).Distinct().ToList();
        Assert.Equal(["bronze.orders", "silver.orders", "gold.daily_revenue", "gold.customer_revenue"], touched.Select(t => t.NamespacedName));
    }

    [Theory]
    [InlineData("Bronze", "orders")]
    [InlineData("bronze", "orders-2025")]
    [InlineData("bronze", "1orders")]
    public void Table_names_are_lower_case_sql_identifiers(string ns, string name) =>
        Assert.Contains("lower-case SQL identifier", Assert.Throws<ArgumentException>(() => new Table(ns, name)).Message);

    [Fact]
    public void A_declared_table_is_created_as_parquet_with_its_partitioning()
    {
        Assert.Equal(
            "CREATE SCHEMA IF NOT EXISTS iceberg.bronze; CREATE TABLE IF NOT EXISTS iceberg.bronze.orders (order_id BIGINT, at TIMESTAMP(6) WITH TIME ZONE) WITH (format = 'PARQUET', partitioning = ARRAY['day(at)'])",
            Orders.CreateStatements());
    }
}
