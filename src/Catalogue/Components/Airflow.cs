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
    public static HelmChart Chart => Locked.Chart("airflow");

    private const int ApiPort = 8080;
    private const int FlowerPort = 5555;
    private const int StatsdMetricsPort = 9102;
    private const string DagsFolder = "/opt/airflow/dags";

    /// <summary>
    /// Whether this Airflow runs the CeleryExecutor, which needs the key-value store as its broker. Needs are
    /// read before any environment is described, so the executor env/ chooses is passed in here
    /// (<see cref="Backends.AddOrchestrator"/>); with the KubernetesExecutor Airflow is no client of the store
    /// (no ACL user, not admitted by its NetworkPolicy).
    /// </summary>
    public bool CeleryBroker { get; init; }

    public override IReadOnlyList<Need> Needs => CeleryBroker ? [.. OrchestratorNeeds.For(Jobs), Need.Of<IKeyValueStore>()] : OrchestratorNeeds.For(Jobs);

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
            // Under Argo CD the chart's Helm hooks deadlock: post-install/post-upgrade become PostSync, which
            // runs only once every pod is healthy, while every Airflow pod waits in its init container for the
            // migrations. As the chart's values.yaml advises for Argo CD: plain Jobs without the hook-only custom
            // env, run by Argo CD as Sync hooks (alongside the Deployments, recreated on each sync since a Job's
            // template is immutable).
            .Set("createUserJob.useHelmHooks", false)
            .Set("createUserJob.applyCustomEnv", false)
            .Set("createUserJob.jobAnnotations", SyncHook())
            .Set("migrateDatabaseJob.useHelmHooks", false)
            .Set("migrateDatabaseJob.applyCustomEnv", false)
            .Set("migrateDatabaseJob.jobAnnotations", SyncHook())
            // The chart renders its own broker-URL hook Secret unless one is named; with the chart's Redis off
            // and no broker URL that Secret holds "%!s(<nil>)". Naming the Celery broker Secret (docs/secrets.md)
            // suppresses it; only the CeleryExecutor's pods read it.
            .Set("data.brokerUrlSecretName", naming.Secret(Name, "broker"))
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
            // Broker URL redis://USER:PASSWORD@HOST:6379/0 in the Secret's key 'connection' (out of band), as the
            // orchestrator's own Valkey user; every broker key and channel under its prefix, which its ACL allows.
            var broker = (CeleryBroker ? context.Use<IKeyValueStore>() : throw new InvalidOperationException(
                    $"orchestrator.airflow.executor is celery, but component '{Name}' was built without its broker need; add it with platform.AddOrchestrator(env, jobs) or set CeleryBroker = true"))
                .ConnectionFor(context, Name);
            values.Set("config.celery_broker_transport_options.global_keyprefix", broker.KeyPrefix)
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
            Manifests =
            [
                .. StandardObjects.Baseline(context, this, celery ? [ApiPort, FlowerPort] : [ApiPort], [StatsdMetricsPort],
                    podSecurity: PodSecurity.Baseline("Airflow's images run as uid 50000 without a seccomp profile, which restricted requires")),
                dagsConfigMap,
                statsdMonitor,
            ],
            Metrics = new ManifestMonitor("ServiceMonitor", Name),
            Probes = new ChartTemplateProbes("templates/api-server/api-server-deployment.yaml"),
            // Tasks run as pods (KubernetesPodOperator) or SparkApplications, both created through the API server.
            Egress = [EgressGrant.KubernetesApi(celery
                ? "tasks create their pods (KubernetesPodOperator) and SparkApplications through the API server"
                : "KubernetesExecutor creates a pod per task; tasks create their pods (KubernetesPodOperator) and SparkApplications")],
        };
    }

    /// <summary>Argo CD runs the Job in the Sync phase and deletes the previous one first.</summary>
    private static JsonObject SyncHook() => new()
    {
        ["argocd.argoproj.io/hook"] = "Sync",
        ["argocd.argoproj.io/hook-delete-policy"] = "BeforeHookCreation",
    };
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
