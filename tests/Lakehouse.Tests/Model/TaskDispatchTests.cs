using Lakehouse.Model.Jobs;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Model;

/// <summary>
/// The claim of TaskSpec's documentation: its cases are closed, so a new kind of task is a compile error until
/// it is handled. Fixtures compiled with Roslyn against the model, as CatalogDispatchTests does for backends.
/// </summary>
public class TaskDispatchTests
{
    private static IReadOnlyList<string> Errors(params string[] sources) => FixtureCompilation.Errors(sources);

    private const string Usings = "using System;\nusing System.Collections.Generic;\nusing Lakehouse.Model;\nusing Lakehouse.Model.Jobs;\n";

    [Fact]
    public void A_task_kind_added_to_the_model_without_its_dispatch_does_not_compile()
    {
        var model = File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "src", "Model", "Jobs", "JobSpec.cs"));
        var added = Usings + "namespace Lakehouse.Model.Jobs { public sealed record HttpTask(string Name, string Url) : TaskSpec(Name); }";
        Assert.Contains("CS0534", Errors("global using System;\nglobal using System.Collections.Generic;\nglobal using System.Linq;\n" + model, added)); // no Match
    }

    [Fact]
    public void A_task_kind_outside_the_model_does_not_compile()
    {
        var outside = Usings + """
            public sealed record HttpTask(string Name, string Url) : TaskSpec(Name)
            {
                public override T Match<T>(Func<SparkTask, T> spark, Func<SqlTask, T> sql, Func<ContainerTask, T> container, Func<DbtTask, T> dbt) => throw new NotSupportedException();
            }
            """;
        Assert.Contains("CS0122", Errors(outside)); // the constructor is private protected: the cases are closed
    }

    [Fact]
    public void A_dispatch_that_misses_a_kind_does_not_compile()
    {
        var consumer = Usings + """
            public static class Describe
            {
                public static string Of(TaskSpec task) => task.Match(spark => "spark", sql => "sql", container => "container");
            }
            """;
        Assert.Contains("CS7036", Errors(consumer)); // the dbt handler is missing
    }

    [Fact]
    public void The_job_resolver_has_no_fallback_case()
    {
        var resolver = File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "src", "Model", "Jobs", "TaskRun.cs"));
        Assert.Contains("task.Match<TaskRun>(", resolver);
        Assert.DoesNotContain("_ => throw", resolver);
    }
}
