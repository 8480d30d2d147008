using System.Text.Json.Nodes;
using Lakehouse.Catalogue.Charts;
using Lakehouse.Catalogue.CustomResources;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Jobs;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model.Components;

/// <summary>
/// The Kubeflow Spark operator (chart spark-operator from kubeflow.github.io/spark-operator). Spark jobs run
/// in this component's namespace as the platform's Spark identity: its own object-store user, catalog
/// principal and lineage namespace, so every consumer's jobs see the same lakehouse. Consumers (the
/// orchestrator) create SparkApplications here; a Role lets every service account of their namespaces do so.
/// </summary>
public sealed record SparkOperator(string Name) : Component(Name), ISparkJobs
{
    public static HelmChart Chart => Locked.Chart("spark-operator");

    /// <summary>Service account of drivers and executors in the job namespace (the chart creates it with its RBAC).</summary>
    public const string JobServiceAccount = "spark";

    /// <summary>The Iceberg catalog's name in Spark SQL: the same as in Trino, so a table has one name everywhere.</summary>
    public const string CatalogName = "iceberg";

    private const int MetricsPort = 8080;
    private const int WebhookPort = 9443;
    private const int DriverUiPort = 4040;
    private const string RoleName = "sparkapplication-submitter";

    public override IReadOnlyList<Need> Needs =>
        [Need.Of<IObjectStorage>(), Need.Of<IIcebergCatalog>(), Need.OptionalOf<ILineageBackend>()];

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var values = new SparkOperatorValues
        {
            Controller = new() { Replicas = 1, Resources = Values.Resources(new() { Cpu = "100m", Memory = "256Mi" }) },
            Webhook = new() { Enable = true, Resources = Values.Resources(new() { Cpu = "50m", Memory = "128Mi" }) },
            Spark = new()
            {
                // Jobs run here, with the chart's spark service account and RBAC.
                JobNamespaces = [ns],
                ServiceAccount = new()
                {
                    Name = JobServiceAccount,
                    // Jobs reach AWS-managed storage and catalogs by their own workload identity, not by keys.
                    Annotations = context.Environment.Spark.ServiceAccountRoleArn is { } roleArn
                        ? new() { ["eks.amazonaws.com/role-arn"] = roleArn }
                        : null,
                },
            },
            Prometheus = new()
            {
                Metrics = new() { Enable = true, Port = MetricsPort },
                PodMonitor = new()
                {
                    Create = true,
                    Labels = Values.Map(context.MonitorLabels),
                    PodMetricsEndpoint = new() { Interval = context.Environment.Monitoring.Interval },
                },
            },
        };

        var driverMonitor = StandardObjects.PodMonitor("spark-drivers", ns, context.MonitorLabels,
            new Dictionary<string, string> { ["spark-role"] = "driver" },
            new() { Port = "spark-ui", Path = "/metrics/prometheus/", Interval = context.Environment.Monitoring.Interval });

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values.ToValues(),
            Manifests =
            [
                StandardObjects.Namespace(ns, context.Naming.Platform, PodSecurity.Baseline("Spark images run as uid 185 without a seccomp profile, which restricted requires")),
                StandardObjects.IngressPolicy(ns, [], [], context.Environment.Monitoring.Namespace, [MetricsPort, DriverUiPort]),
                StandardObjects.WebhookPolicy(ns, "operator-admission-webhook",
                    new Dictionary<string, string> { ["app.kubernetes.io/component"] = "webhook" }, WebhookPort,
                    "the API server calls the operator's mutating and validating webhooks for SparkApplications"),
                SubmitterRole(ns),
                .. context.ConsumerNamespaces.Select(c => SubmitterBinding(ns, c)),
                driverMonitor,
            ],
            Metrics = new ChartMonitor("prometheus.podMonitor.create"),
            // Controller and webhook probe /healthz and /readyz on their health port.
            Probes = new ChartTemplateProbes("templates/controller/deployment.yaml"),
            ClusterResources = GroupKind.OperatorWithWebhooks,
            Egress =
            [
                EgressGrant.KubernetesApi("the controller and webhook watch SparkApplications; each driver creates and watches its executor pods"),
                new EgressGrant("maven-repositories", "Spark jobs resolve spark.jars.packages (Iceberg runtime, PostgreSQL driver, OpenLineage) from Maven Central over HTTPS when they start", [443]),
            ],
        };
    }

    /// <summary>
    /// A SparkApplication for <paramref name="task"/>, named CONSUMER-JOB-TASK (cut to a label), running as the
    /// platform's Spark identity with the catalog, store and lineage of this environment.
    /// </summary>
    public JsonObject SparkApplication(ComponentContext context, string consumer, string job, SparkTask task)
    {
        var ns = context.NamespaceOf(this);
        var naming = context.Naming;
        var storage = context.UseFor<IObjectStorage>(Name);
        var catalog = context.UseFor<IIcebergCatalog>(Name).ConnectionFor(context, Name);
        var s3 = storage.CredentialsFor(context, Name);
        var lineage = context.Connections.TryGetValue((Name, typeof(ILineageBackend)), out var provider) ? (ILineageBackend)provider : null;

        var conf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in SparkIcebergConf.For(CatalogName, catalog, storage.S3Endpoint(context), storage.Region(context), storage.PathStyleAccess(context)))
        {
            conf[key] = value;
        }
        // Spark's own metrics in Prometheus format on the driver UI (scraped by the spark-drivers PodMonitor).
        conf["spark.ui.prometheus.enabled"] = "true";
        conf["spark.metrics.conf.*.sink.prometheusServlet.class"] = "org.apache.spark.metrics.sink.PrometheusServlet";
        conf["spark.metrics.conf.*.sink.prometheusServlet.path"] = "/metrics/prometheus/";
        if (lineage is not null)
        {
            foreach (var (key, value) in SparkIcebergConf.OpenLineage(lineage.LineageEndpoint(context), lineage.Namespace(context)))
            {
                conf[key] = value;
            }
            conf["spark.openlineage.parentJobNamespace"] = lineage.Namespace(context);
            conf["spark.openlineage.parentJobName"] = job;
        }

        // One environment for the driver and the executors (the CRD types each pod's list separately).
        var env = new List<(string Name, string? Value, SecretRef? Secret)>();
        if (s3.AccessKey is not null && s3.SecretKey is not null)
        {
            env.Add(("AWS_ACCESS_KEY_ID", null, s3.AccessKey));
            env.Add(("AWS_SECRET_ACCESS_KEY", null, s3.SecretKey));
        }
        env.Add(("AWS_REGION", storage.Region(context), null));
        string? pgpassSecret = null;
        catalog.Match(
            rest: rest =>
            {
                env.Add(("ICEBERG_REST_CREDENTIAL", null, rest.Credential));
                return env;
            },
            jdbc: jdbc =>
            {
                env.Add(("PGPASSFILE", $"{SparkIcebergConf.PgpassDirectory}/pgpass", null));
                pgpassSecret = naming.Secret(Name, "catalog-pgpass");
                // host:port:database:role:password, the password the catalog role's one value (':' and '\' escaped).
                var db = jdbc.Database;
                context.Secrets.DeclareIn(ns, pgpassSecret, "pgpass", Model.Secrets.SecretSource.Template(
                    $"{db.Endpoint.Host}:{db.Endpoint.Port}:{db.Database}:{db.Role}:{{{{ .password | replace \"\\\\\" \"\\\\\\\\\" | replace \":\" \"\\\\:\" }}}}\n",
                    ("password", Model.Secrets.SecretSource.SameAs(db.Password))));
                return env;
            },
            // Hive Metastore and Glue need no credential in the pod: Thrift is unauthenticated in the
            // cluster, Glue uses the service account's IAM role.
            hive: _ => env,
            glue: _ => env);

        var labels = new Dictionary<string, string>
        {
            ["app.kubernetes.io/part-of"] = naming.Platform,
            ["lakehouse.io/submitted-by"] = consumer,
            ["lakehouse.io/job"] = job,
            ["lakehouse.io/task"] = task.Name,
        };

        var application = new SparkApplicationV1beta2
        {
            Metadata = new() { Name = ApplicationName(consumer, job, task.Name), NamespaceProperty = ns, Labels = labels },
            Spec = new()
            {
                Type = task.MainClass is null ? SparkApplicationV1beta2SpecType.Python : SparkApplicationV1beta2SpecType.Scala,
                Mode = SparkApplicationV1beta2SpecMode.Cluster,
                Image = task.Image.ToString(),
                ImagePullPolicy = "IfNotPresent",
                MainApplicationFile = task.MainApplicationFile,
                MainClass = task.MainClass,
                Arguments = task.Arguments is { Count: > 0 } args ? args : null,
                SparkVersion = SparkIcebergConf.SparkVersion,
                Deps = new() { Packages = [.. SparkIcebergConf.Packages(catalog, lineage is not null)] },
                SparkConf = conf,
                RestartPolicy = new() { Type = SparkApplicationV1beta2SpecRestartPolicyType.Never },
                // Finished applications are removed after a day; the orchestrator keeps the run history.
                TimeToLiveSeconds = 86400,
                Driver = new()
                {
                    Cores = 1,
                    Memory = task.DriverMemory,
                    Labels = labels,
                    Env = [.. env.Select(e => new SparkApplicationV1beta2SpecDriverEnvItem
                    {
                        Name = e.Name,
                        Value = e.Value,
                        ValueFrom = e.Secret is { } secret ? new() { SecretKeyRef = new() { Name = secret.SecretName, Key = secret.Key } } : null,
                    })],
                    ServiceAccount = JobServiceAccount,
                    Secrets = pgpassSecret is null ? null
                        : [new() { Name = pgpassSecret, Path = SparkIcebergConf.PgpassDirectory, SecretType = "Generic" }],
                },
                Executor = new()
                {
                    Cores = task.ExecutorCores,
                    Memory = task.ExecutorMemory,
                    Instances = task.Executors,
                    Labels = labels,
                    Env = [.. env.Select(e => new SparkApplicationV1beta2SpecExecutorEnvItem
                    {
                        Name = e.Name,
                        Value = e.Value,
                        ValueFrom = e.Secret is { } secret ? new() { SecretKeyRef = new() { Name = secret.SecretName, Key = secret.Key } } : null,
                    })],
                    ServiceAccount = JobServiceAccount,
                    Secrets = pgpassSecret is null ? null
                        : [new() { Name = pgpassSecret, Path = SparkIcebergConf.PgpassDirectory, SecretType = "Generic" }],
                },
            },
        };
        return ManifestObject.From(application).Body;
    }

    /// <summary>CONSUMER-JOB-TASK, cut to 63 characters without a trailing '-' (a DNS label).</summary>
    public static string ApplicationName(string consumer, string job, string task)
    {
        var name = $"{consumer}-{job}-{task}";
        return name.Length <= 63 ? name : name[..63].TrimEnd('-');
    }

    private static ManifestObject SubmitterRole(string ns) =>
        ManifestObject.From(new k8s.Models.V1Role
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "Role",
            Metadata = new k8s.Models.V1ObjectMeta { Name = RoleName, NamespaceProperty = ns },
            Rules =
            [
                new k8s.Models.V1PolicyRule
                {
                    ApiGroups = ["sparkoperator.k8s.io"],
                    Resources = ["sparkapplications", "sparkapplications/status"],
                    Verbs = ["create", "delete", "get", "list", "patch", "watch"],
                },
                new k8s.Models.V1PolicyRule { ApiGroups = [""], Resources = ["pods", "pods/log"], Verbs = ["get", "list", "watch"] },
            ],
        });

    /// <summary>Every service account of a consumer's namespace may submit (the orchestrator's workers are there).</summary>
    private static ManifestObject SubmitterBinding(string ns, string consumerNamespace) =>
        ManifestObject.From(new k8s.Models.V1RoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "RoleBinding",
            Metadata = new k8s.Models.V1ObjectMeta { Name = $"{RoleName}-{consumerNamespace}", NamespaceProperty = ns },
            RoleRef = new k8s.Models.V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = RoleName },
            Subjects = [new k8s.Models.Rbacv1Subject { ApiGroup = "rbac.authorization.k8s.io", Kind = "Group", Name = $"system:serviceaccounts:{consumerNamespace}" }],
        });
}
