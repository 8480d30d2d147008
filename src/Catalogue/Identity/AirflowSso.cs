using System.Text.Json;
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
    public const string ClientSecretVariable = "OIDC_CLIENT_SECRET";

    /// <summary>Group -> Airflow roles, as AUTH_ROLES_MAPPING holds it.</summary>
    public static JsonObject RolesMapping(IdentityGroups groups)
    {
        var mapping = new JsonObject();
        foreach (var (group, roles) in groups.Map(PlatformAdminRoles, r => Roles[r] is { Count: > 0 } roles ? roles : null))
        {
            mapping[group] = new JsonArray([.. roles.Select(r => (JsonNode)r)]);
        }
        return mapping;
    }

    /// <summary>
    /// webserver_config.py (apiServer.apiServerConfig; the chart passes it through tpl, so it holds no "{{"). Values
    /// are JSON literals (valid Python); the client secret is read from the environment.
    /// </summary>
    public static string Config(OidcClient client, IdentityGroups groups)
    {
        var remote = new JsonObject
        {
            ["client_id"] = client.ClientId,
            ["server_metadata_url"] = client.DiscoveryUrl,
            ["client_kwargs"] = new JsonObject { ["scope"] = string.Join(' ', client.Scopes) },
        };
        var json = new JsonSerializerOptions { WriteIndented = false };
        return $$$"""
            import os
            from flask_appbuilder.security.manager import AUTH_OAUTH
            from airflow.providers.fab.auth_manager.security_manager.override import FabAirflowSecurityManagerOverride
            AUTH_TYPE = AUTH_OAUTH
            AUTH_USER_REGISTRATION = True
            AUTH_USER_REGISTRATION_ROLE = "Public"
            AUTH_ROLES_SYNC_AT_LOGIN = True
            AUTH_ROLES_MAPPING = {{{RolesMapping(groups).ToJsonString(json)}}}
            OIDC_REMOTE_APP = {{{remote.ToJsonString(json)}}}
            OAUTH_PROVIDERS = [{"name": "oidc", "icon": "fa-key", "token_key": "access_token", "remote_app": {**OIDC_REMOTE_APP, "client_secret": os.environ["{{{ClientSecretVariable}}}"]}}]
            class PlatformSecurityManager(FabAirflowSecurityManagerOverride):
                # FAB knows the claims of a few named providers only; a generic OIDC provider's come from the ID token.
                def get_oauth_user_info(self, provider, resp):
                    claims = (resp or {}).get("userinfo") or self.appbuilder.sm.oauth_remotes[provider].userinfo()
                    return {"username": claims["{{{client.UsernameClaim}}}"], "email": claims.get("email", ""), "first_name": claims.get("given_name", ""), "last_name": claims.get("family_name", ""), "role_keys": claims.get("{{{client.GroupsClaim}}}", [])}
            SECURITY_MANAGER_CLASS = PlatformSecurityManager

            """;
    }
}
