using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Lakehouse.Model.Configuration;

/// <summary>
/// Everything that differs between environments. One YAML file per environment in env/, validated
/// against the JSON Schema generated from these types (env/environment.schema.json).
/// </summary>
public sealed record EnvironmentConfig
{
    /// <summary>The environment's name: the env file's name without extension (dev, staging, prod).</summary>
    [JsonIgnore]
    public string Name { get; init; } = "";

    /// <summary>The Kubernetes cluster this environment deploys to.</summary>
    [Required]
    public required ClusterConfig Cluster { get; init; }

    /// <summary>The Git repository and revision Argo CD reads this tree from.</summary>
    [Required]
    public required GitOpsConfig GitOps { get; init; }

    /// <summary>DNS domain under which this environment's user-facing services are published.</summary>
    [Required, RegularExpression(Patterns.DnsName)]
    public required string Domain { get; init; }

    /// <summary>Where Prometheus runs and how it selects monitors.</summary>
    public MonitoringConfig Monitoring { get; init; } = new();

    /// <summary>Argo CD itself, as the platform manages it: high availability.</summary>
    public ArgoCdConfig ArgoCd { get; init; } = new();

    /// <summary>Object storage: which S3-compatible backend and its size.</summary>
    [Required]
    public required StorageConfig Storage { get; init; }

    /// <summary>The Apache Iceberg catalog: which backend and its size.</summary>
    [Required]
    public required CatalogConfig Catalog { get; init; }

    /// <summary>The AWS account and OIDC provider of the environment's cloud resources (docs/cloud-resources.md); absent outside AWS.</summary>
    public AwsConfig? Aws { get; init; }

    /// <summary>PostgreSQL (CloudNativePG): instances, sizes, backups. Defaults: one small instance.</summary>
    public PostgresConfig Postgres { get; init; } = new()
    {
        Instances = 1,
        StorageSize = "10Gi",
        Resources = new() { Cpu = "250m", Memory = "512Mi" },
    };

    /// <summary>Valkey: replicas and sizes. Defaults: one small instance, in memory.</summary>
    public ValkeyConfig Valkey { get; init; } = new() { Resources = new() { Cpu = "100m", Memory = "256Mi" } };

    /// <summary>Which orchestrator runs the jobs (Airflow by default) and its sizes.</summary>
    public OrchestratorConfig Orchestrator { get; init; } = new();

    /// <summary>Marquez (lineage): replicas and sizes. Defaults: one small server.</summary>
    public LineageConfig Lineage { get; init; } = new();

    /// <summary>MLflow: replicas, sizes, workload identity. Defaults: one small server.</summary>
    public MlflowConfig Mlflow { get; init; } = new();

    /// <summary>Spark: the identity its jobs run as on AWS.</summary>
    public SparkConfig Spark { get; init; } = new();

    /// <summary>The external secret store the External Secrets Operator reads from (docs/secrets.md). Default: a namespace of the cluster.</summary>
    public SecretsConfig Secrets { get; init; } = new();

    /// <summary>Trino: coordinator and worker sizes.</summary>
    [Required]
    public required TrinoConfig Trino { get; init; }

    /// <summary>Single sign-on: the OIDC provider every UI signs people in at; absent, each UI keeps its local users.</summary>
    public IdentityConfig? Identity { get; init; }

    /// <summary>
    /// Sections of further component instances, by component name: <c>instances: { adhoc: { trino: {...} } }</c>
    /// sizes the Trino added as "adhoc" apart from the top-level <c>trino:</c> (see <see cref="InstanceConfig"/>).
    /// </summary>
    public IReadOnlyDictionary<string, InstanceConfig> Instances { get; init; } = new SortedDictionary<string, InstanceConfig>(StringComparer.Ordinal);

    /// <summary>Where each instance section's key is in the env file (set by the loader; for diagnostics about the platform).</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, Diagnostics.SourceLocation> InstanceLocations { get; init; } = new SortedDictionary<string, Diagnostics.SourceLocation>(StringComparer.Ordinal);

    /// <summary>
    /// Sizes of the platform's workspaces in this environment, by workspace name: <c>workspaces: { analytics: { cpu: "4", ... } }</c>.
    /// Each key must name a workspace the definitions add (LH0142); a workspace without one gets <see cref="WorkspaceConfig.Default"/>.
    /// </summary>
    public IReadOnlyDictionary<string, WorkspaceConfig> Workspaces { get; init; } = new SortedDictionary<string, WorkspaceConfig>(StringComparer.Ordinal);

    /// <summary>Where each workspace section's key is in the env file (set by the loader; for diagnostics about the platform).</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, Diagnostics.SourceLocation> WorkspaceLocations { get; init; } = new SortedDictionary<string, Diagnostics.SourceLocation>(StringComparer.Ordinal);

    /// <summary>The sizes of workspace <paramref name="workspace"/> here: its section, else the defaults.</summary>
    public WorkspaceConfig WorkspaceOf(string workspace) =>
        Workspaces.TryGetValue(workspace, out var own) ? own : WorkspaceConfig.Default;

    /// <summary>The Trino section of component <paramref name="component"/>: its instance section, else the top-level <c>trino:</c>.</summary>
    public TrinoConfig TrinoOf(string component) =>
        Instances.TryGetValue(component, out var instance) && instance.Trino is { } own ? own : Trino;

    /// <summary>
    /// Chart versions this environment deploys instead of the lock's default, by chart name:
    /// `charts: { trino: "1.43.0" }`. Each must be a version charts.lock.yaml locks for that chart.
    /// </summary>
    public IReadOnlyDictionary<string, string> Charts { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Image tags this environment deploys instead of the lock's default, by image key:
    /// `images: { trino: "481" }`. Each key must name an image of charts.lock.yaml.
    /// </summary>
    public IReadOnlyDictionary<string, string> Images { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>The target cluster.</summary>
public sealed record ClusterConfig
{
    /// <summary>Kubernetes API server by DNS name, with scheme and port: https://api.prod.example.com:6443.</summary>
    [Required, RegularExpression(Patterns.Endpoint)]
    public required string Server { get; init; }
}

/// <summary>Where Argo CD reads the rendered tree.</summary>
public sealed record GitOpsConfig
{
    /// <summary>HTTPS URL of this Git repository, as registered in Argo CD.</summary>
    [Required, RegularExpression(Patterns.RepositoryUrl)]
    public required string Repository { get; init; }

    /// <summary>Branch, tag or commit Argo CD tracks for this environment.</summary>
    [Required, RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9._/-]*$")]
    public required string Revision { get; init; }

    /// <summary>Namespace Argo CD runs in.</summary>
    [RegularExpression(Patterns.DnsLabel)]
    public string ArgoCdNamespace { get; init; } = "argocd";
}

/// <summary>Argo CD as a platform component (chart argo-cd, in gitOps.argoCdNamespace).</summary>
public sealed record ArgoCdConfig
{
    /// <summary>
    /// Run Argo CD highly available: Redis HA, two API servers, two repo servers and two ApplicationSet
    /// controllers, each with a PodDisruptionBudget (needs at least three nodes for Redis HA).
    /// </summary>
    public bool HighAvailability { get; init; }
}

/// <summary>Prometheus discovery.</summary>
public sealed record MonitoringConfig
{
    /// <summary>Namespace Prometheus scrapes from (allowed in by every NetworkPolicy on metrics ports).</summary>
    [RegularExpression(Patterns.DnsLabel)]
    public string Namespace { get; init; } = "monitoring";

    /// <summary>
    /// Labels Prometheus selects ServiceMonitors, PodMonitors and PrometheusRules by. kube-prometheus-stack labels
    /// its own monitors release=&lt;release name&gt;, and the monitoring component's release is "monitoring".
    /// </summary>
    public IReadOnlyDictionary<string, string> MonitorLabels { get; init; } =
        new SortedDictionary<string, string>(StringComparer.Ordinal) { ["release"] = "monitoring" };

    /// <summary>Scrape interval for every monitor.</summary>
    [RegularExpression(@"^\d+[smh]$")]
    public string Interval { get; init; } = "30s";

    /// <summary>Prometheus replicas (2 or more for HA: each scrapes every target).</summary>
    [Range(1, 5)]
    public int PrometheusReplicas { get; init; } = 1;

    /// <summary>How long Prometheus keeps samples: 10d, 30d.</summary>
    [RegularExpression(@"^[0-9]+(h|d|w|y)$")]
    public string Retention { get; init; } = "10d";

    /// <summary>Size of each Prometheus replica's volume.</summary>
    [RegularExpression(Patterns.StorageSize)]
    public string StorageSize { get; init; } = "20Gi";

    /// <summary>CPU and memory of each Prometheus replica.</summary>
    public ResourcesConfig PrometheusResources { get; init; } = new() { Cpu = "500m", Memory = "2Gi" };

    /// <summary>Alertmanager replicas (3 for HA: they gossip to deduplicate notifications).</summary>
    [Range(1, 5)]
    public int AlertmanagerReplicas { get; init; } = 1;

    /// <summary>Alert thresholds, where an environment wants them stricter or looser.</summary>
    public AlertThresholds Alerts { get; init; } = new();
}

/// <summary>Thresholds of the platform's PrometheusRules.</summary>
public sealed record AlertThresholds
{
    /// <summary>Share of orchestrator task runs failing over 30 minutes above which TaskFailureRateHigh fires (0.1 = 10%).</summary>
    [Range(0.0, 1.0)]
    public double TaskFailureRatio { get; init; } = 0.1;

    /// <summary>Share of max_connections in use above which PostgresConnectionsHigh fires.</summary>
    [Range(0.0, 1.0)]
    public double PostgresConnectionsRatio { get; init; } = 0.8;

    /// <summary>Buffer cache hit ratio below which PostgresCacheHitRatioLow fires.</summary>
    [Range(0.0, 1.0)]
    public double PostgresCacheHitRatio { get; init; } = 0.95;

    /// <summary>Share of maxmemory in use above which ValkeyMemoryHigh fires.</summary>
    [Range(0.0, 1.0)]
    public double ValkeyMemoryRatio { get; init; } = 0.8;

    /// <summary>Share of the object store's capacity in use above which MinioCapacityHigh and SeaweedfsCapacityHigh fire.</summary>
    [Range(0.0, 1.0)]
    public double ObjectStoreUsageRatio { get; init; } = 0.8;

    /// <summary>How long a condition holds before the alert fires: 5m, 15m.</summary>
    [RegularExpression(@"^[0-9]+[smh]$")]
    public string For { get; init; } = "10m";
}

/// <summary>CPU and memory of one workload: requests, with the memory limit equal to the request.</summary>
public sealed record ResourcesConfig
{
    /// <summary>CPU request in Kubernetes quantity form: 500m, 2.</summary>
    [Required, RegularExpression(Patterns.Cpu)]
    public required string Cpu { get; init; }

    /// <summary>Memory request and limit: 512Mi, 8Gi.</summary>
    [Required, RegularExpression(Patterns.Memory)]
    public required string Memory { get; init; }
}

/// <summary>Regular expressions shared by the configuration types and their schema.</summary>
public static class Patterns
{
    public const string DnsLabel = @"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";
    public const string DnsName = @"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$";
    public const string Endpoint = @"^[a-z][a-z0-9+.-]*://[A-Za-z0-9.-]+:[0-9]{1,5}(/.*)?$";
    public const string RepositoryUrl = @"^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?/[A-Za-z0-9._/-]+$";
    public const string Cpu = @"^([0-9]+m|[0-9]+(\.[0-9]+)?)$";
    public const string Memory = @"^[0-9]+(Mi|Gi)$";
    public const string StorageSize = @"^[0-9]+(Mi|Gi|Ti)$";
    public const string Region = @"^[a-z]{2}(-[a-z]+)+-[0-9]+$|^[a-z0-9-]+$";

    /// <summary>An HTTPS URL by host name, the port optional (an OIDC issuer is compared as written, so none is added).</summary>
    public const string HttpsUrl = @"^https://[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?$";

    /// <summary>A JWT claim name (or a dotted path into nested claims).</summary>
    public const string ClaimName = @"^[A-Za-z_][A-Za-z0-9_:.-]*$";
}
