using System.Text.Json.Nodes;
using Lakehouse.Catalogue.CustomResources;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Tree;
using Lakehouse.Rendering.Yaml;

namespace Lakehouse.Rendering.Renderers;

/// <summary>
/// The app of apps of each environment: gitops/ENV/cluster/kustomization.yaml lists the AppProjects and
/// the Applications, and gitops/ENV/bootstrap/ holds the root Application that syncs that folder.
/// The root is applied once by hand (kubectl apply -f gitops/ENV/bootstrap/, which also applies its
/// AppProject); from then on Git drives. The root's project is not Argo CD's "default": it allows only
/// Applications and AppProjects in Argo CD's namespace, from this repository, and no cluster-scoped kind.
/// </summary>
public sealed class BootstrapRenderer : IRenderer
{
    public void Render(PlatformRender platform, GitOpsLayout layout, GitOpsTree tree)
    {
        foreach (var environment in platform.Environments)
        {
            var header = Header.For(environment.Components.Select(c => c.Placed.Location.Path).Take(1).Append(environment.SourceFile));
            var resources = environment.Components.Select(c => ProjectRenderer.FileName(environment, c.Name))
                .Concat(ApplicationRenderer.FileNames(environment))
                .Concat(WorkspaceRenderer.FileNames(environment));
            // What the environment uses without deploying it has no Application: name it where reviewers read the list.
            var referenced = environment.External
                .Select(p => p.Component)
                .OfType<Lakehouse.Model.ExternalComponent>()
                .OrderBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => $"Referenced, not deployed: {c.Name} ({c.Description})");
            tree.Add($"{layout.Cluster(environment.Name)}/kustomization.yaml", YamlWriter.WriteUtf8(new JsonObject
            {
                ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
                ["kind"] = "Kustomization",
                ["resources"] = new JsonArray(resources.Select(r => (JsonNode)r).ToArray()),
            }, [.. header, .. referenced]));

            var name = environment.Naming.RootApplication;
            var root = ArgoCdObjects.Json(new ApplicationV1alpha1
            {
                Metadata = ArgoCdObjects.Metadata(environment, name, 0, null),
                Spec = new()
                {
                    Project = environment.Naming.Project,
                    Destination = new()
                    {
                        Server = environment.Config.Cluster.Server,
                        Namespace = environment.Config.GitOps.ArgoCdNamespace,
                    },
                    Source = ArgoCdObjects.SingleGitSource(environment, layout.Cluster(environment.Name)),
                    SyncPolicy = ArgoCdObjects.SyncPolicy("ServerSideApply=true"),
                },
            });
            tree.Add($"{layout.Bootstrap(environment.Name)}/{GitOpsLayout.FileName("Application", name)}", YamlWriter.WriteUtf8(root, header));
            tree.Add($"{layout.Bootstrap(environment.Name)}/{GitOpsLayout.FileName("AppProject", environment.Naming.Project)}", YamlWriter.WriteUtf8(RootProject(environment), header));
        }
    }

    /// <summary>What the root syncs, gitops/ENV/cluster/: Applications and AppProjects, in Argo CD's namespace only.</summary>
    private static JsonObject RootProject(EnvironmentRender environment) => ArgoCdObjects.Json(new AppProjectV1alpha1
    {
        Metadata = ArgoCdObjects.Metadata(environment, environment.Naming.Project, -1, null),
        Spec = new()
        {
            Description = $"{environment.Naming.Platform} platform, environment {environment.Name}: the root Application, which syncs only the components' Applications and AppProjects.",
            SourceRepos = [environment.Config.GitOps.Repository],
            Destinations = [ArgoCdObjects.Destination(environment, environment.Config.GitOps.ArgoCdNamespace)],
            ClusterResourceWhitelist = [],
            NamespaceResourceWhitelist =
            [
                new() { Group = "argoproj.io", Kind2 = "Application" },
                new() { Group = "argoproj.io", Kind2 = "AppProject" },
            ],
            OrphanedResources = new() { Warn = true },
        },
    });
}
