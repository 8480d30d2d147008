using System.Text.Json.Nodes;
using Lakehouse.Model.Identity;
using Lakehouse.Model.Workspaces;

namespace Lakehouse.Model.Components;

/// <summary>
/// Grafana's single sign-on: grafana.ini's auth.generic_oauth against the platform's provider, the role from the
/// groups claim by a JMESPath role_attribute_path, strictly (a user none of whose groups maps is refused).
/// </summary>
public static class GrafanaSso
{
    /// <summary>Grafana's role for the platform's administrators.</summary>
    public const string PlatformAdminRole = "Admin";

    /// <summary>Grafana's organisation role of each workspace role; null: no sign-in.</summary>
    public static IReadOnlyDictionary<WorkspaceRole, string?> Roles { get; } = new Dictionary<WorkspaceRole, string?>
    {
        [WorkspaceRole.Admin] = "Editor",
        [WorkspaceRole.Engineer] = "Editor",
        [WorkspaceRole.Analyst] = "Viewer",
        [WorkspaceRole.Viewer] = "Viewer",
        [WorkspaceRole.Service] = null,
    };

    /// <summary>The environment variable Grafana reads the client secret from (GF_SECTION_KEY overrides grafana.ini).</summary>
    public const string ClientSecretVariable = "GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET";

    /// <summary>
    /// The JMESPath expression: the highest role any of the user's groups grants, tried from Admin down, else
    /// false (with role_attribute_strict, refused).
    /// </summary>
    public static string RoleAttributePath(IdentityGroups groups, string groupsClaim)
    {
        var mapping = groups.Map(PlatformAdminRole, r => Roles[r]);
        var parts = new[] { PlatformAdminRole, "Editor", "Viewer" }
            .Select(role => (Role: role, Groups: mapping.Where(m => m.Role == role).Select(m => m.Group).ToList()))
            .Where(r => r.Groups.Count > 0)
            .Select(r => $"({string.Join(" || ", r.Groups.Select(g => $"contains({groupsClaim}[*], '{g}')"))}) && '{r.Role}'");
        return string.Join(" || ", parts) + " || false";
    }

    /// <summary>grafana.ini's server.root_url and auth.generic_oauth (merged by Helm over the chart's own grafana.ini).</summary>
    public static JsonObject Ini(OidcClient client, IdentityGroups groups, string publicHost, string displayName) => new()
    {
        ["server"] = new JsonObject { ["root_url"] = $"https://{publicHost}" },
        ["auth.generic_oauth"] = new JsonObject
        {
            ["enabled"] = true,
            ["name"] = displayName,
            ["client_id"] = client.ClientId,
            ["scopes"] = string.Join(' ', client.Scopes),
            ["auth_url"] = client.AuthorizationEndpoint,
            ["token_url"] = client.TokenEndpoint,
            ["api_url"] = client.UserinfoEndpoint,
            ["login_attribute_path"] = client.UsernameClaim,
            ["groups_attribute_path"] = client.GroupsClaim,
            ["role_attribute_path"] = RoleAttributePath(groups, client.GroupsClaim),
            ["role_attribute_strict"] = true,
            ["allow_sign_up"] = true,
            ["use_pkce"] = true,
        },
    };

    /// <summary>The chart's envValueFrom entry that puts the client secret into <see cref="ClientSecretVariable"/>.</summary>
    public static JsonObject SecretEnvironment(OidcClient client) => new()
    {
        [ClientSecretVariable] = new JsonObject
        {
            ["secretKeyRef"] = new JsonObject { ["name"] = client.ClientSecret.SecretName, ["key"] = client.ClientSecret.Key },
        },
    };
}
