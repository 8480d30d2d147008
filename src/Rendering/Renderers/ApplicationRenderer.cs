using System.Text.Json.Nodes;
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
            tree.Add($"{layout.Cluster(environment.Name)}/{GitOpsLayout.FileName("Application", name)}", YamlWriter.Write(application, header));
        });
    }

    /// <summary>The chart's source: a Helm repository names the chart, a Git repository its folder at a tag.</summary>
    private static JsonObject ChartSource(Lakehouse.Model.HelmChart chart, JsonObject helm) => chart.GitPath is null
        ? new JsonObject
        {
            ["repoURL"] = chart.RepositoryUrl,
            ["chart"] = chart.Name,
            ["targetRevision"] = chart.Version,
            ["helm"] = helm,
        }
        : new JsonObject
        {
            ["repoURL"] = chart.RepositoryUrl,
            ["path"] = chart.GitPath,
            ["targetRevision"] = chart.Version,
            ["helm"] = helm,
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
            metadata["annotations"]!["lakehouse.io/depends-on"] = string.Join(",", component.DependsOn);
        }
        if (spec.Metrics is NoMetrics none)
        {
            metadata["annotations"]!["lakehouse.io/observability-exemption"] = none.Reason;
        }
        if (spec.Probes is NoProbes noProbes)
        {
            metadata["annotations"]!["lakehouse.io/probes-exemption"] = noProbes.Reason;
        }
        // Deleting the Application deletes what it deployed.
        metadata["finalizers"] = new JsonArray("resources-finalizer.argocd.argoproj.io");

        return new JsonObject
        {
            ["apiVersion"] = ArgoCdObjects.ApiVersion,
            ["kind"] = "Application",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["project"] = environment.Naming.ComponentProject(component.Name),
                ["destination"] = new JsonObject
                {
                    ["server"] = environment.Config.Cluster.Server,
                    ["namespace"] = spec.Namespace,
                },
                ["sources"] = new JsonArray(
                    ChartSource(spec.Chart, new JsonObject
                    {
                        ["releaseName"] = environment.Naming.Release(component.Name),
                        ["valueFiles"] = new JsonArray($"$values/{layout.Values(component.Name, environment.Name)}"),
                    }),
                    new JsonObject
                    {
                        ["repoURL"] = environment.Config.GitOps.Repository,
                        ["targetRevision"] = environment.Config.GitOps.Revision,
                        ["ref"] = "values",
                    },
                    ArgoCdObjects.GitSource(environment, layout.App(component.Name, environment.Name))),
                ["syncPolicy"] = ArgoCdObjects.SyncPolicy("ServerSideApply=true", "PruneLast=true"),
            },
        };
    }
}
