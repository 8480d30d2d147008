using k8s.Models;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Model.Workspaces;

namespace Lakehouse.Model.Components;

/// <summary>
/// The Kubernetes objects of one workspace in one environment, in its own folder (gitops/ENV/apps/NAME/): its
/// Namespace (Pod Security "restricted"), ResourceQuota and LimitRange from env/'s <c>workspaces.NAME</c>, a
/// default-deny ingress policy, its Service role's ServiceAccount (with its IAM role on aws), and a Role and RoleBinding per
/// <see cref="WorkspaceRole"/> bound to that role's identity-provider group.
/// </summary>
public static class WorkspaceObjects
{
    /// <summary>The label every object of a workspace carries, with the workspace's name.</summary>
    public const string WorkspaceLabel = "lakehouse.io/workspace";

    public static string Namespace(Naming naming, Workspace workspace) => naming.Namespace(workspace.Name);

    /// <summary>The Role (and RoleBinding) of one workspace role: workspace-admin, workspace-engineer, ...</summary>
    public static string RoleName(WorkspaceRole role) => $"workspace-{role.ToString().ToLowerInvariant()}";

    /// <summary>The annotation of an IAM role a ServiceAccount assumes on EKS (IAM roles for service accounts).</summary>
    public const string RoleArnAnnotation = "eks.amazonaws.com/role-arn";

    /// <param name="naming">The environment's naming rule.</param>
    /// <param name="environment">The environment's configuration (the workspace's sizes).</param>
    /// <param name="workspace">The workspace.</param>
    /// <param name="roleArn">
    /// The IAM role of the workspace's Service identity where the platform creates one (aws:
    /// <see cref="WorkspaceCloudResources"/>): its ServiceAccount carries it as <see cref="RoleArnAnnotation"/>.
    /// </param>
    public static IReadOnlyList<ManifestObject> For(Naming naming, EnvironmentConfig environment, Workspace workspace, string? roleArn = null)
    {
        var ns = Namespace(naming, workspace);
        var config = environment.WorkspaceOf(workspace.Name);
        var labels = new Dictionary<string, string> { [WorkspaceLabel] = workspace.Name };
        var objects = new List<ManifestObject>
        {
            Labelled(StandardObjects.Namespace(ns, naming.Platform), workspace.Name),
            ManifestObject.From(new V1ResourceQuota
            {
                ApiVersion = "v1",
                Kind = "ResourceQuota",
                Metadata = new V1ObjectMeta { Name = "workspace-quota", NamespaceProperty = ns, Labels = labels },
                Spec = new V1ResourceQuotaSpec
                {
                    Hard = new Dictionary<string, ResourceQuantity>
                    {
                        ["limits.cpu"] = new(config.Cpu),
                        ["limits.memory"] = new(config.Memory),
                        ["pods"] = new(config.Pods.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        ["requests.cpu"] = new(config.Cpu),
                        ["requests.memory"] = new(config.Memory),
                        ["requests.storage"] = new(config.Storage),
                    },
                },
            }),
            ManifestObject.From(new V1LimitRange
            {
                ApiVersion = "v1",
                Kind = "LimitRange",
                Metadata = new V1ObjectMeta { Name = "workspace-limits", NamespaceProperty = ns, Labels = labels },
                Spec = new V1LimitRangeSpec
                {
                    Limits =
                    [
                        new V1LimitRangeItem
                        {
                            Type = "Container",
                            DefaultRequest = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(config.Container.Cpu), ["memory"] = new(config.Container.Memory) },
                            DefaultProperty = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(config.Container.Cpu), ["memory"] = new(config.Container.Memory) },
                        },
                    ],
                },
            }),
            // Only the namespace's own pods reach its pods; Prometheus scrapes nothing here unless a workload asks.
            StandardObjects.IngressPolicy(ns, [], [], environment.Monitoring.Namespace, []),
            ManifestObject.From(new V1ServiceAccount
            {
                ApiVersion = "v1",
                Kind = "ServiceAccount",
                Metadata = new V1ObjectMeta
                {
                    Name = WorkspaceStorage.Principal(naming, workspace),
                    NamespaceProperty = ns,
                    Labels = labels,
                    Annotations = roleArn is null ? null : new Dictionary<string, string> { [RoleArnAnnotation] = roleArn },
                },
            }),
        };
        foreach (var role in Enum.GetValues<WorkspaceRole>())
        {
            objects.Add(ManifestObject.From(new V1Role
            {
                ApiVersion = "rbac.authorization.k8s.io/v1",
                Kind = "Role",
                Metadata = new V1ObjectMeta { Name = RoleName(role), NamespaceProperty = ns, Labels = labels },
                Rules = [.. WorkspaceRbac.Rules(role).Select(r => new V1PolicyRule { ApiGroups = [.. r.ApiGroups], Resources = [.. r.Resources], Verbs = [.. r.Verbs] })],
            }));
            objects.Add(ManifestObject.From(new V1RoleBinding
            {
                ApiVersion = "rbac.authorization.k8s.io/v1",
                Kind = "RoleBinding",
                Metadata = new V1ObjectMeta { Name = RoleName(role), NamespaceProperty = ns, Labels = labels },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = RoleName(role) },
                Subjects = [.. Subjects(naming, workspace, role, ns)],
            }));
        }
        return objects;
    }

    /// <summary>The role's identity-provider group; the platform's administrators also administer every workspace; the Service role also binds the workspace's ServiceAccount.</summary>
    private static IEnumerable<Rbacv1Subject> Subjects(Naming naming, Workspace workspace, WorkspaceRole role, string ns)
    {
        yield return Group(naming.WorkspaceGroup(workspace.Name, role));
        if (role == WorkspaceRole.Admin)
        {
            yield return Group(naming.PlatformAdminGroup);
        }
        if (role == WorkspaceRole.Service)
        {
            yield return new Rbacv1Subject { Kind = "ServiceAccount", Name = WorkspaceStorage.Principal(naming, workspace), NamespaceProperty = ns };
        }
    }

    private static Rbacv1Subject Group(string name) => new() { ApiGroup = "rbac.authorization.k8s.io", Kind = "Group", Name = name };

    private static ManifestObject Labelled(ManifestObject ns, string workspace)
    {
        ns.Body["metadata"]!["labels"]![WorkspaceLabel] = workspace;
        return ns;
    }
}
