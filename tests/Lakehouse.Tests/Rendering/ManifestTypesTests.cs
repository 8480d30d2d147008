using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;
using Lakehouse.Benchmarks;
using Lakehouse.Catalogue.CustomResources;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Serialization;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Rendering;

/// <summary>
/// Every object type a render serializes has source-generated JSON metadata (<see cref="ManifestTypes"/>):
/// a type left out still renders the same JSON through reflection, but costs every process its metadata
/// (docs/performance.md), so these tests name it instead of letting it become a silent slow path.
/// </summary>
public class ManifestTypesTests
{
    private static readonly string[] ProductAssemblies = ["KubernetesClient", "Lakehouse.Model", "Lakehouse.Catalogue", "Lakehouse.Rendering"];

    [Fact]
    public void Every_object_type_of_the_catalogue_writes_its_own_JSON_or_has_generated_metadata()
    {
        var resources = typeof(Lakehouse.Catalogue.CustomResources.ApplicationV1alpha1).Assembly.GetTypes()
            .Concat(typeof(RenderPipeline).Assembly.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IKubernetesObject<V1ObjectMeta>).IsAssignableFrom(t))
            .ToList();
        Assert.NotEmpty(resources);
        Assert.Contains(resources, t => typeof(IManifestJson).IsAssignableFrom(t));
        var missing = resources.Where(t => !typeof(IManifestJson).IsAssignableFrom(t) && ManifestTypes.Default.GetTypeInfo(t) is null).Select(t => t.FullName).ToList();
        Assert.True(missing.Count == 0, "add [JsonSerializable(typeof(...))] to src/Rendering/Serialization/ManifestTypes.cs for: " + string.Join(", ", missing));
    }

    [Fact]
    public void Rendering_the_reference_and_the_scale_platform_builds_no_metadata_by_reflection()
    {
        Assert.True(Render.Reference.Succeeded);
        var scale = RenderPipeline.Render(new SyntheticPlatform(4), SyntheticPlatform.Environments(2));
        Assert.True(scale.Succeeded, string.Join("\n", scale.Diagnostics));

        var reflected = ManifestSerializer.ReflectedTypes
            .Where(t => ProductAssemblies.Contains(t.Assembly.GetName().Name))
            .Select(t => t.FullName).Order(StringComparer.Ordinal).ToList();
        Assert.True(reflected.Count == 0,
            "these types were serialized with metadata built by reflection; add [JsonSerializable(typeof(...))] for them " +
            "to src/Rendering/Serialization/ManifestTypes.cs: " + string.Join(", ", reflected));
    }

    [Fact]
    public void A_generated_custom_resource_writes_the_JSON_the_serializer_writes_for_it()
    {
        var reflection = new JsonSerializerOptions(ManifestSerializer.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        var endpoint = new ServiceMonitorV1SpecEndpointsItem { Port = "metrics", Path = "/metrics", Interval = "30s" };
        // An enum member, set by reflection so the test does not depend on the generated member names.
        var scheme = typeof(ServiceMonitorV1SpecEndpointsItem).GetProperty("Scheme")!;
        scheme.SetValue(endpoint, Enum.GetValues(Nullable.GetUnderlyingType(scheme.PropertyType)!).GetValue(1));
        IKubernetesObject<V1ObjectMeta>[] objects =
        [
            new ServiceMonitorV1
            {
                Metadata = new V1ObjectMeta { Name = "m", NamespaceProperty = "ns", Labels = new Dictionary<string, string> { ["a"] = "b" } },
                Spec = new() { Endpoints = [endpoint] },
            },
            new ApplicationV1alpha1
            {
                Metadata = new V1ObjectMeta { Name = "a", Annotations = new Dictionary<string, string> { ["argocd.argoproj.io/sync-wave"] = "2" }, Finalizers = ["f"] },
                Spec = new()
                {
                    Project = "p",
                    Destination = new() { Server = "https://kubernetes.default.svc", Namespace = "ns" },
                    Sources =
                    [
                        new() { RepoURL = "https://charts.example.com", Chart = "c", TargetRevision = "1.2.3", Helm = new() { ReleaseName = "r", ValueFiles = ["$values/v.yaml"] } },
                        new() { RepoURL = "https://git.example.com/x.git", TargetRevision = "main", Ref = "values" },
                    ],
                    SyncPolicy = new()
                    {
                        Automated = new() { Prune = true, SelfHeal = false },
                        SyncOptions = ["ServerSideApply=true"],
                        Retry = new() { Limit = 10, Backoff = new() { Duration = "10s", Factor = 2, MaxDuration = "5m" } },
                    },
                },
            },
            new AppProjectV1alpha1
            {
                Metadata = new V1ObjectMeta(),
                Spec = new()
                {
                    SourceRepos = [],
                    ClusterResourceWhitelist = [],
                    NamespaceResourceWhitelist = [new() { Group = "argoproj.io", Kind2 = "Application" }],
                    OrphanedResources = new() { Warn = true },
                },
            },
        ];
        foreach (var value in objects)
        {
            Assert.IsAssignableFrom<IManifestJson>(value);
            Assert.Equal(JsonSerializer.Serialize(value, value.GetType(), reflection), ManifestObject.From(value).Body.ToJsonString());
        }
    }

    [Fact]
    public void A_type_without_generated_metadata_is_serialized_by_reflection_and_reported()
    {
        var probe = ManifestObject.From(new Probe { Metadata = new V1ObjectMeta { Name = "p" }, Note = "n" });
        Assert.Equal("""{"apiVersion":"example.com/v1","kind":"Probe","metadata":{"name":"p"},"note":"n"}""", probe.Body.ToJsonString());
        Assert.Contains(typeof(Probe), ManifestSerializer.ReflectedTypes);
    }

    /// <summary>An object type no context lists (defined here, so the product-assembly check above never sees it).</summary>
    private sealed class Probe : IKubernetesObject<V1ObjectMeta>
    {
        public string ApiVersion { get; set; } = "example.com/v1";

        public string Kind { get; set; } = "Probe";

        public V1ObjectMeta Metadata { get; set; } = new();

        public string? Note { get; set; }

        public string? Unset { get; set; }
    }
}
