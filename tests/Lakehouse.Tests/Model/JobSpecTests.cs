using Lakehouse.Model;
using Lakehouse.Model.Jobs;

namespace Lakehouse.Tests.Model;

public class JobSpecTests
{
    private static readonly ContainerImage Spark = new("apache/spark", "3.5.7");

    [Fact]
    public void Tasks_come_in_dependency_order_with_ties_in_declaration_order()
    {
        var job = new JobSpec("daily", "0 3 * * *",
        [
            new SqlTask("optimize", "ALTER TABLE t EXECUTE optimize") { After = ["ingest-a", "ingest-b"] },
            new SparkTask("ingest-a", Spark, "local:///opt/a.py"),
            new SparkTask("ingest-b", Spark, "local:///opt/b.py"),
        ]).Validated();

        Assert.Equal(["ingest-a", "ingest-b", "optimize"], job.TopologicalOrder().Select(t => t.Name));
    }

    [Fact]
    public void A_cycle_is_an_error_naming_the_job()
    {
        var job = new JobSpec("loop", null,
        [
            new SqlTask("a", "SELECT 1") { After = ["b"] },
            new SqlTask("b", "SELECT 1") { After = ["a"] },
        ]);
        var e = Assert.Throws<ArgumentException>(() => job.Validated());
        Assert.Contains("job 'loop'", e.Message);
        Assert.Contains("cycle", e.Message);
    }

    [Theory]
    [InlineData("Daily", null, "a", "job name 'Daily'")]
    [InlineData("daily", "every day", "a", "five-field cron")]
    [InlineData("daily", null, "A_b", "task name 'A_b'")]
    public void Names_and_schedules_are_checked(string job, string? schedule, string task, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => new JobSpec(job, schedule, [new SqlTask(task, "SELECT 1")]).Validated());
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void An_unknown_upstream_and_a_duplicate_task_are_errors()
    {
        var unknown = new JobSpec("j", null, [new SqlTask("a", "SELECT 1") { After = ["missing"] }]);
        Assert.Contains("runs after 'missing'", Assert.Throws<ArgumentException>(() => unknown.Validated()).Message);
        var twice = new JobSpec("j", null, [new SqlTask("a", "SELECT 1"), new SqlTask("a", "SELECT 2")]);
        Assert.Contains("defined twice", Assert.Throws<ArgumentException>(() => twice.Validated()).Message);
    }
}
