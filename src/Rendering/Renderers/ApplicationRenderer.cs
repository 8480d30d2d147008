using System.Text.Json.Nodes;
using Lakehouse.Catalogue.CustomResources;
using Lakehouse.Model;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Tree;
using Lakehouse.Rendering.Yaml;

namespace Lakehouse.Rendering.Renderers;

/// <summary>
/// One Argo CD Application per component and environment, with three sources: the upstream chart at
/// its pinned version with the environment's value file from this repository ($values), this repository
/// as the "values" ref, and the component's Kustomize folder in the environment's tree. Its sync wave
/// follows the dependency graph. Everything it points at lies under its own environment's folder.
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
            var application = Application(environment, component, name, layout);
            var header = Header.For(component, environment);
            tree.Add($"{layout.Cluster(environment.Name)}/{GitOpsLayout.FileName("Application", name)}", YamlWriter.WriteUtf8(application, header));
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

    private static JsonObject Application(EnvironmentRender environment, ComponentRender component, string name, GitOpsLayout layout)
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
                        ValueFiles = [$"$values/{layout.Values(component.Name, environment.Name)}"],
                    }),
                    new()
                    {
                        RepoURL = environment.Config.GitOps.Repository,
                        TargetRevision = environment.Config.GitOps.Revision,
                        Ref = "values",
                    },
                    ArgoCdObjects.GitSource(environment, layout.App(component.Name, environment.Name)),
                ],
                SyncPolicy = ArgoCdObjects.SyncPolicy("ServerSideApply=true", "PruneLast=true"),
            },
        });
    }
}
