using System.Text;
using System.Text.Json;
using Lakehouse.Model.Identity;
using Lakehouse.Model.Workspaces;

namespace Lakehouse.Model.Components;

/// <summary>
/// Argo CD's single sign-on: argocd-cm's oidc.config against the platform's provider (Argo CD's bundled Dex is
/// then off) and argocd-rbac-cm's policy.csv mapping the provider's groups to Argo CD roles.
/// </summary>
public static class ArgoCdSso
{
    /// <summary>The built-in Argo CD role the platform's administrators get.</summary>
    public const string PlatformAdminRole = "role:admin";

    /// <summary>
    /// What each workspace role may do with the Applications of its workspace's AppProject; a role with none gets no
    /// Argo CD role (the service role is a machine: it uses project tokens, not sign-in).
    /// </summary>
    public static IReadOnlyDictionary<WorkspaceRole, IReadOnlyList<string>> ApplicationActions { get; } = new Dictionary<WorkspaceRole, IReadOnlyList<string>>
    {
        [WorkspaceRole.Admin] = ["get", "create", "update", "delete", "sync", "override", "action/*"],
        [WorkspaceRole.Engineer] = ["get", "sync"],
        [WorkspaceRole.Analyst] = ["get"],
        [WorkspaceRole.Viewer] = ["get"],
        [WorkspaceRole.Service] = [],
    };

    /// <summary>The Argo CD role of one workspace role: "role:lakehouse-analytics-engineer" (the group's own name).</summary>
    public static string RoleOf(string group) => $"role:{group}";

    /// <summary>The label without which Argo CD does not read a Secret its config references ("$SECRET:KEY").</summary>
    public static IReadOnlyDictionary<string, string> SecretLabels { get; } = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = "argocd" };

    /// <summary>
    /// argocd-cm's oidc.config. The client secret is a reference Argo CD resolves itself: "$SECRET:KEY" names a
    /// Secret in Argo CD's namespace labelled app.kubernetes.io/part-of=argocd (docs/secrets.md).
    /// </summary>
    public static string OidcConfig(OidcClient client, string displayName)
    {
        var text = new StringBuilder();
        text.Append("name: ").Append(Quote(displayName)).Append('\n');
        text.Append("issuer: ").Append(Quote(client.Issuer)).Append('\n');
        text.Append("clientID: ").Append(Quote(client.ClientId)).Append('\n');
        text.Append("clientSecret: ").Append(Quote($"${client.ClientSecret.SecretName}:{client.ClientSecret.Key}")).Append('\n');
        text.Append("requestedScopes: [").Append(string.Join(", ", client.Scopes.Select(Quote))).Append("]\n");
        text.Append("requestedIDTokenClaims: {").Append(Quote(client.GroupsClaim)).Append(": {\"essential\": true}}\n");
        return text.ToString();
    }

    /// <summary>
    /// argocd-rbac-cm's policy.csv: the administrators' group bound to role:admin; per workspace, one role per workspace
    /// role with its actions on the workspace project's Applications (and reading the project), bound to its group.
    /// </summary>
    public static string PolicyCsv(IdentityGroups groups, Naming naming)
    {
        var text = new StringBuilder();
        text.Append("g, ").Append(groups.PlatformAdmin).Append(", ").Append(PlatformAdminRole).Append('\n');
        foreach (var member in groups.Members)
        {
            var actions = ApplicationActions[member.Role];
            if (actions.Count == 0)
            {
                continue;
            }
            var role = RoleOf(member.Group);
            var project = naming.WorkspaceProject(member.Workspace);
            text.Append("p, ").Append(role).Append(", projects, get, ").Append(project).Append(", allow\n");
            foreach (var action in actions)
            {
                text.Append("p, ").Append(role).Append(", applications, ").Append(action).Append(", ").Append(project).Append("/*, allow\n");
            }
            if (actions.Contains("sync"))
            {
                text.Append("p, ").Append(role).Append(", logs, get, ").Append(project).Append("/*, allow\n");
            }
            text.Append("g, ").Append(member.Group).Append(", ").Append(role).Append('\n');
        }
        return text.ToString();
    }

    private static string Quote(string value) => JsonSerializer.Serialize(value);
}
