using System.Text.Json.Nodes;
using Lakehouse.Catalogue.Charts;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Model.Secrets;

namespace Lakehouse.Model.Components;

/// <summary>
/// An in-cluster SeaweedFS object store (chart seaweedfs from seaweedfs.github.io/seaweedfs/helm): masters,
/// volume servers and filers, with the S3 API served by the filers (filer.s3). The gateway embedded in the
/// filers rather than the standalone s3 Deployment: one hop and one workload less, S3 scales and fails over
/// with the filers (the chart's FULLNAME-s3 Service then selects the filer pods), and the chart's bucket hook
/// creates filer.s3.createBuckets exactly as it would s3.createBuckets. S3 authentication is on: each
/// consumer has its own identity in the S3 configuration Secret (created out of band: the chart's generated
/// one knows only an admin and a read-only identity and uses Helm's lookup, which Argo CD does not run),
/// its keys in a Secret in the consumer's namespace.
/// </summary>
/// <param name="Name">Component name.</param>
/// <param name="Buckets">Bucket purposes ("warehouse"); each becomes platform-environment-purpose.</param>
public sealed record SeaweedfsStorage(string Name, IReadOnlyList<string> Buckets) : InClusterObjectStore(Name, Buckets)
{
    public static HelmChart Chart => Locked.Chart("seaweedfs");

    /// <summary>The SeaweedFS image every server runs: the chart's appVersion, stated so a chart bump cannot move it silently.</summary>
    public static ContainerImage Image => Locked.Image("seaweedfs");

    /// <summary>Filer pod annotation listing the S3 identities (one per consumer) the configuration Secret must hold.</summary>
    public const string IdentitiesAnnotation = "lakehouse.io/s3-identities";

    private const int S3Port = 8333;
    private const int MetricsPort = 9327;

    /// <summary>The chart's health endpoints per server; set explicitly so the probes cannot be switched off by a chart default.</summary>
    private static readonly (string Server, string Path)[] ProbePaths = [("master", "/cluster/status"), ("volume", "/healthz"), ("filer", "/")];

    private static readonly ResourcesConfig DefaultMasterResources = new() { Cpu = "100m", Memory = "256Mi" };
    private static readonly ResourcesConfig DefaultFilerResources = new() { Cpu = "250m", Memory = "512Mi" };

    /// <summary>The chart's S3 Service (FULLNAME-s3), which selects the filers when the filer serves S3.</summary>
    public override Endpoint S3Endpoint(ComponentContext context) =>
        Endpoint.InCluster("http", $"{context.Naming.ChartFullName(Name, Chart.Name)}-s3", context.NamespaceOf(this), S3Port);

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var naming = context.Naming;
        // The S3 identities JSON, templated from every client's generated keys (the same values as the client's
        // CONSUMER-s3-credentials Secret), each identity allowed on the store's buckets.
        var clients = context.Clients.Order(StringComparer.Ordinal).ToList();
        var actions = string.Join(", ", Buckets.SelectMany(b => new[] { "Read", "Write", "List", "Tagging" }.Select(a => $"\"{a}:{naming.Bucket(b)}\"")));
        var identities = clients.Select((c, i) =>
            $"{{\"name\": \"{c}\", \"credentials\": [{{\"accessKey\": {{{{ .access{i} | toJson }}}}, \"secretKey\": {{{{ .secret{i} | toJson }}}}}}], \"actions\": [{actions}]}}");
        context.Secrets.Declare(naming.Secret(Name, "s3-config"), "seaweedfs_s3_config", SecretSource.Template(
            $"{{\"identities\": [{string.Join(", ", identities)}]}}",
            [.. clients.SelectMany((c, i) => new (string, SecretSource)[] { ($"access{i}", AccessKeyOf(naming, c)), ($"secret{i}", SecretKeyOf(naming, c)) })]));
        var config = context.Environment.Storage.Seaweedfs
            ?? throw new InvalidOperationException("storage.seaweedfs is required for the SeaweedFS backend");
        // Two copies on different volume servers once there are two to hold them.
        var replicated = config.VolumeServers > 1;

        var placement = replicated ? "001" : "000";

        var values = new SeaweedfsValues
        {
            Global = new()
            {
                Seaweedfs = new()
                {
                    Image = new() { Name = Image.Repository },
                    Monitoring = new() { Enabled = true, AdditionalLabels = Values.Map(context.MonitorLabels) },
                    EnableReplication = replicated,
                    ReplicationPlacement = placement,
                },
            },
            Image = new() { Tag = Image.Tag },
            Master = new()
            {
                Replicas = config.Masters,
                DefaultReplication = placement,
                Data = new() { Type = "persistentVolumeClaim", Size = "1Gi" },
                Logs = new() { Type = "emptyDir" },
                Resources = Values.Resources(config.MasterResources ?? DefaultMasterResources),
                LivenessProbe = new() { Enabled = true, HttpGet = new() { Path = ProbePath("master") } },
                ReadinessProbe = new() { Enabled = true, HttpGet = new() { Path = ProbePath("master") } },
            },
            Volume = new()
            {
                Replicas = config.VolumeServers,
                // A persistentVolumeClaim dir's size is read by templates/volume/volume-statefulset.yaml ($dir.size);
                // the chart's default dir (a hostPath) has none, so the inferred item type lacks it.
                DataDirs = [new() { Name = "data", Type = "persistentVolumeClaim", MaxVolumes = 0, AdditionalValues = new() { ["size"] = config.VolumeSize } }],
                Logs = new() { ["type"] = "emptyDir" },
                Resources = Values.Resources(config.Resources),
                LivenessProbe = new() { Enabled = true, HttpGet = new() { Path = ProbePath("volume") } },
                ReadinessProbe = new() { Enabled = true, HttpGet = new() { Path = ProbePath("volume") } },
            },
            Filer = new()
            {
                Replicas = config.Filers,
                Data = new() { Type = "persistentVolumeClaim", Size = "10Gi" },
                Logs = new() { Type = "emptyDir" },
                // The filers read the S3 configuration Secret at start, and the chart's checksum of it comes from
                // Helm's lookup, which Argo CD does not run: naming the identities the Secret must hold rolls the
                // filers whenever a consumer is added or removed, and tells whoever maintains the Secret what it needs.
                PodAnnotations = new() { [IdentitiesAnnotation] = string.Join(",", context.Clients.Concat(context.Workspaces.Select(w => WorkspaceStorage.Principal(naming, w))).Order(StringComparer.Ordinal)) },
                Resources = Values.Resources(config.FilerResources ?? DefaultFilerResources),
                LivenessProbe = new() { Enabled = true, HttpGet = new() { Path = ProbePath("filer") } },
                ReadinessProbe = new() { Enabled = true, HttpGet = new() { Path = ProbePath("filer") } },
                S3 = new()
                {
                    Enabled = true,
                    Port = S3Port,
                    // Identities and keys (seaweedfs_s3_config JSON) come from a Secret created out of band.
                    EnableAuth = true,
                    ExistingConfigSecret = naming.Secret(Name, "s3-config"),
                    CreateBucketsHook = new() { Resources = Values.Resources(new() { Cpu = "50m", Memory = "64Mi" }) },
                    // createBuckets is documented in the chart's comments only (no default, so no inferred member);
                    // templates/shared/post-install-bucket-hook.yaml reads filer.s3.createBuckets.
                    AdditionalValues = new()
                    {
                        ["createBuckets"] = new JsonArray([.. Buckets.Concat(context.Workspaces.Select(w => w.Name)).Select(b => (JsonNode)new JsonObject
                        {
                            ["name"] = naming.Bucket(b),
                            ["anonymousRead"] = false,
                        })]),
                    },
                },
            },
        };

        // The chart renders no PodDisruptionBudget: one per server set that has more than one pod, so a node
        // drain takes one master (the Raft quorum holds), one volume server (the second copy serves) or one filer at a time.
        var release = naming.Release(Name);
        var budgets = new[] { ("master", config.Masters), ("volume", config.VolumeServers), ("filer", config.Filers) }
            .Where(s => s.Item2 > 1)
            .Select(s => StandardObjects.DisruptionBudget($"{naming.ChartFullName(Name, Chart.Name)}-{s.Item1}", ns, PodLabels(release, s.Item1)));

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values.ToValues(),
            Manifests = [.. StandardObjects.Baseline(context, this, [S3Port], [MetricsPort],
                podSecurity: PodSecurity.Baseline("the chart sets no pod security context, so its pods run as the image's user without a seccomp profile")), .. budgets,
                .. context.Workspaces.Select(w => WorkspaceIdentity(naming, ns, w))],
            Egress = [EgressGrant.KubernetesApi("the chart binds its pods' service account to a ClusterRole reading and patching pods (templates/shared/cluster-role.yaml)")],
            Metrics = new ChartMonitor("global.seaweedfs.monitoring.enabled"),
            Probes = new ChartProbes([.. ProbePaths.SelectMany(p => new[] { $"{p.Server}.livenessProbe.enabled", $"{p.Server}.readinessProbe.enabled" })]),
            ClusterResources = [new GroupKind("rbac.authorization.k8s.io", "ClusterRole"), new GroupKind("rbac.authorization.k8s.io", "ClusterRoleBinding")],
        };
    }

    /// <summary>
    /// A workspace's S3 identity as the filers read it (an entry of seaweedfs_s3_config's "identities", its actions
    /// scoped to the workspace's bucket), without credentials: whoever maintains the s3-config Secret adds the entry
    /// with the workspace's keys. Published beside the store so the Secret's content is reviewed in Git.
    /// </summary>
    private ManifestObject WorkspaceIdentity(Naming naming, string ns, Workspaces.Workspace workspace) => ManifestObject.FromJson(new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject
        {
            ["name"] = naming.Object(Name, $"workspace-{workspace.Name}"),
            ["namespace"] = ns,
            ["labels"] = new JsonObject { [WorkspaceObjects.WorkspaceLabel] = workspace.Name },
        },
        ["data"] = new JsonObject { ["identity.json"] = WorkspaceJson.Text(WorkspaceStorage.SeaweedfsIdentity(naming, workspace)) },
    });

    /// <summary>The labels the chart puts on one server set's pods (name, instance, component).</summary>
    public static IReadOnlyDictionary<string, string> PodLabels(string release, string server) => new Dictionary<string, string>
    {
        ["app.kubernetes.io/name"] = Chart.Name,
        ["app.kubernetes.io/instance"] = release,
        ["app.kubernetes.io/component"] = server,
    };

    private static string ProbePath(string server) => ProbePaths.Single(p => p.Server == server).Path;
}
