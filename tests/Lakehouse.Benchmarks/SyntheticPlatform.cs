using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Benchmarks;

/// <summary>
/// A synthetic platform of N components over E environments, built through the real model: each
/// component has an upstream chart, about 20 nested Helm values (two differ per environment), a
/// Namespace, a NetworkPolicy and a ServiceMonitor (whose scrape interval differs per environment, so
/// every overlay carries one patch), and depends on an earlier component (a tree, depth log2 N).
/// </summary>
public sealed class SyntheticPlatform(int components) : IPlatformDefinition
{
    public string Name => "scale";

    public void Define(PlatformBuilder platform, EnvironmentConfig env)
    {
        var added = new List<SyntheticComponent>(components);
        for (var i = 0; i < components; i++)
        {
            var uses = i == 0 ? [] : new[] { added[(i - 1) / 2] };
            added.Add(platform.Add(new SyntheticComponent($"svc-{i:D4}", uses)));
        }
    }

    /// <summary>
    /// E environments named env-00 ... with sizes that differ. A non-zero <paramref name="variant"/>
    /// changes the Git revision and scrape intervals, so most files of the tree get new bytes (the
    /// crash tests' rewrite scenario).
    /// </summary>
    public static IReadOnlyList<EnvironmentConfig> Environments(int count, int variant = 0) =>
        Enumerable.Range(0, count).Select(i => new EnvironmentConfig
        {
            Name = $"env-{i:D2}",
            Cluster = new ClusterConfig { Server = $"https://api.env-{i:D2}.scale.example.com:6443" },
            GitOps = new GitOpsConfig { Repository = "https://git.example.com/platform/scale.git", Revision = variant == 0 ? "main" : $"release-{variant}" },
            Domain = $"env-{i:D2}.scale.example.com",
            Monitoring = new MonitoringConfig { Interval = $"{15 + i + variant}s" },
            Storage = new StorageConfig { Backend = ObjectStoreBackend.Minio, Region = "us-east-1" },
            Catalog = new CatalogConfig { Backend = CatalogBackend.Rest },
            Trino = new TrinoConfig
            {
                Workers = i + 1,
                QueryMaxMemory = "1GB",
                Coordinator = new ResourcesConfig { Cpu = "1", Memory = "2Gi" },
                Worker = new ResourcesConfig { Cpu = "1", Memory = "2Gi" },
            },
        }).ToList();
}

public sealed record SyntheticComponent(string Name, IReadOnlyList<Component> Uses) : Component(Name)
{
    private static readonly HelmChart SharedChart = new("https://charts.example.com/stable", "service", "3.14.2");

    public override IEnumerable<Component> Dependencies => Uses;

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var env = context.Environment;
        var values = new JsonObject()
            .Set("image.repository", $"registry.example.com/{Name}")
            .Set("image.tag", "2.7.1")
            .Set("image.pullPolicy", "IfNotPresent")
            .Set("replicaCount", env.Trino.Workers)
            .Set("resources.requests.cpu", "250m")
            .Set("resources.requests.memory", "512Mi")
            .Set("resources.limits.memory", "512Mi")
            .Set("service.type", "ClusterIP")
            .Set("service.port", 8080)
            .Set("metrics.enabled", true)
            .Set("metrics.serviceMonitor.enabled", false)
            .Set("probes.liveness.path", "/healthz")
            .Set("probes.readiness.path", "/readyz")
            .Set("config.logLevel", "INFO")
            .Set("config.environment", env.Name)
            .Set("config.features.caching", true)
            .Set("config.features.tracing", false)
            .Set("podSecurityContext.runAsNonRoot", true)
            .Set("securityContext.readOnlyRootFilesystem", true)
            .Set("nodeSelector", new JsonObject { ["kubernetes.io/os"] = "linux" });
        var monitor = StandardObjects.ServiceMonitor(Name, ns, context.MonitorLabels,
            new Dictionary<string, string> { ["app.kubernetes.io/name"] = Name },
            new() { Port = "metrics", Path = "/metrics", Interval = env.Monitoring.Interval });
        return new ComponentSpec
        {
            Namespace = ns,
            Chart = SharedChart,
            Values = values,
            Manifests =
            [
                StandardObjects.Namespace(ns, context.Naming.Platform),
                StandardObjects.IngressPolicy(ns, context.ConsumerNamespaces, [8080], env.Monitoring.Namespace, [9090]),
                monitor,
            ],
            Metrics = new ManifestMonitor("ServiceMonitor", Name),
            Probes = new ChartProbes("probes.liveness", "probes.readiness"),
        };
    }
}
