using System.Text.Json.Nodes;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model.Components;

/// <summary>
/// An in-cluster SeaweedFS object store (chart seaweedfs from seaweedfs.github.io/seaweedfs/helm): masters,
/// volume servers and filers, with the S3 API served by the filers (filer.s3). The embedded gateway rather
/// than the standalone s3 Deployment because only it creates the declared buckets (the chart's bucket hook
/// reads filer.s3.createBuckets) and it is one hop less. S3 authentication is on: each consumer has its own
/// identity in the S3 configuration Secret, its keys in a Secret in the consumer's namespace.
/// </summary>
/// <param name="Name">Component name.</param>
/// <param name="Buckets">Bucket purposes ("warehouse"); each becomes platform-environment-purpose.</param>
public sealed record SeaweedfsStorage(string Name, IReadOnlyList<string> Buckets) : InClusterObjectStore(Name, Buckets)
{
    public static readonly HelmChart Chart = new("https://seaweedfs.github.io/seaweedfs/helm", "seaweedfs", "4.44.0");

    private const int S3Port = 8333;
    private const int MetricsPort = 9327;

    /// <summary>The chart's S3 Service (FULLNAME-s3), which selects the filers when the filer serves S3.</summary>
    public override Endpoint S3Endpoint(ComponentContext context) =>
        Endpoint.InCluster("http", $"{context.Naming.ChartFullName(Name, Chart.Name)}-s3", context.NamespaceOf(this), S3Port);

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var naming = context.Naming;
        var config = context.Environment.Storage.Seaweedfs
            ?? throw new InvalidOperationException("storage.seaweedfs is required for the SeaweedFS backend");
        // Two copies on different volume servers once there are two to hold them.
        var replicated = config.VolumeServers > 1;

        var values = new JsonObject()
            .Set("global.seaweedfs.monitoring.enabled", true)
            .Set("global.seaweedfs.monitoring.additionalLabels", Values.Map(context.MonitorLabels))
            .Set("global.seaweedfs.enableReplication", replicated)
            .Set("global.seaweedfs.replicationPlacement", replicated ? "001" : "000")
            .Set("master.replicas", config.Masters)
            .Set("master.defaultReplication", replicated ? "001" : "000")
            .Set("master.resources", Values.Resources(new() { Cpu = "100m", Memory = "256Mi" }))
            .Set("master.data", Volume("1Gi"))
            .Set("master.logs", EmptyDir())
            .Set("volume.replicas", config.VolumeServers)
            .Set("volume.resources", Values.Resources(config.Resources))
            .Set("volume.dataDirs", Values.List(new JsonObject
            {
                ["name"] = "data",
                ["type"] = "persistentVolumeClaim",
                ["size"] = config.VolumeSize,
                ["maxVolumes"] = 0,
            }))
            .Set("volume.logs", EmptyDir())
            .Set("filer.replicas", 1)
            .Set("filer.resources", Values.Resources(new() { Cpu = "250m", Memory = "512Mi" }))
            .Set("filer.data", Volume("10Gi"))
            .Set("filer.logs", EmptyDir())
            .Set("filer.s3.enabled", true)
            .Set("filer.s3.port", S3Port)
            // Identities and keys (seaweedfs_s3_config JSON) come from a Secret created out of band.
            .Set("filer.s3.enableAuth", true)
            .Set("filer.s3.existingConfigSecret", naming.Secret(Name, "s3-config"))
            .Set("filer.s3.createBucketsHook.resources", Values.Resources(new() { Cpu = "50m", Memory = "64Mi" }))
            .Set("filer.s3.createBuckets", new JsonArray(Buckets.Select(b => (JsonNode)new JsonObject
            {
                ["name"] = naming.Bucket(b),
                ["anonymousRead"] = false,
            }).ToArray()));

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values,
            // The chart sets no pod security context, so its pods run as the image's user: baseline, not restricted.
            Manifests = StandardObjects.Baseline(context, this, [S3Port], [MetricsPort], podSecurity: "baseline"),
            Metrics = new ChartMonitor("global.seaweedfs.monitoring.enabled"),
            Probes = new ProbeSource("/cluster/status (master), /status (volume), / (filer)", "the chart's readiness probes on each server"),
            ClusterResources = [new GroupKind("rbac.authorization.k8s.io", "ClusterRole"), new GroupKind("rbac.authorization.k8s.io", "ClusterRoleBinding")],
        };
    }

    private static JsonObject Volume(string size) => new() { ["type"] = "persistentVolumeClaim", ["size"] = size };

    private static JsonObject EmptyDir() => new() { ["type"] = "emptyDir" };
}
