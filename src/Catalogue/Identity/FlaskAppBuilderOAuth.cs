using System.Text.Json;
using System.Text.Json.Nodes;
using Lakehouse.Model.Identity;
using Lakehouse.Model.Workspaces;

namespace Lakehouse.Model.Components;

/// <summary>
/// Flask-AppBuilder's AUTH_OAUTH against the platform's provider, as Superset and Airflow's FAB auth manager both read
/// it: Authlib reads the provider's discovery document, the user's groups from the ID token become FAB role keys,
/// mapped to the application's roles at every sign-in (AUTH_ROLES_MAPPING with AUTH_ROLES_SYNC_AT_LOGIN); a user none
/// of whose groups maps gets "Public". The two differ only in their security manager and its user-info hook.
/// </summary>
internal static class FlaskAppBuilderOAuth
{
    /// <summary>The environment variable the config reads the client secret from.</summary>
    public const string ClientSecretVariable = "OIDC_CLIENT_SECRET";

    /// <summary>The application's security manager: its import, base class, user-info hook and the setting naming it.</summary>
    public sealed record SecurityManager(string Import, string BaseClass, string UserInfoSignature, string ResponseParameter, string Setting);

    /// <summary>Group -> application roles, as AUTH_ROLES_MAPPING holds it.</summary>
    public static JsonObject RolesMapping(IdentityGroups groups, IReadOnlyList<string> platformAdminRoles, IReadOnlyDictionary<WorkspaceRole, IReadOnlyList<string>> roles)
    {
        var mapping = new JsonObject();
        foreach (var (group, mapped) in groups.Map(platformAdminRoles, r => roles[r] is { Count: > 0 } rs ? rs : null))
        {
            mapping[group] = new JsonArray([.. mapped.Select(r => (JsonNode)r)]);
        }
        return mapping;
    }

    /// <summary>The Python settings: every value a JSON literal (valid Python), the client secret read from the environment.</summary>
    public static string Config(OidcClient client, JsonObject rolesMapping, SecurityManager manager)
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
            {{{manager.Import}}}
            AUTH_TYPE = AUTH_OAUTH
            AUTH_USER_REGISTRATION = True
            AUTH_USER_REGISTRATION_ROLE = "Public"
            AUTH_ROLES_SYNC_AT_LOGIN = True
            AUTH_ROLES_MAPPING = {{{rolesMapping.ToJsonString(json)}}}
            OIDC_REMOTE_APP = {{{remote.ToJsonString(json)}}}
            OAUTH_PROVIDERS = [{"name": "oidc", "icon": "fa-key", "token_key": "access_token", "remote_app": {**OIDC_REMOTE_APP, "client_secret": os.environ["{{{ClientSecretVariable}}}"]}}]
            class PlatformSecurityManager({{{manager.BaseClass}}}):
                # FAB knows the claims of a few named providers only; a generic OIDC provider's come from the ID token.
                def {{{manager.UserInfoSignature}}}:
                    claims = ({{{manager.ResponseParameter}}} or {}).get("userinfo") or self.appbuilder.sm.oauth_remotes[provider].userinfo()
                    return {"username": claims["{{{client.UsernameClaim}}}"], "email": claims.get("email", ""), "first_name": claims.get("given_name", ""), "last_name": claims.get("family_name", ""), "role_keys": claims.get("{{{client.GroupsClaim}}}", [])}
            {{{manager.Setting}}} = PlatformSecurityManager

            """;
    }
}
