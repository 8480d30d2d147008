using System.Text.Json.Nodes;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Tree;
using Lakehouse.Rendering.Yaml;

namespace Lakehouse.Rendering.Renderers;

/// <summary>
/// The app of apps of each environment: gitops/clusters/ENV/kustomization.yaml lists the AppProject and
/// the Applications, and gitops/bootstrap/ENV/ holds the root Application that syncs that folder.
/// The root is applied once by hand (kubectl apply -f gitops/bootstrap/ENV/); from then on Git drives.
/// It belongs to the "default" project because the environment's own project is one of its children.
/// </summary>
public sealed class BootstrapRenderer : IRenderer
{
    public void Render(PlatformRender platform, GitOpsLayout layout, GitOpsTree tree)
    {
        foreach (var environment in platform.Environments)
        {
            var header = Header.For(environment.Components.Select(c => c.Placed.Location.Path).Take(1).Append(environment.SourceFile));
            var resources = ApplicationRenderer.FileNames(environment)
                .Prepend(GitOpsLayout.FileName("AppProject", environment.Naming.Project));
            // What the environment uses without deploying it has no Application: name it where reviewers read the list.
            var referenced = environment.External
                .Select(p => p.Component)
                .OfType<Lakehouse.Model.ExternalComponent>()
                .OrderBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => $"Referenced, not deployed: {c.Name} ({c.Description})");
            tree.Add($"{layout.Cluster(environment.Name)}/kustomization.yaml", YamlWriter.Write(new JsonObject
            {
                ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
                ["kind"] = "Kustomization",
                ["resources"] = new JsonArray(resources.Select(r => (JsonNode)r).ToArray()),
            }, [.. header, .. referenced]));

            var name = environment.Naming.RootApplication;
            var root = new JsonObject
            {
                ["apiVersion"] = ArgoCdObjects.ApiVersion,
                ["kind"] = "Application",
                ["metadata"] = ArgoCdObjects.Metadata(environment, name, 0, null),
                ["spec"] = new JsonObject
                {
                    ["project"] = "default",
                    ["destination"] = new JsonObject
                    {
                        ["server"] = environment.Config.Cluster.Server,
                        ["namespace"] = environment.Config.GitOps.ArgoCdNamespace,
                    },
                    ["source"] = ArgoCdObjects.GitSource(environment, layout.Cluster(environment.Name)),
                    ["syncPolicy"] = ArgoCdObjects.SyncPolicy("ServerSideApply=true"),
                },
            };
            tree.Add($"{layout.Bootstrap(environment.Name)}/{GitOpsLayout.FileName("Application", name)}", YamlWriter.Write(root, header));
        }
    }
}
