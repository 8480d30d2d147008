using System.Text.Json.Nodes;
using Lakehouse.Model.Identity;
using Lakehouse.Model.Workspaces;

namespace Lakehouse.Model.Components;

/// <summary>
/// Airflow's single sign-on: the FAB auth manager (apache-airflow-providers-fab, in the official image) with
/// Flask-AppBuilder's AUTH_OAUTH against the platform's provider, in the API server's webserver_config.py; the
/// user's groups from the ID token as FAB role keys, mapped to Airflow's roles at every sign-in. A user none of whose
/// groups maps gets "Public", which has no permissions.
/// </summary>
public static class AirflowSso
{
    /// <summary>airflow.cfg [core] auth_manager: the FAB auth manager (Airflow 3's default, SimpleAuthManager, has no SSO).</summary>
    public const string AuthManager = "airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager";

    /// <summary>Airflow's roles for the platform's administrators.</summary>
    public static IReadOnlyList<string> PlatformAdminRoles { get; } = ["Admin"];

    /// <summary>Airflow's role of each workspace role; empty: no role (Public).</summary>
    public static IReadOnlyDictionary<WorkspaceRole, IReadOnlyList<string>> Roles { get; } = new Dictionary<WorkspaceRole, IReadOnlyList<string>>
    {
        [WorkspaceRole.Admin] = ["Op"],
        [WorkspaceRole.Engineer] = ["User"],
        [WorkspaceRole.Analyst] = ["Viewer"],
        [WorkspaceRole.Viewer] = ["Viewer"],
        [WorkspaceRole.Service] = [],
    };

    /// <summary>The environment variable the config reads the client secret from.</summary>
    public const string ClientSecretVariable = FlaskAppBuilderOAuth.ClientSecretVariable;

    /// <summary>Group -> roles, as AUTH_ROLES_MAPPING holds it.</summary>
    public static JsonObject RolesMapping(IdentityGroups groups) => FlaskAppBuilderOAuth.RolesMapping(groups, PlatformAdminRoles, Roles);

    /// <summary>The Python settings (<see cref="FlaskAppBuilderOAuth"/>) with this application's security manager.</summary>
    public static string Config(OidcClient client, IdentityGroups groups) => FlaskAppBuilderOAuth.Config(client, RolesMapping(groups), Manager);

    /// <summary>webserver_config.py (apiServer.apiServerConfig; the chart passes it through tpl, so it holds no "{{").</summary>
    private static readonly FlaskAppBuilderOAuth.SecurityManager Manager = new(
        "from airflow.providers.fab.auth_manager.security_manager.override import FabAirflowSecurityManagerOverride",
        "FabAirflowSecurityManagerOverride", "get_oauth_user_info(self, provider, resp)", "resp", "SECURITY_MANAGER_CLASS");
}
