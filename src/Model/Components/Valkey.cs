using System.Text.Json.Nodes;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model.Components;

/// <summary>
/// Valkey (chart valkey from valkey.io/valkey-helm): the Celery broker and the caches. ACL authentication
/// on, the default user's password from an existing Secret; the chart's redis_exporter sidecar reads the
/// same Secret and is scraped by the ServiceMonitor the chart renders. maxmemory is set so the memory
/// alert (used / max) is defined, with noeviction because a broker must never drop queued messages.
/// </summary>
public sealed record Valkey(string Name) : Component(Name), IKeyValueStore
{
    public static readonly HelmChart Chart = new("https://valkey.io/valkey-helm/", "valkey", "0.11.0");

    public static readonly ContainerImage Image = new("valkey/valkey", "8.1.4");

    private const int Port = 6379;
    private const int MetricsPort = 9121;

    /// <summary>Consumers authenticate as the default user; its password is in a Secret in the consumer's namespace.</summary>
    public KeyValueConnection ConnectionFor(ComponentContext context, string consumer) => new(
        Endpoint.InCluster("redis", context.Naming.Release(Name), context.NamespaceOf(this), Port),
        new SecretRef(context.Naming.Secret(consumer, "valkey"), "password"));

    /// <summary>maxmemory as 80% of the memory request, in bytes Valkey reads ("800mb").</summary>
    public static string MaxMemory(string memory) => $"{Values.Mebibytes(memory) * 8 / 10}mb";

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var naming = context.Naming;
        var config = context.Environment.Valkey;
        var release = naming.Release(Name);

        var values = new JsonObject()
            .Set("fullnameOverride", release)
            .Set("image.repository", Image.Repository)
            .Set("image.tag", Image.Tag)
            .Set("resources", Values.Resources(config.Resources))
            .Set("initResources", Values.Resources(new() { Cpu = "20m", Memory = "32Mi" }))
            // The chart appends this to the valkey.conf it generates. With a volume (storageSize, or replicas,
            // which the chart always gives volumes) queued messages survive a restart in the append-only file.
            .Set("valkeyConfig", $"maxmemory {MaxMemory(config.Resources.Memory)}\nmaxmemory-policy noeviction\n"
                + (config.StorageSize is not null || config.Replicas > 0 ? "appendonly yes\n" : ""))
            .Set("auth.enabled", true)
            // Key 'default' holds the default user's password; created out of band.
            .Set("auth.usersExistingSecret", naming.Secret(Name, "users"))
            .Set("auth.aclUsers", new JsonObject
            {
                ["default"] = new JsonObject { ["permissions"] = "~* &* +@all" },
            })
            .Set("livenessProbe.enabled", true)
            .Set("readinessProbe.enabled", true)
            .Set("metrics.enabled", true)
            .Set("metrics.exporter.resources", Values.Resources(new() { Cpu = "20m", Memory = "64Mi" }))
            // The chart leaves the exporter sidecar without a securityContext, which the namespace's
            // restricted Pod Security level rejects (the whole pod would not be admitted).
            .Set("metrics.exporter.securityContext", new JsonObject
            {
                ["runAsNonRoot"] = true,
                ["allowPrivilegeEscalation"] = false,
                ["readOnlyRootFilesystem"] = true,
                ["capabilities"] = new JsonObject { ["drop"] = Values.List("ALL") },
            })
            .Set("metrics.serviceMonitor.enabled", true)
            .Set("metrics.serviceMonitor.extraLabels", Values.Map(context.MonitorLabels))
            .Set("metrics.serviceMonitor.interval", context.Environment.Monitoring.Interval);

        if (config.StorageSize is { } size)
        {
            values.Set("dataStorage.enabled", true).Set("dataStorage.requestedSize", size);
        }
        if (config.Replicas > 0)
        {
            values.Set("replica.enabled", true)
                .Set("replica.replicas", config.Replicas)
                .Set("replica.persistence.size", config.StorageSize ?? "1Gi")
                .Set("podDisruptionBudget.enabled", true)
                .Set("affinity", Values.SpreadOverNodes(new Dictionary<string, string>
                {
                    ["app.kubernetes.io/name"] = "valkey",
                    ["app.kubernetes.io/instance"] = release,
                }));
        }

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values,
            Manifests = StandardObjects.Baseline(context, this, [Port], [MetricsPort]),
            Metrics = new ChartMonitor("metrics.serviceMonitor.enabled"),
            Probes = new ChartProbes("livenessProbe.enabled", "readinessProbe.enabled"),
        };
    }
}
