using Lakehouse.Model.Checks;
using Lakehouse.Model.Data;

namespace Lakehouse.Model.Jobs;

/// <summary>
/// A data pipeline as the platform runs it, whichever orchestrator env/ chose: a schedule and tasks with
/// their upstream tasks. Airflow renders it as a DAG, Dagster as a job of ops; nothing in a job names the
/// orchestrator, so swapping orchestrators is a change in env/ only.
/// </summary>
/// <param name="Name">DNS-1123 label, unique among the platform's jobs (DAG id, Dagster job name).</param>
/// <param name="Schedule">Five-field cron expression in UTC, or null for a job started by hand.</param>
/// <param name="Tasks">The steps; each names the tasks it runs after.</param>
public sealed record JobSpec(string Name, string? Schedule, IReadOnlyList<TaskSpec> Tasks)
{
    /// <summary>Retries of a failed task before the run fails.</summary>
    public int Retries { get; init; } = 2;

    /// <summary>Who is told about failures (team or owner label).</summary>
    public string Owner { get; init; } = "data-platform";

    /// <summary>Checks names, upstream references and acyclicity; throws with the job's name on the first problem.</summary>
    public JobSpec Validated()
    {
        if (!DnsName.IsLabel(Name))
        {
            throw new ArgumentException($"job name '{Name}' must be a DNS-1123 label");
        }
        if (Schedule is not null && Schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5)
        {
            throw new ArgumentException($"job '{Name}': schedule '{Schedule}' must be a five-field cron expression");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in Tasks)
        {
            if (!DnsName.IsLabel(task.Name))
            {
                throw new ArgumentException($"job '{Name}': task name '{task.Name}' must be a DNS-1123 label");
            }
            if (!names.Add(task.Name))
            {
                throw new ArgumentException($"job '{Name}': task '{task.Name}' is defined twice");
            }
        }
        foreach (var task in Tasks)
        {
            foreach (var upstream in task.After.Where(u => !names.Contains(u)))
            {
                throw new ArgumentException($"job '{Name}': task '{task.Name}' runs after '{upstream}', which the job does not define");
            }
        }
        _ = TopologicalOrder();
        return this;
    }

    /// <summary>Tasks with every task after its upstream tasks; ties keep declaration order (stable output).</summary>
    public IReadOnlyList<TaskSpec> TopologicalOrder()
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<TaskSpec>();
        while (order.Count < Tasks.Count)
        {
            var next = Tasks.FirstOrDefault(t => !done.Contains(t.Name) && t.After.All(done.Contains))
                ?? throw new ArgumentException($"job '{Name}': its tasks' After lists form a cycle");
            order.Add(next);
            done.Add(next.Name);
        }
        return order;
    }
}

/// <summary>
/// One step of a job. Cases are closed: only this assembly can add one (the constructor is private protected),
/// every case implements <see cref="Match{T}"/>, and the jobs are resolved through it with one handler per
/// case, so a new case is a compile error until it is handled (tests/Lakehouse.Tests/Model/TaskDispatchTests.cs).
/// </summary>
public abstract record TaskSpec
{
    private protected TaskSpec(string name) => Name = name;

    /// <summary>DNS-1123 label, unique in the job.</summary>
    public string Name { get; init; }

    /// <summary>Names of the tasks of the same job this one runs after.</summary>
    public IReadOnlyList<string> After { get; init; } = [];

    /// <summary>The declared tables the task reads or writes (from its <see cref="TableSql"/> holes, or listed).</summary>
    public IReadOnlyList<Table> Tables { get; init; } = [];

    /// <summary>The declared tables the task writes: their quality checks run right after it (<see cref="DataCatalog"/>).</summary>
    public IReadOnlyList<Table> Produces { get; init; } = [];

    /// <summary>Calls the handler of this kind of task: the one way to tell tasks apart.</summary>
    public abstract T Match<T>(Func<SparkTask, T> spark, Func<SqlTask, T> sql, Func<ContainerTask, T> container, Func<DbtTask, T> dbt);
}

/// <summary>
/// A Spark application run by the Spark operator, with the platform's Iceberg catalog and object store
/// configured (ISparkJobs builds the SparkApplication).
/// </summary>
/// <param name="Name">Task name; also the SparkApplication name's suffix.</param>
/// <param name="Image">Spark image with the application (the Iceberg runtime is added by the platform).</param>
/// <param name="MainApplicationFile">local:// or s3a:// path of the application (a .py file or a jar).</param>
/// <param name="MainClass">JVM main class, null for PySpark.</param>
/// <param name="Arguments">Application arguments.</param>
public sealed record SparkTask(string Name, ContainerImage Image, string MainApplicationFile, string? MainClass = null, IReadOnlyList<string>? Arguments = null) : TaskSpec(Name)
{
    public override T Match<T>(Func<SparkTask, T> spark, Func<SqlTask, T> sql, Func<ContainerTask, T> container, Func<DbtTask, T> dbt) => spark(this);

    /// <summary>Executors; driver and executors get the sizes below.</summary>
    public int Executors { get; init; } = 2;

    /// <summary>CPU cores per executor.</summary>
    public int ExecutorCores { get; init; } = 1;

    /// <summary>Memory per executor, Spark notation (2g).</summary>
    public string ExecutorMemory { get; init; } = "2g";

    /// <summary>Memory of the driver, Spark notation.</summary>
    public string DriverMemory { get; init; } = "1g";
}

/// <summary>SQL statements run on the platform's SQL engine (Trino), against its Iceberg catalog.</summary>
/// <param name="Name">Task name.</param>
/// <param name="Sql">Statements separated by ';'; run one after the other.</param>
public sealed record SqlTask(string Name, string Sql) : TaskSpec(Name)
{
    /// <summary>SQL whose tables are declarations (<see cref="TableSql.Of"/>): the task knows the tables it touches.</summary>
    public SqlTask(string name, TableSql sql) : this(name, sql.Text) => Tables = sql.Tables;

    public override T Match<T>(Func<SparkTask, T> spark, Func<SqlTask, T> sql, Func<ContainerTask, T> container, Func<DbtTask, T> dbt) => sql(this);
}

/// <summary>A container run to completion as a Kubernetes pod (a dbt run, a Python script).</summary>
/// <param name="Name">Task name.</param>
/// <param name="Image">Pinned image.</param>
/// <param name="Command">Entrypoint and arguments.</param>
public sealed record ContainerTask(string Name, ContainerImage Image, IReadOnlyList<string> Command) : TaskSpec(Name)
{
    /// <summary>Environment variables with literal values (no secret: LH0002 scans them like every rendered value).</summary>
    public IReadOnlyList<(string Name, string Value)> Environment { get; init; } = [];

    /// <summary>Environment variables read from Secrets of the orchestrator's namespace (docs/secrets.md lists them).</summary>
    public IReadOnlyList<(string Name, SecretRef Secret)> SecretEnvironment { get; init; } = [];

    public override T Match<T>(Func<SparkTask, T> spark, Func<SqlTask, T> sql, Func<ContainerTask, T> container, Func<DbtTask, T> dbt) => container(this);
}

/// <summary>
/// A dbt command (run, test, build) on the platform's generated dbt project (<see cref="DbtProject"/>), in the
/// locked dbt-trino image, against the platform's SQL engine with the orchestrator's Trino credentials and CA.
/// </summary>
/// <param name="Name">Task name.</param>
/// <param name="Project">The project the command runs on.</param>
/// <param name="Arguments">dbt's subcommand and selection ("test", "--select", "source:bronze.orders").</param>
public sealed record DbtTask(string Name, DbtProject Project, IReadOnlyList<string> Arguments) : TaskSpec(Name)
{
    public override T Match<T>(Func<SparkTask, T> spark, Func<SqlTask, T> sql, Func<ContainerTask, T> container, Func<DbtTask, T> dbt) => dbt(this);
}
