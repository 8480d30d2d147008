using System.Text.Json.Nodes;
using Lakehouse.Catalogue.CustomResources;
using Lakehouse.Model;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Tree;
using Lakehouse.Rendering.Yaml;

namespace Lakehouse.Rendering.Renderers;

/// <summary>
/// One AppProject per component and environment, so each Application gets only what its own chart needs:
/// this repository and its chart's repository, the environment's cluster and the namespaces its objects
/// live in, and the cluster-scoped kinds it declares (<see cref="ComponentSpec.ClusterResources"/>) beside
/// its Namespace. No Application can create a ClusterRoleBinding unless its component declares one.
/// They sync in wave -1, before every Application. The root's project is <see cref="BootstrapRenderer"/>'s.
/// </summary>
public sealed class ProjectRenderer : IRenderer
{
    public void Render(PlatformRender platform, GitOpsLayout layout, GitOpsTree tree)
    {
        // Parallel per component like the Application renderer: the tree is sorted, so the order of additions never shows.
        var work = platform.Environments.SelectMany(e => e.Components.Select(c => (Environment: e, Component: c)));
        Parallel.ForEach(work, item =>
        {
            var (environment, component) = item;
            var name = environment.Naming.ComponentProject(component.Name);
            var header = Header.For(component, environment);
            tree.Add($"{layout.Cluster(environment.Name)}/{FileName(environment, component.Name)}", YamlWriter.WriteUtf8(Project(environment, component, name), header));
        });
    }

    /// <summary>The AppProject file of a component, for the cluster's kustomization.</summary>
    public static string FileName(EnvironmentRender environment, string component) =>
        GitOpsLayout.FileName("AppProject", environment.Naming.ComponentProject(component));

    /// <summary>The namespaces a component's objects live in: its own, and any a raw manifest names.</summary>
    public static IReadOnlyList<string> Namespaces(ComponentSpec spec) =>
        spec.Manifests.Select(m => m.Namespace).OfType<string>().Append(spec.Namespace)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The cluster-scoped kinds a component may create: its Namespace and what it declares.</summary>
    public static IReadOnlyList<GroupKind> ClusterKinds(ComponentSpec spec) =>
        spec.ClusterResources.Append(new GroupKind("", "Namespace"))
            .Distinct().OrderBy(k => k.Group, StringComparer.Ordinal).ThenBy(k => k.Kind, StringComparer.Ordinal).ToList();

    private static JsonObject Project(EnvironmentRender environment, ComponentRender component, string name)
    {
        var spec = component.Spec;
        var repositories = new[] { spec.Chart.RepositoryUrl, environment.Config.GitOps.Repository }
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return ArgoCdObjects.Json(new AppProjectV1alpha1
        {
            Metadata = ArgoCdObjects.Metadata(environment, name, -1, component.Name),
            Spec = new()
            {
                Description = $"{environment.Naming.Platform} platform, environment {environment.Name}, component {component.Name}: only its chart's repository and this one, its namespaces and the cluster-scoped kinds its chart needs.",
                SourceRepos = [.. repositories],
                Destinations = [.. Namespaces(spec).Select(ns => ArgoCdObjects.Destination(environment, ns))],
                ClusterResourceWhitelist = [.. ClusterKinds(spec).Select(k => new AppProjectV1alpha1SpecClusterResourceWhitelistItem { Group = k.Group, Kind2 = k.Kind })],
                OrphanedResources = new() { Warn = true },
            },
        });
    }
}
