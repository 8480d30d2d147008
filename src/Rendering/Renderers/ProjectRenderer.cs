using System.Text.Json.Nodes;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Tree;
using Lakehouse.Rendering.Yaml;

namespace Lakehouse.Rendering.Renderers;

/// <summary>
/// The AppProject of each environment, restricted to this repository and the chart repositories used,
/// the environment's cluster and the platform's namespaces, and the cluster-scoped kinds the charts need.
/// It syncs in wave -1, before every Application that belongs to it.
/// </summary>
public sealed class ProjectRenderer : IRenderer
{
    public void Render(PlatformRender platform, GitOpsLayout layout, GitOpsTree tree)
    {
        foreach (var environment in platform.Environments)
        {
            var name = environment.Naming.Project;
            var repositories = environment.Components.Select(c => c.Spec.Chart.RepositoryUrl)
                .Append(environment.Config.GitOps.Repository)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            var namespaces = environment.Components.Select(c => c.Spec.Namespace)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            var clusterKinds = environment.Components.SelectMany(c => c.Spec.ClusterResources)
                .Append(new Lakehouse.Model.GroupKind("", "Namespace"))
                .Distinct().OrderBy(k => k.Group, StringComparer.Ordinal).ThenBy(k => k.Kind, StringComparer.Ordinal);

            var project = new JsonObject
            {
                ["apiVersion"] = ArgoCdObjects.ApiVersion,
                ["kind"] = "AppProject",
                ["metadata"] = ArgoCdObjects.Metadata(environment, name, -1, null),
                ["spec"] = new JsonObject
                {
                    ["description"] = $"{environment.Naming.Platform} platform, environment {environment.Name}: only this repository, the pinned chart repositories and the platform's namespaces.",
                    ["sourceRepos"] = new JsonArray(repositories.Select(r => (JsonNode)r).ToArray()),
                    ["destinations"] = new JsonArray(namespaces.Select(ns => (JsonNode)new JsonObject
                    {
                        ["server"] = environment.Config.Cluster.Server,
                        ["namespace"] = ns,
                    }).ToArray()),
                    ["clusterResourceWhitelist"] = new JsonArray(clusterKinds.Select(k => (JsonNode)new JsonObject
                    {
                        ["group"] = k.Group,
                        ["kind"] = k.Kind,
                    }).ToArray()),
                    ["orphanedResources"] = new JsonObject { ["warn"] = true },
                },
            };
            var header = Header.For(environment.Components.Select(c => c.Placed.Location.Path).Take(1).Append(environment.SourceFile));
            tree.Add($"{layout.Cluster(environment.Name)}/{GitOpsLayout.FileName("AppProject", name)}", YamlWriter.Write(project, header));
        }
    }
}
