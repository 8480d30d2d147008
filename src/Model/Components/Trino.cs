using System.Globalization;
using System.Text.Json.Nodes;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model.Components;

/// <summary>
/// Trino (chart trino from trinodb.github.io/charts). It reads data only through its Iceberg catalog:
/// the chart's default catalogs are removed and no other connector is configured. Clients authenticate
/// with passwords over HTTPS; nodes authenticate each other with a shared secret.
/// </summary>
public sealed record Trino(string Name) : Component(Name), ISqlEngine
{
    public static HelmChart Chart => Locked.Chart("trino");

    public static ContainerImage Image => Locked.Image("trino");

    /// <summary>Sidecar that turns Trino's JMX beans into Prometheus metrics.</summary>
    public static ContainerImage JmxExporterImage => Locked.Image("trino-jmx-exporter");

    private const int HttpPort = 8080;
    private const int HttpsPort = 8443;
    private const int MetricsPort = 5556;
    private const string TlsPath = "/etc/trino/tls";

    public override IReadOnlyList<Need> Needs => [Need.Of<IIcebergCatalog>(), Need.Of<IObjectStorage>()];

    public string Catalog => "iceberg";

    public Endpoint SqlEndpoint(ComponentContext context) =>
        // The chart's coordinator Service is its fullname: "trino" for the release trino, "adhoc-trino" for adhoc.
        Endpoint.InCluster("https", context.Naming.ChartFullName(Name, "trino"), context.NamespaceOf(this), HttpsPort);

    /// <summary>The Iceberg catalog file Trino loads as catalog "iceberg", for whichever catalog backend env/ chose.</summary>
    public TrinoIcebergCatalog IcebergCatalog(ComponentContext context)
    {
        var storage = context.UseFor<IObjectStorage>(Name);
        return new TrinoIcebergCatalog(
            context.UseFor<IIcebergCatalog>(Name).ConnectionFor(context, Name),
            storage.S3Endpoint(context),
            storage.Region(context),
            storage.PathStyleAccess(context),
            storage.CredentialsFor(context, Name));
    }

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var naming = context.Naming;
        var config = context.Environment.TrinoOf(Name);
        var coordinatorHeap = Heap(config.Coordinator);
        var workerHeap = Heap(config.Worker);
        var iceberg = IcebergCatalog(context);

        var values = new JsonObject()
            .Set("image.repository", Image.Repository)
            .Set("image.tag", Image.Tag)
            .Set("server.workers", config.Workers)
            .Set("server.node.environment", context.Environment.Name)
            .Set("server.config.authenticationType", "PASSWORD")
            .Set("server.config.https.enabled", true)
            .Set("server.config.https.port", HttpsPort)
            .Set("server.config.https.keystore.path", $"{TlsPath}/keystore.pem")
            .Set("server.config.query.maxMemory", config.QueryMaxMemory)
            .Set("additionalConfigProperties", Values.List("internal-communication.shared-secret=${ENV:TRINO_INTERNAL_SHARED_SECRET}"))
            // password.db (htpasswd format, bcrypt) in a Secret: users are managed outside Git.
            .Set("auth.passwordAuthSecret", naming.Secret(Name, "password-authentication"))
            .Set("secretMounts", Values.List(new JsonObject
            {
                ["name"] = "tls",
                ["secretName"] = naming.Secret(Name, "tls"),
                ["path"] = TlsPath,
            }))
            .Set("env", new JsonArray(
                new[] { ("TRINO_INTERNAL_SHARED_SECRET", new SecretRef(naming.Secret(Name, "internal-communication"), "shared-secret")) }
                    .Concat(iceberg.Environment)
                    .Select(e => (JsonNode)Values.SecretEnv(e.Item1, e.Item2)).ToArray()))
            // Only Iceberg: the chart's demo catalogs are removed (null deletes a default key in Helm).
            .Set("catalogs", new JsonObject
            {
                ["tpch"] = null,
                ["tpcds"] = null,
                [Catalog] = iceberg.ToProperties(),
            })
            .Set("coordinator.jvm.maxHeapSize", $"{coordinatorHeap}M")
            .Set("coordinator.config.query.maxMemoryPerNode", $"{QueryMemoryPerNode(coordinatorHeap)}MB")
            .Set("coordinator.resources", Values.Resources(config.Coordinator))
            .Set("worker.jvm.maxHeapSize", $"{workerHeap}M")
            .Set("worker.config.query.maxMemoryPerNode", $"{QueryMemoryPerNode(workerHeap)}MB")
            .Set("worker.resources", Values.Resources(config.Worker))
            // The namespace enforces Pod Security "restricted": the chart sets only the user (pod) and
            // no-escalation (Trino's container), nothing for its JMX exporter sidecar.
            .Set("securityContext", Values.RestrictedPod(1000))
            .Set("containerSecurityContext", Values.RestrictedContainer())
            .Set("jmx.exporter.securityContext", Values.RestrictedContainer())
            .Set("jmx.enabled", true)
            .Set("jmx.exporter.enabled", true)
            .Set("jmx.exporter.image", JmxExporterImage.ToString())
            .Set("jmx.exporter.pullPolicy", "IfNotPresent")
            .Set("jmx.exporter.port", MetricsPort)
            .Set("jmx.exporter.configProperties", JmxExporterConfig)
            .Set("jmx.exporter.resources", new JsonObject
            {
                ["requests"] = new JsonObject { ["cpu"] = "50m", ["memory"] = "128Mi" },
                ["limits"] = new JsonObject { ["memory"] = "128Mi" },
            })
            .Set("serviceMonitor.enabled", true)
            .Set("serviceMonitor.labels", Values.Map(context.MonitorLabels))
            .Set("serviceMonitor.interval", context.Environment.Monitoring.Interval);

        if (config.ServiceAccountRoleArn is { } roleArn)
        {
            // Trino reaches AWS-managed storage and catalogs by its workload identity, not by keys.
            values.Set("serviceAccount.create", true)
                .Set("serviceAccount.annotations", new JsonObject { ["eks.amazonaws.com/role-arn"] = roleArn });
        }

        // The chart renders no PodDisruptionBudget and no affinity: with several workers, spread them over
        // nodes and let a drain take one at a time (graceful shutdown finishes its tasks).
        var workerLabels = new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = "trino",
            ["app.kubernetes.io/instance"] = naming.Release(Name),
            ["app.kubernetes.io/component"] = "worker",
        };
        var manifests = StandardObjects.Baseline(context, this, [HttpsPort], [MetricsPort]).ToList();
        if (config.Workers > 1)
        {
            values.Set("worker.affinity", Values.SpreadOverNodes(workerLabels));
            manifests.Add(StandardObjects.DisruptionBudget($"{naming.Release(Name)}-worker", ns, workerLabels));
        }

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values,
            Manifests = manifests,
            Metrics = new ChartMonitor("serviceMonitor.enabled"),
            Probes = new ChartTemplateProbes("templates/deployment-coordinator.yaml", "templates/deployment-worker.yaml"),
        };
    }

    // Exported beans: enough for the platform dashboards (queries, tasks, memory pools, JVM).
    private const string JmxExporterConfig =
        """
        hostPort: localhost:9080
        startDelaySeconds: 0
        ssl: false
        lowercaseOutputName: false
        lowercaseOutputLabelNames: false
        includeObjectNames:
          - "java.lang:type=Memory"
          - "java.lang:type=Threading"
          - "trino.execution:name=QueryManager"
          - "trino.execution:name=SqlTaskManager"
          - "trino.memory:name=ClusterMemoryManager"
          - "trino.memory:type=ClusterMemoryPool,name=general"
        rules:
          - pattern: ".*"

        """;

    /// <summary>JVM heap in MiB: 70% of the container's memory, leaving room for off-heap and the OS.</summary>
    internal static long Heap(ResourcesConfig resources) => Values.Mebibytes(resources.Memory) * 7 / 10;

    /// <summary>Memory one query may use on a node: 30% of heap, Trino's own default ratio.</summary>
    private static long QueryMemoryPerNode(long heapMiB) => heapMiB * 3 / 10;
}
