using System.Text.Json.Nodes;
using Lakehouse.Catalogue;
using Lakehouse.Catalogue.Charts;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Identity;
using Lakehouse.Model.Jobs;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Model.Secrets;

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

    /// <summary>
    /// The purpose of the bucket (declared on the object store) Airflow writes its task logs to, under the prefix
    /// of its own name (remote logging); null keeps logs on the pods only.
    /// </summary>
    public string? LogsBucket { get; init; }

    public override IReadOnlyList<Need> Needs =>
        [.. OrchestratorNeeds.For(Jobs, LogsBucket), .. CeleryBroker ? new[] { Need.Of<IKeyValueStore>() } : [], Need.OptionalOf<IIdentityProvider>()];

    /// <summary>The ConfigMap holding the DAG files.</summary>
    public string DagsConfigMap(ComponentContext context) => context.Naming.Object(Name, "dags");

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var naming = context.Naming;
        var config = context.Environment.Orchestrator.Airflow;
        var celery = config.Executor == AirflowExecutor.Celery;
        var lineage = context.TryUse<ILineageBackend>();
        // The UI's users sign in at the platform's identity provider (docs/identity.md).
        var idp = context.TryUse<IIdentityProvider>();
        var sso = idp?.ClientFor(context, Name);

        // Broker URL redis://USER:PASSWORD@HOST:6379/0 in the Secret's key 'connection' (out of band), as the
        // orchestrator's own Valkey user; every broker key and channel under its prefix, which its ACL allows.
        var broker = celery
            ? (CeleryBroker ? context.Use<IKeyValueStore>() : throw new InvalidOperationException(
                    $"orchestrator.airflow.executor is celery, but component '{Name}' was built without its broker need; add it with platform.AddOrchestrator(env, jobs) or set CeleryBroker = true"))
                .ConnectionFor(context, Name)
            : null;
        // Several schedulers and API servers: a drain takes one at a time.
        var replicated = config.Replicas > 1;
        // The metadata and broker connection strings are templated from the role's and the Valkey user's one
        // password; the keys Airflow signs and encrypts with are generated once.
        var db = context.Use<IPostgres>().DatabaseFor(context, Name);
        context.Secrets.Declare(naming.Secret(Name, "metadata"), "connection", SecretSource.Template(
            $"postgresql://{db.Role}:{{{{ .password | urlquery }}}}@{db.Endpoint.Host}:{db.Endpoint.Port}/{db.Database}", ("password", SecretSource.SameAs(db.Password))));
        if (broker is not null)
        {
            context.Secrets.Declare(naming.Secret(Name, "broker"), "connection",
                SecretSource.Template(broker.Url("{{ .password | urlquery }}"), ("password", SecretSource.SameAs(broker.Password))));
        }
        // A Fernet key is 32 bytes, base64: 32 generated characters, encoded (Fernet decodes either base64 alphabet).
        context.Secrets.Declare(naming.Secret(Name, "fernet-key"), "fernet-key",
            SecretSource.Template("{{ .key | b64enc }}", ("key", SecretSource.Generate(naming.Object(Name, "fernet-key")))));
        context.Secrets.Declare(naming.Secret(Name, "api-secret-key"), "api-secret-key", SecretSource.Generate(naming.Object(Name, "api-secret-key"), PasswordShape.SigningKey));
        context.Secrets.Declare(naming.Secret(Name, "jwt-secret"), "jwt-secret", SecretSource.Generate(naming.Object(Name, "jwt-secret"), PasswordShape.SigningKey));
        var logs = LogsBucket is null ? null : RemoteLogs.For(context, Name, LogsBucket);
        // Every Airflow pod that writes or reads task logs (workers and task pods, scheduler, API server, triggerer,
        // DAG processor) assumes the orchestrator's IAM role where the store grants workload identity.
        var identity = OrchestratorNeeds.WorkloadIdentity(context, logs);

        var values = new AirflowValues
        {
            Executor = celery ? "CeleryExecutor" : "KubernetesExecutor",
            // The platform's PostgreSQL, not the chart's bundled one; the Secret's key 'connection' holds
            // postgresql://ROLE:PASSWORD@HOST:5432/DATABASE (created out of band, docs/secrets.md).
            Postgresql = new() { Enabled = false },
            Data = new()
            {
                MetadataSecretName = naming.Secret(Name, "metadata"),
                // The chart renders its own broker-URL hook Secret unless one is named; with the chart's Redis off
                // and no broker URL that Secret holds "%!s(<nil>)". Naming the Celery broker Secret (docs/secrets.md)
                // suppresses it; only the CeleryExecutor's pods read it.
                BrokerUrlSecretName = naming.Secret(Name, "broker"),
            },
            Redis = new() { Enabled = false },
            FernetKeySecretName = naming.Secret(Name, "fernet-key"),
            ApiSecretKeySecretName = naming.Secret(Name, "api-secret-key"),
            JwtSecretName = naming.Secret(Name, "jwt-secret"),
            // Under Argo CD the chart's Helm hooks deadlock: post-install/post-upgrade become PostSync, which
            // runs only once every pod is healthy, while every Airflow pod waits in its init container for the
            // migrations. As the chart's values.yaml advises for Argo CD: plain Jobs without the hook-only custom
            // env, run by Argo CD as Sync hooks (alongside the Deployments, recreated on each sync since a Job's
            // template is immutable).
            CreateUserJob = new()
            {
                // No admin with the chart's default password: users come from the auth manager's own setup.
                Enabled = false,
                UseHelmHooks = false,
                ApplyCustomEnv = false,
                JobAnnotations = SyncHook(),
            },
            MigrateDatabaseJob = new()
            {
                UseHelmHooks = false,
                ApplyCustomEnv = false,
                JobAnnotations = SyncHook(),
                Resources = Resources(new() { Cpu = "100m", Memory = "512Mi" }),
            },
            Scheduler = new()
            {
                Replicas = config.Replicas,
                Resources = Resources(config.Resources),
                PodDisruptionBudget = replicated ? new() { Enabled = true } : null,
                ServiceAccount = identity is null ? null : new() { Annotations = identity },
            },
            ApiServer = new()
            {
                Replicas = config.Replicas,
                Resources = Resources(config.Resources),
                PodDisruptionBudget = replicated ? new() { Enabled = true } : null,
                ApiServerConfig = sso is null ? null : AirflowSso.Config(sso, idp!.Groups(context)),
                Env = sso is null ? null : [Values.SecretEnv(AirflowSso.ClientSecretVariable, sso.ClientSecret)],
                ServiceAccount = identity is null ? null : new() { Annotations = identity },
            },
            DagProcessor = new() { Resources = Resources(config.Resources), ServiceAccount = identity is null ? null : new() { Annotations = identity } },
            Triggerer = new() { Resources = Resources(config.Resources), ServiceAccount = identity is null ? null : new() { Annotations = identity } },
            Workers = new()
            {
                Resources = Resources(config.WorkerResources),
                ServiceAccount = identity is null ? null : new() { Annotations = identity },
                Replicas = celery ? config.Workers : null,
                PodDisruptionBudget = celery ? new() { Enabled = config.Workers > 1 } : null,
            },
            Statsd = new()
            {
                Enabled = true,
                Resources = Resources(new() { Cpu = "50m", Memory = "128Mi" }),
                // Finished task instances by DAG, task and state: the quality gate's alert reads them (DataQualityRules).
                ExtraMappings = [DataQualityRules.AirflowTaskFinishMapping],
            },
            Flower = celery ? new() { Enabled = true, Resources = Resources(new() { Cpu = "50m", Memory = "256Mi" }) } : null,
            Volumes = [new() { Name = "dags", ConfigMap = new() { Name = DagsConfigMap(context) } }],
            VolumeMounts = [new() { Name = "dags", MountPath = DagsFolder, ReadOnly = true }],
            // SparkKubernetesOperator talks to the API server with the pod's service account.
            Env =
            [
                new() { Name = "AIRFLOW_CONN_KUBERNETES_DEFAULT", Value = "{\"conn_type\": \"kubernetes\", \"extra\": {\"in_cluster\": true}}" },
                .. logs is null ? [] : new[] { new AirflowValuesEnvItem { Name = $"AIRFLOW_CONN_{LogsConnection.ToUpperInvariant()}", Value = LogsConnectionJson(logs) } },
            ],
            // The logs connection names no keys: boto3 reads them from the environment, filled from the Secret.
            Secret = logs is { WorkloadIdentity: false } ? [
                new() { EnvName = "AWS_ACCESS_KEY_ID", SecretName = logs.Credentials.AccessKey!.SecretName, SecretKey = logs.Credentials.AccessKey.Key },
                new() { EnvName = "AWS_SECRET_ACCESS_KEY", SecretName = logs.Credentials.SecretKey!.SecretName, SecretKey = logs.Credentials.SecretKey.Key },
            ] : null,
            Config = AirflowConfig(broker, lineage is null ? null : (lineage.LineageEndpoint(context), lineage.Namespace(context)), logs, sso is not null),
        };

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
            new() { Port = "statsd-scrape", Path = "/metrics", Interval = context.Environment.Monitoring.Interval });

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values.ToValues(),
            Manifests =
            [
                .. StandardObjects.Baseline(context, this, celery ? [ApiPort, FlowerPort] : [ApiPort], [StatsdMetricsPort],
                    podSecurity: PodSecurity.Baseline("Airflow's images run as uid 50000 without a seccomp profile, which restricted requires")),
                dagsConfigMap,
                statsdMonitor,
                .. DataQualityRules.Manifests(context, ns, Name, Jobs, DataQualityRules.Orchestrator.Airflow),
            ],
            Metrics = new ManifestMonitor("ServiceMonitor", Name),
            Probes = new ChartTemplateProbes("templates/api-server/api-server-deployment.yaml"),
            // Tasks run as pods (KubernetesPodOperator) or SparkApplications, both created through the API server.
            Egress = [EgressGrant.KubernetesApi(celery
                ? "tasks create their pods (KubernetesPodOperator) and SparkApplications through the API server"
                : "KubernetesExecutor creates a pod per task; tasks create their pods (KubernetesPodOperator) and SparkApplications")],
        };
    }

    /// <summary>The Airflow connection (id) task logs are written through: an Amazon Web Services connection to the store.</summary>
    public const string LogsConnection = "object_storage_logs";

    /// <summary>
    /// The logs connection as Airflow reads it from AIRFLOW_CONN_OBJECT_STORAGE_LOGS: the store's endpoint and region,
    /// path-style addressing for in-cluster stores (botocore's s3.addressing_style); no credentials in it.
    /// </summary>
    public static string LogsConnectionJson(RemoteLogs logs) =>
        new JsonObject
        {
            ["conn_type"] = "aws",
            ["extra"] = new JsonObject
            {
                ["endpoint_url"] = logs.Endpoint.ToString(),
                ["region_name"] = logs.Region,
                ["config_kwargs"] = new JsonObject { ["s3"] = new JsonObject { ["addressing_style"] = logs.PathStyle ? "path" : "virtual" } },
            },
        }.ToJsonString();

    /// <summary>Argo CD runs the Job in the Sync phase and deletes the previous one first.</summary>
    private static Dictionary<string, string> SyncHook() => new()
    {
        ["argocd.argoproj.io/hook"] = "Sync",
        ["argocd.argoproj.io/hook-delete-policy"] = "BeforeHookCreation",
    };

    private static AirflowIoK8sApiCoreV1ResourceRequirements Resources(ResourcesConfig resources) =>
        ChartValues.From<AirflowIoK8sApiCoreV1ResourceRequirements>(Values.Resources(resources));

    /// <summary>
    /// airflow.cfg sections the platform sets: the Celery broker's key prefix (its Valkey user may touch only
    /// those keys), where OpenLineage events go, remote task logs and, with single sign-on, the FAB auth manager; null when none applies.
    /// </summary>
    private static Dictionary<string, IReadOnlyDictionary<string, JsonNode>>? AirflowConfig(
        KeyValueConnection? broker, (Endpoint Endpoint, string Namespace)? lineage, RemoteLogs? logs, bool fabAuthManager)
    {
        var config = new Dictionary<string, IReadOnlyDictionary<string, JsonNode>>(StringComparer.Ordinal);
        if (fabAuthManager)
        {
            config["core"] = new Dictionary<string, JsonNode> { ["auth_manager"] = AirflowSso.AuthManager };
        }
        if (logs is not null)
        {
            config["logging"] = new Dictionary<string, JsonNode>
            {
                ["remote_logging"] = "True",
                ["remote_base_log_folder"] = logs.BaseUri,
                ["remote_log_conn_id"] = LogsConnection,
                ["delete_local_logs"] = "True",
            };
        }
        if (broker is not null)
        {
            config["celery_broker_transport_options"] = new Dictionary<string, JsonNode> { ["global_keyprefix"] = broker.KeyPrefix };
        }
        if (lineage is { } l)
        {
            config["openlineage"] = new Dictionary<string, JsonNode>
            {
                ["transport"] = $"{{\"type\": \"http\", \"url\": \"{l.Endpoint}\", \"endpoint\": \"api/v1/lineage\"}}",
                ["namespace"] = l.Namespace,
            };
        }
        return config.Count > 0 ? config : null;
    }
}

/// <summary>What an orchestrator needs, from what its jobs do.</summary>
internal static class OrchestratorNeeds
{
    public static IReadOnlyList<Need> For(IReadOnlyList<JobSpec> jobs, string? logsBucket = null)
    {
        var tasks = jobs.SelectMany(j => j.Tasks).ToList();
        var needs = new List<Need> { Need.Of<IPostgres>(), Need.OptionalOf<ILineageBackend>() };
        if (logsBucket is not null)
        {
            needs.Add(Need.Of<IObjectStorage>());
        }
        if (tasks.OfType<SparkTask>().Any())
        {
            needs.Add(Need.Of<ISparkJobs>());
        }
        if (tasks.OfType<SqlTask>().Any() || tasks.OfType<DbtTask>().Any())
        {
            needs.Add(Need.Of<ISqlEngine>());
        }
        return needs;
    }

    /// <summary>
    /// The service-account annotation that gives the orchestrator's pods its IAM role (IAM roles for service
    /// accounts), when its logs' store grants workload identity; null when it signs in with keys or writes no logs.
    /// </summary>
    public static Dictionary<string, string>? WorkloadIdentity(ComponentContext context, RemoteLogs? logs) =>
        logs is { WorkloadIdentity: true }
            ? new() { ["eks.amazonaws.com/role-arn"] = context.Environment.Orchestrator.ServiceAccountRoleArn
                ?? throw new InvalidOperationException("the object store grants workload identity (storage.external.workloadIdentity), so the orchestrator writes its task logs with its IAM role: set orchestrator.serviceAccountRoleArn") }
            : null;
}
