using System.Text.Json.Nodes;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Jobs;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model.Components;

/// <summary>
/// Apache Airflow (chart airflow 1.20.0 from airflow.apache.org, Airflow 3.1.8) running the platform's jobs,
/// each rendered as a DAG file into a ConfigMap mounted as the DAGs folder. KubernetesExecutor by default;
/// CeleryExecutor with Flower and the platform's Valkey as broker when env/ asks. Metadata on the platform's
/// PostgreSQL; every chart-generated secret (Fernet key, API secret, JWT secret) replaced by an existing
/// Secret, so no sync ever rotates them. Metrics: Airflow's StatsD, turned into Prometheus metrics by the
/// chart's statsd-exporter and scraped through a ServiceMonitor.
/// </summary>
/// <param name="Name">Component name.</param>
/// <param name="Jobs">The jobs Airflow runs.</param>
public sealed record Airflow(string Name, IReadOnlyList<JobSpec> Jobs) : Component(Name)
{
    public static readonly HelmChart Chart = new("https://airflow.apache.org", "airflow", "1.20.0");

    private const int ApiPort = 8080;
    private const int FlowerPort = 5555;
    private const int StatsdMetricsPort = 9102;
    private const string DagsFolder = "/opt/airflow/dags";

    /// <summary>The broker is optional: only the CeleryExecutor (chosen in env/) uses it.</summary>
    public override IReadOnlyList<Need> Needs => [.. OrchestratorNeeds.For(Jobs), Need.OptionalOf<IKeyValueStore>()];

    /// <summary>The ConfigMap holding the DAG files.</summary>
    public string DagsConfigMap(ComponentContext context) => context.Naming.Object(Name, "dags");

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var naming = context.Naming;
        var config = context.Environment.Orchestrator.Airflow;
        var celery = config.Executor == AirflowExecutor.Celery;
        var lineage = context.TryUse<ILineageBackend>();

        var values = new JsonObject()
            .Set("executor", celery ? "CeleryExecutor" : "KubernetesExecutor")
            // The platform's PostgreSQL, not the chart's bundled one; the Secret's key 'connection' holds
            // postgresql://ROLE:PASSWORD@HOST:5432/DATABASE (created out of band, docs/secrets.md).
            .Set("postgresql.enabled", false)
            .Set("data.metadataSecretName", naming.Secret(Name, "metadata"))
            .Set("redis.enabled", false)
            .Set("fernetKeySecretName", naming.Secret(Name, "fernet-key"))
            .Set("apiSecretKeySecretName", naming.Secret(Name, "api-secret-key"))
            .Set("jwtSecretName", naming.Secret(Name, "jwt-secret"))
            // No admin with the chart's default password: users come from the auth manager's own setup.
            .Set("createUserJob.enabled", false)
            .Set("migrateDatabaseJob.resources", Values.Resources(new() { Cpu = "100m", Memory = "512Mi" }))
            .Set("scheduler.replicas", config.Replicas)
            .Set("scheduler.resources", Values.Resources(config.Resources))
            .Set("apiServer.replicas", config.Replicas)
            .Set("apiServer.resources", Values.Resources(config.Resources))
            .Set("dagProcessor.resources", Values.Resources(config.Resources))
            .Set("triggerer.resources", Values.Resources(config.Resources))
            .Set("workers.resources", Values.Resources(config.WorkerResources))
            .Set("statsd.enabled", true)
            .Set("statsd.resources", Values.Resources(new() { Cpu = "50m", Memory = "128Mi" }))
            .Set("volumes", Values.List(new JsonObject
            {
                ["name"] = "dags",
                ["configMap"] = new JsonObject { ["name"] = DagsConfigMap(context) },
            }))
            .Set("volumeMounts", Values.List(new JsonObject
            {
                ["name"] = "dags",
                ["mountPath"] = DagsFolder,
                ["readOnly"] = true,
            }))
            // SparkKubernetesOperator talks to the API server with the pod's service account.
            .Set("env", Values.List(new JsonObject
            {
                ["name"] = "AIRFLOW_CONN_KUBERNETES_DEFAULT",
                ["value"] = "{\"conn_type\": \"kubernetes\", \"extra\": {\"in_cluster\": true}}",
            }));

        if (config.Replicas > 1)
        {
            // Several schedulers and API servers: a drain takes one at a time.
            values.Set("scheduler.podDisruptionBudget.enabled", true)
                .Set("apiServer.podDisruptionBudget.enabled", true);
        }
        if (celery)
        {
            // Broker URL redis://:PASSWORD@HOST:6379/0 in the Secret's key 'connection' (out of band).
            _ = context.TryUse<IKeyValueStore>()
                ?? throw new InvalidOperationException("orchestrator.airflow.executor is celery, but no component of the platform offers a Redis-protocol key-value store for the broker");
            values.Set("data.brokerUrlSecretName", naming.Secret(Name, "broker"))
                .Set("workers.replicas", config.Workers)
                .Set("workers.podDisruptionBudget.enabled", config.Workers > 1)
                .Set("flower.enabled", true)
                .Set("flower.resources", Values.Resources(new() { Cpu = "50m", Memory = "256Mi" }));
        }
        if (lineage is not null)
        {
            values.Set("config.openlineage", new JsonObject
            {
                ["transport"] = $"{{\"type\": \"http\", \"url\": \"{lineage.LineageEndpoint(context)}\", \"endpoint\": \"api/v1/lineage\"}}",
                ["namespace"] = lineage.Namespace(context),
            });
        }

        var dags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var job in Jobs)
        {
            dags[AirflowDags.FileName(job)] = AirflowDags.Render(job, TaskRuns.Resolve(context, Name, job), ns, context.Naming.Platform);
        }
        var dagsConfigMap = ManifestObject.From(new k8s.Models.V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new k8s.Models.V1ObjectMeta { Name = DagsConfigMap(context), NamespaceProperty = ns },
            Data = dags,
        });

        var statsdMonitor = StandardObjects.ServiceMonitor(Name, ns, context.MonitorLabels,
            new Dictionary<string, string> { ["tier"] = "airflow", ["component"] = "statsd", ["release"] = naming.Release(Name) },
            new JsonObject { ["port"] = "statsd-scrape", ["path"] = "/metrics", ["interval"] = context.Environment.Monitoring.Interval });

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values,
            // Airflow's images run as uid 50000 without a seccomp profile: baseline, not restricted.
            Manifests =
            [
                .. StandardObjects.Baseline(context, this, celery ? [ApiPort, FlowerPort] : [ApiPort], [StatsdMetricsPort], podSecurity: "baseline"),
                dagsConfigMap,
                statsdMonitor,
            ],
            Metrics = new ManifestMonitor("ServiceMonitor", Name),
            Probes = new ChartTemplateProbes("templates/api-server/api-server-deployment.yaml"),
        };
    }
}

/// <summary>What an orchestrator needs, from what its jobs do.</summary>
internal static class OrchestratorNeeds
{
    public static IReadOnlyList<Need> For(IReadOnlyList<JobSpec> jobs)
    {
        var tasks = jobs.SelectMany(j => j.Tasks).ToList();
        var needs = new List<Need> { Need.Of<IPostgres>(), Need.OptionalOf<ILineageBackend>() };
        if (tasks.OfType<SparkTask>().Any())
        {
            needs.Add(Need.Of<ISparkJobs>());
        }
        if (tasks.OfType<SqlTask>().Any())
        {
            needs.Add(Need.Of<ISqlEngine>());
        }
        return needs;
    }
}
