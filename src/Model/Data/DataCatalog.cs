using System.Globalization;
using System.Runtime.CompilerServices;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Jobs;

namespace Lakehouse.Model.Data;

/// <summary>
/// The platform's tables, declared once, with what keeps them healthy and correct: maintenance policies (per
/// namespace, overridden per table), quality checks per table and the dbt models that produce tables.
/// <see cref="Jobs"/> turns the declarations and the platform's pipelines into the jobs the orchestrator runs:
/// each pipeline with a quality task after every task producing a checked table (downstream tasks wait for it),
/// and scheduled maintenance jobs for every declared table. docs/data-operations.md.
/// </summary>
/// <param name="Tables">Every table the platform's jobs touch.</param>
public sealed record DataCatalog(IReadOnlyList<Table> Tables)
{
    /// <summary>The default maintenance policy of each namespace's tables; namespaces not listed get <see cref="MaintenancePolicy.Default"/>.</summary>
    public IReadOnlyList<NamespaceMaintenance> NamespaceMaintenance { get; init; } = [];

    /// <summary>Tables with a maintenance policy of their own.</summary>
    public IReadOnlyList<TableMaintenance> TableMaintenance { get; init; } = [];

    /// <summary>Quality checks per table.</summary>
    public IReadOnlyList<TableChecks> Checks { get; init; } = [];

    /// <summary>The dbt models producing tables of the catalog.</summary>
    public IReadOnlyList<DbtModel> Models { get; init; } = [];

    /// <summary>The Spark image running Spark SQL (maintenance procedures); it ships Spark's SQL command-line driver.</summary>
    public required ContainerImage SparkImage { get; init; }

    /// <summary>The jar of Spark's SQL command-line driver in <see cref="SparkImage"/>.</summary>
    public string SparkSqlJar { get; init; } = "local:///opt/spark/jars/spark-hive-thriftserver_2.12-3.5.7.jar";

    /// <summary>The dbt project of the catalog: its models, every other table as a source, every check as a test.</summary>
    public DbtProject Dbt => new(Tables, Models, Checks);

    /// <summary>The table's own policy, else its namespace's, else the default.</summary>
    public MaintenancePolicy PolicyOf(Table table) =>
        TableMaintenance.FirstOrDefault(p => p.Table.Equals(table))?.Policy
        ?? NamespacePolicy(table.Namespace);

    private MaintenancePolicy NamespacePolicy(string @namespace) =>
        NamespaceMaintenance.FirstOrDefault(p => p.Namespace == @namespace)?.Policy ?? MaintenancePolicy.Default;

    /// <summary>Spark SQL statements run by Spark's SQL command-line driver, with the platform's Iceberg catalog.</summary>
    public SparkTask SparkSql(string name, TableSql sql) =>
        new(name, SparkImage, SparkSqlJar, MainClass: "org.apache.spark.sql.hive.thriftserver.SparkSQLCLIDriver", Arguments: ["-e", sql.Text])
        {
            Tables = sql.Tables,
        };

    /// <summary>Trino DDL creating <paramref name="tables"/> (with their namespaces) where absent, Parquet and partitioned as declared.</summary>
    public SqlTask EnsureTables(string name, params Table[] tables) =>
        new(name, string.Join("; ", tables.Select(t => t.CreateStatements()))) { Tables = tables };

    /// <summary>dbt run of <paramref name="models"/>: the task produces their tables (so their checks run after it).</summary>
    public DbtTask DbtRun(string name, params DbtModel[] models) =>
        new(name, Dbt, ["run", "--select", string.Join(" ", models.Select(m => m.Name))])
        {
            Tables = [.. models.SelectMany(m => m.Select.Tables.Append(m.Target)).Distinct()],
            Produces = [.. models.Select(m => m.Target)],
        };

    /// <summary>
    /// The jobs the orchestrator runs: <paramref name="pipelines"/> with their quality gates, then one
    /// maintenance job per namespace (and per table with a schedule of its own). Checks every reference to a
    /// table first (LH0170, LH0171, LH0172), reported at the line calling this.
    /// </summary>
    public IReadOnlyList<JobSpec> Jobs(IReadOnlyList<JobSpec> pipelines,
        [CallerFilePath] string callerFile = "", [CallerLineNumber] int callerLine = 0)
    {
        var problem = DataChecks.FirstProblem(this, pipelines);
        if (problem is { } p)
        {
            throw new RuleViolationException(new Diagnostic(p.Rule, CallerLocation.From(callerFile, callerLine), p.Message));
        }
        return [.. pipelines.Select(WithQualityGates), .. MaintenanceJobs()];
    }

    /// <summary>
    /// The job with a dbt test task "quality-TABLE" after each task that produces a checked table; the tasks that
    /// ran after the producer run after the quality task too, so a failed check stops them.
    /// </summary>
    public JobSpec WithQualityGates(JobSpec job)
    {
        var tasks = job.Tasks.ToList();
        var original = job.Tasks.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var producer in job.Tasks)
        {
            var at = tasks.FindIndex(t => t.Name == producer.Name);
            foreach (var table in producer.Produces.Where(t => Checks.Any(c => c.Table.Equals(t) && c.Checks.Count > 0)))
            {
                var gate = new DbtTask($"quality-{table.Label}", Dbt, ["test", "--select", Dbt.TestSelector(table)])
                {
                    After = [producer.Name],
                    Tables = [table],
                };
                // Only the job's own tasks wait for the gate; the producer's other gates run beside it.
                for (var i = 0; i < tasks.Count; i++)
                {
                    if (original.Contains(tasks[i].Name) && tasks[i].After.Contains(producer.Name))
                    {
                        tasks[i] = tasks[i] with { After = [.. tasks[i].After, gate.Name] };
                    }
                }
                tasks.Insert(++at, gate);
            }
        }
        return job with { Tasks = tasks };
    }

    /// <summary>
    /// Maintenance as jobs: per table, Spark compacts data files to the policy's target size and rewrites
    /// manifests, then Trino expires snapshots and removes orphan files older than the retentions. Tables with
    /// declared columns are created first when absent, so maintenance never fails on a table no run has made.
    /// </summary>
    public IReadOnlyList<JobSpec> MaintenanceJobs()
    {
        var jobs = new List<JobSpec>();
        foreach (var group in Tables.GroupBy(t => t.Namespace, StringComparer.Ordinal))
        {
            var schedule = NamespacePolicy(group.Key).Schedule;
            var shared = group.Where(t => PolicyOf(t).Schedule == schedule).ToList();
            if (shared.Count > 0)
            {
                jobs.Add(MaintenanceJob($"maintain-{group.Key.Replace('_', '-')}", schedule, shared));
            }
            jobs.AddRange(group.Except(shared).Select(t => MaintenanceJob($"maintain-{t.Label}", PolicyOf(t).Schedule, [t])));
        }
        return jobs;
    }

    private JobSpec MaintenanceJob(string name, string schedule, IReadOnlyList<Table> tables)
    {
        var tasks = new List<TaskSpec>();
        var created = tables.Where(t => t.Columns.Count > 0).ToList();
        if (created.Count > 0)
        {
            tasks.Add(EnsureTables("ensure-tables", [.. created]));
        }
        foreach (var table in tables)
        {
            var policy = PolicyOf(table);
            var compact = $"CALL {Table.CatalogName}.system.rewrite_data_files(table => '{table.NamespacedName}', " +
                $"options => map('target-file-size-bytes', '{policy.TargetFileSizeBytes.ToString(CultureInfo.InvariantCulture)}'))";
            if (policy.RewriteManifests)
            {
                compact += $"; CALL {Table.CatalogName}.system.rewrite_manifests(table => '{table.NamespacedName}')";
            }
            tasks.Add(SparkSql($"compact-{table.Label}", new TableSql(compact, [table])) with
            {
                After = created.Count > 0 ? ["ensure-tables"] : [],
            });
            tasks.Add(new SqlTask($"expire-{table.Label}", TableSql.Of(
                $"ALTER TABLE {table} EXECUTE expire_snapshots(retention_threshold => '{MaintenancePolicy.Duration(policy.SnapshotRetention)}'); " +
                $"ALTER TABLE {table} EXECUTE remove_orphan_files(retention_threshold => '{MaintenancePolicy.Duration(policy.OrphanFileRetention)}')"))
            {
                After = [$"compact-{table.Label}"],
            });
        }
        return new JobSpec(name, schedule, tasks);
    }
}
