using Lakehouse.Model.Identity;

namespace Lakehouse.Model.Components;

/// <summary>
/// Trino's single sign-on: OAuth 2.0 (OpenID Connect, discovery from the issuer) for people on the coordinator's web
/// UI and clients, beside password authentication for service users (Superset, the orchestrator's SQL tasks). The
/// principal is the username claim. Trino 480 reads no groups from tokens (the OAuth 2.0 groups field was removed in
/// 480), so a user's groups come from the file group provider: the provider's group names (the workspace groups)
/// with their members, in a Secret kept in step with the provider outside Git.
/// </summary>
public static class TrinoSso
{
    /// <summary>Authenticators in the order Trino tries them: a bearer token or browser session first, else a password.</summary>
    public const string AuthenticationType = "OAUTH2,PASSWORD";

    /// <summary>The environment variable the coordinator reads the client secret from (Trino's ${ENV:...} substitution).</summary>
    public const string ClientSecretVariable = "TRINO_OAUTH2_CLIENT_SECRET";

    /// <summary>
    /// The coordinator's config.properties lines (server.coordinatorExtraConfig: workers take no OAuth 2.0 properties,
    /// and Trino refuses properties it does not use).
    /// </summary>
    public static IReadOnlyList<string> CoordinatorProperties(OidcClient client) =>
    [
        $"http-server.authentication.oauth2.issuer={client.Issuer}",
        $"http-server.authentication.oauth2.client-id={client.ClientId}",
        $"http-server.authentication.oauth2.client-secret=${{ENV:{ClientSecretVariable}}}",
        $"http-server.authentication.oauth2.scopes={string.Join(',', client.Scopes)}",
        $"http-server.authentication.oauth2.principal-field={client.UsernameClaim}",
        "web-ui.authentication.type=oauth2",
    ];

    /// <summary>The Secret (key group.db, Trino's group file format "group:user1,user2") the file group provider reads.</summary>
    public static string GroupsSecret(Naming naming, string component) => naming.Secret(component, "groups");
}
