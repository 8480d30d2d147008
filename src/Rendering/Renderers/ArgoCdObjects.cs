using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Lakehouse.Catalogue.CustomResources;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Rendering.Pipeline;

namespace Lakehouse.Rendering.Renderers;

/// <summary>
/// Shapes shared by the Argo CD objects (argoproj.io/v1alpha1) the renderers write, built with the types
/// generated from Argo CD's CRDs (<see cref="ApplicationV1alpha1"/>, <see cref="AppProjectV1alpha1"/>).
/// </summary>
internal static class ArgoCdObjects
{
    static ArgoCdObjects() => Serialization.ManifestTypes.Register();

    /// <summary>The object as the tree writes it: the API's JSON, written by the generated type itself (<see cref="IManifestJson"/>).</summary>
    public static JsonObject Json<T>(T value) where T : IKubernetesObject<V1ObjectMeta>, IManifestJson => value.ToJson();

    public static V1ObjectMeta Metadata(EnvironmentRender environment, string name, int wave, string? component)
    {
        var labels = new Dictionary<string, string>
        {
            ["app.kubernetes.io/managed-by"] = "lakehouse-gitops",
            ["app.kubernetes.io/part-of"] = environment.Naming.Platform,
            ["lakehouse.io/environment"] = environment.Name,
        };
        if (component is not null)
        {
            labels["lakehouse.io/component"] = component;
        }
        return new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = environment.Config.GitOps.ArgoCdNamespace,
            Labels = labels,
            Annotations = new Dictionary<string, string>
            {
                ["argocd.argoproj.io/sync-wave"] = wave.ToString(CultureInfo.InvariantCulture),
            },
        };
    }

    /// <summary>Automated sync that prunes and heals, retried with backoff while dependencies come up.</summary>
    public static ApplicationV1alpha1SpecSyncPolicy SyncPolicy(params string[] options) => new()
    {
        Automated = new() { Prune = true, SelfHeal = true },
        SyncOptions = options,
        Retry = new()
        {
            Limit = 10,
            Backoff = new() { Duration = "10s", Factor = 2, MaxDuration = "5m" },
        },
    };

    /// <summary>A folder of this repository at the environment's revision, as one of an Application's sources.</summary>
    public static ApplicationV1alpha1SpecSourcesItem GitSource(EnvironmentRender environment, string path) => new()
    {
        RepoURL = environment.Config.GitOps.Repository,
        TargetRevision = environment.Config.GitOps.Revision,
        Path = path,
    };

    /// <summary>The same folder as an Application's single source (the CRD types spec.source apart from spec.sources).</summary>
    public static ApplicationV1alpha1SpecSource SingleGitSource(EnvironmentRender environment, string path) => new()
    {
        RepoURL = environment.Config.GitOps.Repository,
        TargetRevision = environment.Config.GitOps.Revision,
        Path = path,
    };

    /// <summary>An AppProject's destination: a namespace of the environment's cluster.</summary>
    public static AppProjectV1alpha1SpecDestinationsItem Destination(EnvironmentRender environment, string @namespace) => new()
    {
        Server = environment.Config.Cluster.Server,
        Namespace = @namespace,
    };
}
