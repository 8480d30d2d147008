using System.Text.Json.Nodes;
using Lakehouse.Catalogue.CustomResources;
using Lakehouse.Model.Components;
using Lakehouse.Model.Workspaces;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Tree;
using Lakehouse.Rendering.Yaml;

namespace Lakehouse.Rendering.Renderers;

/// <summary>
/// Each workspace in each environment, in files of its own (docs/workspaces.md): gitops/ENV/apps/NAME/ (its
/// Namespace, quota, limits, ingress policy, ServiceAccount, Roles and RoleBindings; <see cref="WorkspaceObjects"/>; its
/// default-egress, derived with the components' by EgressPolicies; and what components hand it,
/// <see cref="EnvironmentRender.WorkspaceManifests"/>),
/// the Application syncing that folder and its AppProject (the namespace and the Namespace kind only), and the
/// workspace's own AppProject for its members' Applications: its namespace only, no cluster-scoped kind, none of the
/// kinds that bound it (quota, limits, policies, RBAC). A second workspace touches none of these files.
/// </summary>
public sealed class WorkspaceRenderer : IRenderer
{
    /// <summary>Kinds a workspace's own Applications may not create: they are what contains the workspace.</summary>
    public static IReadOnlyList<(string Group, string Kind)> Bounds { get; } =
    [
        ("", "LimitRange"),
        ("", "ResourceQuota"),
        ("networking.k8s.io", "NetworkPolicy"),
        ("rbac.authorization.k8s.io", "Role"),
        ("rbac.authorization.k8s.io", "RoleBinding"),
    ];

    public void Render(PlatformRender platform, GitOpsLayout layout, GitOpsTree tree)
    {
        foreach (var environment in platform.Environments)
        {
            // Where the platform creates the workspaces' cloud resources (aws), their ServiceAccounts assume their roles.
            var aws = environment.Components.Any(c => c.Placed.Component is CloudResources) ? environment.Config.Aws : null;
            foreach (var placed in environment.Workspaces)
            {
                var workspace = placed.Workspace;
                var header = Header.For([placed.Location.Path, environment.SourceFile]);
                var folder = layout.App(workspace.Name, environment.Name);
                var resources = new List<string>();
                // Its own objects, its egress, then what the platform's components hand it (its catalog credential, its lineage settings).
                var handed = environment.WorkspaceManifests.GetValueOrDefault(workspace.Name, []);
                foreach (var manifest in WorkspaceObjects.For(environment.Naming, environment.Config, workspace,
                    aws is null ? null : WorkspaceCloudResources.RoleArn(environment.Naming, aws, workspace))
                    .Concat(environment.WorkspaceEgress.TryGetValue(workspace.Name, out var egress) ? [egress] : [])
                    .Concat(handed))
                {
                    var file = GitOpsLayout.FileName(manifest.Kind, manifest.Name);
                    tree.Add($"{folder}/{file}", YamlWriter.Write(manifest.Body, header));
                    resources.Add(file);
                }
                tree.Add($"{folder}/kustomization.yaml", YamlWriter.Write(new JsonObject
                {
                    ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
                    ["kind"] = "Kustomization",
                    ["resources"] = new JsonArray([.. resources.Select(r => (JsonNode)r)]),
                }, header));
                var cluster = layout.Cluster(environment.Name);
                tree.Add($"{cluster}/{GitOpsLayout.FileName("Application", environment.Naming.Application(workspace.Name))}", YamlWriter.Write(Application(environment, workspace, folder, Wave(environment, handed)), header));
                tree.Add($"{cluster}/{GitOpsLayout.FileName("AppProject", environment.Naming.ComponentProject(workspace.Name))}", YamlWriter.Write(PlatformProject(environment, workspace), header));
                tree.Add($"{cluster}/{GitOpsLayout.FileName("AppProject", environment.Naming.WorkspaceProject(workspace.Name))}", YamlWriter.Write(WorkspaceProject(environment, workspace), header));
            }
        }
    }

    /// <summary>The cluster kustomization's entries of an environment's workspaces: projects, then Applications.</summary>
    public static IEnumerable<string> FileNames(EnvironmentRender environment) =>
        environment.Workspaces.SelectMany(w => new[]
        {
            GitOpsLayout.FileName("AppProject", environment.Naming.ComponentProject(w.Name)),
            GitOpsLayout.FileName("AppProject", environment.Naming.WorkspaceProject(w.Name)),
        }).Concat(environment.Workspaces.Select(w => GitOpsLayout.FileName("Application", environment.Naming.Application(w.Name))));

    /// <summary>
    /// The workspace Application's sync wave: 0, or after the secret store's when it carries ExternalSecrets, whose
    /// CRD the store's Application installs.
    /// </summary>
    private static int Wave(EnvironmentRender environment, IReadOnlyList<Lakehouse.Model.Kubernetes.ManifestObject> handed) =>
        handed.Any(m => m.Kind == "ExternalSecret")
            ? 1 + environment.Components.Where(c => c.Placed.Component is Lakehouse.Model.Contracts.ISecretStore).Select(c => c.Wave).DefaultIfEmpty(-1).Max()
            : 0;

    private static JsonObject Application(EnvironmentRender environment, Workspace workspace, string folder, int wave)
    {
        var metadata = ArgoCdObjects.Metadata(environment, environment.Naming.Application(workspace.Name), wave, workspace.Name);
        metadata.Labels[WorkspaceObjects.WorkspaceLabel] = workspace.Name;
        metadata.Finalizers = ["resources-finalizer.argocd.argoproj.io"];
        return ArgoCdObjects.Json(new ApplicationV1alpha1
        {
            Metadata = metadata,
            Spec = new()
            {
                Project = environment.Naming.ComponentProject(workspace.Name),
                Destination = new() { Server = environment.Config.Cluster.Server, Namespace = WorkspaceObjects.Namespace(environment.Naming, workspace) },
                Source = ArgoCdObjects.SingleGitSource(environment, folder),
                SyncPolicy = ArgoCdObjects.SyncPolicy("ServerSideApply=true", "PruneLast=true"),
            },
        });
    }

    /// <summary>The project of the platform's Application for the workspace: this repository, its namespace, the Namespace kind.</summary>
    private static JsonObject PlatformProject(EnvironmentRender environment, Workspace workspace)
    {
        var metadata = ArgoCdObjects.Metadata(environment, environment.Naming.ComponentProject(workspace.Name), -1, workspace.Name);
        metadata.Labels[WorkspaceObjects.WorkspaceLabel] = workspace.Name;
        return ArgoCdObjects.Json(new AppProjectV1alpha1
        {
            Metadata = metadata,
            Spec = new()
            {
                Description = $"{environment.Naming.Platform} platform, environment {environment.Name}, workspace {workspace.Name}: the platform's objects bounding the workspace (namespace, quota, limits, policies, RBAC).",
                SourceRepos = [environment.Config.GitOps.Repository],
                Destinations = [ArgoCdObjects.Destination(environment, WorkspaceObjects.Namespace(environment.Naming, workspace))],
                ClusterResourceWhitelist = [new() { Group = "", Kind2 = "Namespace" }],
                OrphanedResources = new() { Warn = true },
            },
        });
    }

    /// <summary>
    /// The workspace's own project: Applications in its namespace (sourceNamespaces, Argo CD's applications in any
    /// namespace) syncing into its namespace only, from this repository and the ones the workspace names; no
    /// cluster-scoped kind and none of <see cref="Bounds"/>; project roles for its groups.
    /// </summary>
    private static JsonObject WorkspaceProject(EnvironmentRender environment, Workspace workspace)
    {
        var naming = environment.Naming;
        var name = naming.WorkspaceProject(workspace.Name);
        var ns = WorkspaceObjects.Namespace(naming, workspace);
        var metadata = ArgoCdObjects.Metadata(environment, name, -1, null);
        metadata.Labels[WorkspaceObjects.WorkspaceLabel] = workspace.Name;
        var description = workspace.Description.Length > 0 ? $"{workspace.Description}. " : "";
        return ArgoCdObjects.Json(new AppProjectV1alpha1
        {
            Metadata = metadata,
            Spec = new()
            {
                Description = $"{description}Workspace {workspace.Name} in environment {environment.Name}: its members' Applications, into its namespace only.",
                SourceRepos = [.. workspace.Repositories.Append(environment.Config.GitOps.Repository).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                SourceNamespaces = [ns],
                Destinations = [ArgoCdObjects.Destination(environment, ns)],
                ClusterResourceWhitelist = [],
                NamespaceResourceBlacklist = [.. Bounds.Select(b => new AppProjectV1alpha1SpecNamespaceResourceBlacklistItem { Group = b.Group, Kind2 = b.Kind })],
                Roles = [.. ProjectRoles(naming, workspace, name)],
                OrphanedResources = new() { Warn = true },
            },
        });
    }

    /// <summary>Argo CD project roles: admins and engineers manage the project's Applications, the others see them.</summary>
    private static IEnumerable<AppProjectV1alpha1SpecRolesItem> ProjectRoles(Lakehouse.Model.Naming naming, Workspace workspace, string project)
    {
        foreach (var role in Enum.GetValues<WorkspaceRole>().Where(r => r != WorkspaceRole.Service))
        {
            var actions = role is WorkspaceRole.Admin or WorkspaceRole.Engineer ? new[] { "get", "create", "update", "delete", "sync" } : ["get"];
            yield return new AppProjectV1alpha1SpecRolesItem
            {
                Name = role.ToString().ToLowerInvariant(),
                Description = $"workspace {workspace.Name}'s {role.ToString().ToLowerInvariant()}s",
                Groups = [naming.WorkspaceGroup(workspace.Name, role)],
                Policies = [.. actions.Select(a => $"p, proj:{project}:{role.ToString().ToLowerInvariant()}, applications, {a}, {project}/*, allow")],
            };
        }
    }
}
