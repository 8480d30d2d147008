using Lakehouse.Model.Data;
using Lakehouse.Model.Jobs;
using Sample = Lakehouse.Definitions.Data;

namespace Lakehouse.Tests.Data;

/// <summary>
/// The platform's SQL is parsed by a real grammar (dt-sql-parser, tools/node/sql.mjs): every statement
/// Trino runs (DDL, maintenance, the dbt models and tests as dbt compiles them) with Trino's grammar; the Spark
/// SQL statements with Spark's grammar, or, where they name catalog.namespace.table (which that grammar lacks),
/// with Trino's, since they are written in the syntax both engines share. Iceberg's procedure calls (CALL
/// catalog.system.PROCEDURE(table => ...)) are Iceberg's Spark SQL extensions, in neither grammar (Trino reserves
/// the word table): they are matched against the procedures and named arguments Iceberg documents instead.
/// </summary>
public class SqlSyntaxTests
{
    private static IEnumerable<(string Name, string Dialect, string Sql)> PlatformStatements()
    {
        foreach (var job in Lakehouse.Definitions.Jobs.All)
        {
            foreach (var task in job.Tasks)
            {
                var (dialect, script) = task switch
                {
                    SqlTask sql => ("trino", sql.Sql),
                    SparkTask spark => ("spark", spark.Arguments![1]),
                    _ => ("", ""),
                };
                foreach (var (statement, i) in SqlParser.Statements(script).Select((s, i) => (s, i)))
                {
                    yield return ($"{job.Name}/{task.Name}#{i} {dialect}", dialect, TableSql.ResolveBuckets(statement, purpose => $"lakehouse-dev-{purpose}"));
                }
            }
        }
        foreach (var (name, sql) in Sample.Catalog.Dbt.CompiledSql())
        {
            yield return ($"dbt {name} trino", "trino", sql);
        }
    }

    private static readonly System.Text.RegularExpressions.Regex IcebergCall = new(
        @"^CALL iceberg\.system\.(rewrite_data_files\(table => '[a-z_]+\.[a-z_]+', options => map\('target-file-size-bytes', '[0-9]+'\)\)|rewrite_manifests\(table => '[a-z_]+\.[a-z_]+'\))$");

    [Fact]
    public void Every_statement_of_the_platforms_jobs_and_dbt_project_parses()
    {
        var all = PlatformStatements().ToList();
        var calls = all.Where(s => s.Sql.StartsWith("CALL ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, c => Assert.Matches(IcebergCall, c.Sql));
        var statements = all.Except(calls).ToList();
        Assert.True(statements.Count >= 20, $"{statements.Count} statements");
        var spark = statements.Where(s => s.Dialect == "spark").ToList();
        var errors = SqlParser.Errors([.. statements, .. spark.Select(s => (s.Name + " as trino", "trino", s.Sql))]);
        var failures = statements.Where(s => s.Dialect == "trino" ? errors[s.Name].Count > 0 : errors[s.Name].Count > 0 && errors[s.Name + " as trino"].Count > 0)
            .Select(s => $"{s.Name}: {string.Join("; ", errors[s.Name])}\n{s.Sql}").ToList();
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        // Spark's own statement (the raw files' view) is parsed by Spark's grammar.
        Assert.Contains(spark, s => s.Sql.StartsWith("CREATE TEMPORARY VIEW", StringComparison.Ordinal) && errors[s.Name].Count == 0);
    }

    [Fact]
    public void A_syntax_error_in_a_model_or_a_check_is_caught_by_the_parser()
    {
        var broken = Sample.Catalog with
        {
            Models = [new DbtModel(Sample.GoldDailyRevenue, TableSql.Of($"SELEC CAST(ordered_at AS DATE) AS order_date FROM {Sample.SilverOrders}"))],
            Checks = [new TableChecks(Sample.SilverOrders, [new SqlAssertion("broken", "amount >=")])],
        };
        var errors = SqlParser.Errors(broken.Dbt.CompiledSql().Select(s => (s.Name, "trino", s.Sql)));
        Assert.Contains("'SELEC' is not valid at this position", string.Join("\n", errors["model daily_revenue"]));
        Assert.NotEmpty(errors["test iceberg.silver.orders broken"]);
    }
}
