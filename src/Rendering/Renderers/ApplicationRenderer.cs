using System.Text.Json.Nodes;
using Lakehouse.Catalogue.CustomResources;
using Lakehouse.Model;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Tree;
using Lakehouse.Rendering.Yaml;

namespace Lakehouse.Rendering.Renderers;

/// <summary>
/// One Argo CD Application per component and environment, with three sources: the upstream chart at
/// its pinned version with value files from this repository ($values), this repository as the
/// "values" ref, and the component's Kustomize overlay. Its sync wave follows the dependency graph.
/// Runs after <see cref="HelmValuesRenderer"/>: it lists only value files that exist.
/// </summary>
public sealed class ApplicationRenderer : IRenderer
{
    public void Render(PlatformRender platform, GitOpsLayout layout, GitOpsTree tree)
    {
        var work = platform.Environments.SelectMany(e => e.Components.Select(c => (Environment: e, Component: c)));
        Parallel.ForEach(work, item =>
        {
            var (environment, component) = item;
            var name = environment.Naming.Application(component.Name);
            var application = Application(environment, component, name, layout, tree);
            var header = Header.For([component.Placed.Location.Path, environment.SourceFile]);
            tree.Add($"{layout.Cluster(environment.Name)}/{GitOpsLayout.FileName("Application", name)}", YamlWriter.Write(application, header));
        });
    }

    /// <summary>The chart's source: a Helm repository names the chart, a Git repository its folder at a tag.</summary>
    private static ApplicationV1alpha1SpecSourcesItem ChartSource(Lakehouse.Model.HelmChart chart, ApplicationV1alpha1SpecSourcesItemHelm helm) => new()
    {
        RepoURL = chart.RepositoryUrl,
        Chart = chart.GitPath is null ? chart.Name : null,
        Path = chart.GitPath,
        TargetRevision = chart.Version,
        Helm = helm,
    };

    /// <summary>The Application file names of an environment, in component order, for the cluster's kustomization.</summary>
    public static IEnumerable<string> FileNames(EnvironmentRender environment) =>
        environment.Components.Select(c => GitOpsLayout.FileName("Application", environment.Naming.Application(c.Name)));

    private static JsonObject Application(EnvironmentRender environment, ComponentRender component, string name, GitOpsLayout layout, GitOpsTree tree)
    {
        var spec = component.Spec;
        var metadata = ArgoCdObjects.Metadata(environment, name, component.Wave, component.Name);
        if (component.DependsOn.Count > 0)
        {
            metadata.Annotations["lakehouse.io/depends-on"] = string.Join(",", component.DependsOn);
        }
        if (spec.Metrics is NoMetrics none)
        {
            metadata.Annotations["lakehouse.io/observability-exemption"] = none.Reason;
        }
        if (spec.Probes is NoProbes noProbes)
        {
            metadata.Annotations["lakehouse.io/probes-exemption"] = noProbes.Reason;
        }
        // Deleting the Application deletes what it deployed.
        metadata.Finalizers = ["resources-finalizer.argocd.argoproj.io"];

        var valueFiles = HelmValuesRenderer.ValueFiles(layout, tree, component.Name, environment.Name, spec.Chart.Name)
            .Select(f => $"$values/{f}").ToList();
        return ArgoCdObjects.Json(new ApplicationV1alpha1
        {
            Metadata = metadata,
            Spec = new()
            {
                Project = environment.Naming.ComponentProject(component.Name),
                Destination = new()
                {
                    Server = environment.Config.Cluster.Server,
                    Namespace = spec.Namespace,
                },
                Sources =
                [
                    ChartSource(spec.Chart, new()
                    {
                        ReleaseName = environment.Naming.Release(component.Name),
                        ValueFiles = valueFiles,
                    }),
                    new()
                    {
                        RepoURL = environment.Config.GitOps.Repository,
                        TargetRevision = environment.Config.GitOps.Revision,
                        Ref = "values",
                    },
                    ArgoCdObjects.GitSource(environment, layout.Overlay(component.Name, environment.Name)),
                ],
                SyncPolicy = ArgoCdObjects.SyncPolicy("ServerSideApply=true", "PruneLast=true"),
            },
        });
    }
}
