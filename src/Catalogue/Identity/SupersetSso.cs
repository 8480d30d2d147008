using System.Text.Json.Nodes;
using Lakehouse.Model.Identity;
using Lakehouse.Model.Workspaces;

namespace Lakehouse.Model.Components;

/// <summary>
/// Superset's single sign-on: Flask-AppBuilder's AUTH_OAUTH against the platform's provider (Authlib reads its
/// discovery document), the user's groups from the ID token as FAB role keys, mapped to Superset roles at every
/// sign-in (AUTH_ROLES_MAPPING with AUTH_ROLES_SYNC_AT_LOGIN). A user none of whose groups maps gets "Public",
/// which has no permissions.
/// </summary>
public static class SupersetSso
{
    /// <summary>Superset's roles for the platform's administrators.</summary>
    public static IReadOnlyList<string> PlatformAdminRoles { get; } = ["Admin"];

    /// <summary>Superset's roles of each workspace role; empty: no role (Public).</summary>
    public static IReadOnlyDictionary<WorkspaceRole, IReadOnlyList<string>> Roles { get; } = new Dictionary<WorkspaceRole, IReadOnlyList<string>>
    {
        [WorkspaceRole.Admin] = ["Alpha", "sql_lab"],
        [WorkspaceRole.Engineer] = ["Alpha", "sql_lab"],
        [WorkspaceRole.Analyst] = ["Gamma", "sql_lab"],
        [WorkspaceRole.Viewer] = ["Gamma"],
        [WorkspaceRole.Service] = [],
    };

    /// <summary>The environment variable the config reads the client secret from.</summary>
    public const string ClientSecretVariable = FlaskAppBuilderOAuth.ClientSecretVariable;

    /// <summary>Group -> roles, as AUTH_ROLES_MAPPING holds it.</summary>
    public static JsonObject RolesMapping(IdentityGroups groups) => FlaskAppBuilderOAuth.RolesMapping(groups, PlatformAdminRoles, Roles);

    /// <summary>The Python settings (<see cref="FlaskAppBuilderOAuth"/>) with this application's security manager.</summary>
    public static string Config(OidcClient client, IdentityGroups groups) => FlaskAppBuilderOAuth.Config(client, RolesMapping(groups), Manager);

    /// <summary>The configOverrides entry (superset_config.py).</summary>
    private static readonly FlaskAppBuilderOAuth.SecurityManager Manager = new(
        "from superset.security import SupersetSecurityManager",
        "SupersetSecurityManager", "oauth_user_info(self, provider, response=None)", "response", "CUSTOM_SECURITY_MANAGER");
}
