using System.Text.Json.Nodes;
using Lakehouse.Model.Contracts;

namespace Lakehouse.Model.Jobs;

/// <summary>
/// A task resolved against the platform of one environment: what an orchestrator actually starts. Every
/// orchestrator renders the same runs, so a job means the same thing whichever one env/ chose.
/// </summary>
/// <param name="Name">Task name.</param>
/// <param name="After">Names of the tasks this one runs after.</param>
public abstract record TaskRun(string Name, IReadOnlyList<string> After);

/// <summary>A SparkApplication to create and watch until it completes.</summary>
public sealed record SparkRun(string Name, IReadOnlyList<string> After, JsonObject Application) : TaskRun(Name, After)
{
    public string Namespace => (string)Application["metadata"]!["namespace"]!;
}

/// <summary>A pod run to completion: an image, its command, environment from Secrets, Secrets mounted as files.</summary>
public sealed record PodRun(
    string Name, IReadOnlyList<string> After, ContainerImage Image, IReadOnlyList<string> Command,
    IReadOnlyList<(string Name, SecretRef Secret)> SecretEnvironment, IReadOnlyList<(string Secret, string Path)> SecretFiles) : TaskRun(Name, After)
{
    /// <summary>Environment variables with literal values.</summary>
    public IReadOnlyList<(string Name, string Value)> Environment { get; init; } = [];

    /// <summary>A ConfigMap of the orchestrator's namespace mounted read-only at a path, each key as the file its path names.</summary>
    public ConfigFiles? Files { get; init; }
}

/// <summary>Keys of a ConfigMap mounted as files: key -> path relative to <paramref name="MountPath"/>.</summary>
public sealed record ConfigFiles(string ConfigMap, string MountPath, IReadOnlyList<(string Key, string Path)> Items);

/// <summary>Resolves a job's tasks for the orchestrator <c>consumer</c>, in dependency order.</summary>
public static class TaskRuns
{
    /// <summary>The Trino command-line client, at the version of the platform's Trino.</summary>
    public static ContainerImage TrinoCli => Locked.Image("trino");

    /// <summary>Where a SQL task finds the CA that signed Trino's certificate.</summary>
    public const string TrinoCaPath = "/etc/lakehouse/trino-ca";

    public static IReadOnlyList<TaskRun> Resolve(ComponentContext context, string consumer, JobSpec job) =>
        job.Validated().TopologicalOrder().Select(task => Resolve(context, consumer, job, task)).ToList();

    private static TaskRun Resolve(ComponentContext context, string consumer, JobSpec job, TaskSpec task) => task.Match<TaskRun>(
        spark => Spark(context, consumer, job, spark),
        sql => Sql(context, consumer, sql),
        container => new PodRun(container.Name, container.After, container.Image, container.Command, container.SecretEnvironment, [])
        {
            Environment = container.Environment,
        },
        dbt => DbtRuns.Resolve(context, consumer, dbt));

    /// <summary>
    /// SQL runs in the Trino client: user and password from the orchestrator's Secret (the client reads
    /// TRINO_PASSWORD itself; Kubernetes expands $(TRINO_USER)), over HTTPS verified against Trino's CA.
    /// </summary>
    /// <summary>A Spark task whose arguments name buckets by purpose (<see cref="Data.BucketPath"/>) gets the environment's bucket names.</summary>
    private static SparkRun Spark(ComponentContext context, string consumer, JobSpec job, SparkTask task)
    {
        var jobs = context.UseFor<ISparkJobs>(consumer);
        if (task.Arguments is not { } arguments || arguments.All(a => Data.TableSql.ResolveBuckets(a, _ => "") == a))
        {
            return new SparkRun(task.Name, task.After, jobs.SparkApplication(context, consumer, job.Name, task));
        }
        // The task reads files of the store directly: bucket names of this environment, and S3A to read them.
        var storage = context.UseFor<IObjectStorage>(jobs.Name);
        task = task with { Arguments = [.. arguments.Select(a => Data.TableSql.ResolveBuckets(a, purpose => storage.Bucket(context, purpose)))] };
        var application = jobs.SparkApplication(context, consumer, job.Name, task);
        RawFiles.Enable(application, context, storage);
        return new SparkRun(task.Name, task.After, application);
    }

    /// <summary>The orchestrator's Secret for Trino: keys username, password and ca.pem (docs/secrets.md).</summary>
    public static string TrinoSecret(ComponentContext context, string consumer) => context.Naming.Secret(consumer, "trino");

    private static PodRun Sql(ComponentContext context, string consumer, SqlTask task)
    {
        var engine = context.UseFor<ISqlEngine>(consumer);
        var user = engine.UserFor(context, consumer);
        var secret = user.CaCertificate.SecretName;
        return new PodRun(task.Name, task.After, TrinoCli,
            [
                "trino",
                $"--server={engine.SqlEndpoint(context)}",
                $"--catalog={engine.Catalog}",
                "--user=$(TRINO_USER)",
                "--password",
                $"--truststore-path={TrinoCaPath}/ca.pem",
                $"--execute={task.Sql}",
            ],
            [("TRINO_USER", user.Username), ("TRINO_PASSWORD", user.Password)],
            [(secret, TrinoCaPath)]);
    }
}
