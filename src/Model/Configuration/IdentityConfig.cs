using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Lakehouse.Model.Configuration;

/// <summary>
/// Which OpenID Connect provider signs people in to the platform's UIs. Only a provider run elsewhere is offered:
/// the upstream Dex and Keycloak charts cannot be obtained on this project's machines, and the Dex bundled with
/// the argo-cd chart is no provider of its own (docs/identity.md, "Provider choice").
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<IdentityBackend>))]
public enum IdentityBackend
{
    /// <summary>An OIDC provider run outside the platform (Keycloak, Okta, Entra ID, Dex), referenced by its issuer URL.</summary>
    [JsonStringEnumMemberName("external")] External,
}

/// <summary>
/// Single sign-on. Absent: every UI keeps its own local users (no single sign-on). Present: Argo CD, Grafana,
/// Superset, Trino and Airflow sign people in at the provider, each as its own client, and map the provider's
/// groups (one per workspace and role, <see cref="Naming.WorkspaceGroup"/>) to their roles.
/// </summary>
public sealed record IdentityConfig
{
    /// <summary>The provider; its own section below says where it is.</summary>
    [Required]
    public required IdentityBackend Backend { get; init; }

    /// <summary>The provider run elsewhere, required when backend is external.</summary>
    public ExternalIdentityConfig? External { get; init; }
}

/// <summary>
/// An OIDC provider the platform uses but does not deploy. The platform's clients are registered there, one per
/// component and environment (client id <see cref="Naming.IdentityClient"/>), each with its redirect URL
/// (docs/identity.md lists them); their secrets are Secrets in the components' namespaces (docs/secrets.md).
/// </summary>
public sealed record ExternalIdentityConfig
{
    /// <summary>
    /// The issuer exactly as the provider writes it into its tokens' <c>iss</c> claim, by DNS name over HTTPS:
    /// https://login.example.com/realms/lakehouse. Clients that read discovery fetch ISSUER/.well-known/openid-configuration.
    /// </summary>
    [Required, RegularExpression(Patterns.HttpsUrl)]
    public required string Issuer { get; init; }

    /// <summary>The authorization endpoint (from the discovery document), for Grafana, which does not read discovery.</summary>
    [Required, RegularExpression(Patterns.HttpsUrl)]
    public required string AuthorizationEndpoint { get; init; }

    /// <summary>The token endpoint (from the discovery document), for Grafana.</summary>
    [Required, RegularExpression(Patterns.HttpsUrl)]
    public required string TokenEndpoint { get; init; }

    /// <summary>The userinfo endpoint (from the discovery document), for Grafana.</summary>
    [Required, RegularExpression(Patterns.HttpsUrl)]
    public required string UserinfoEndpoint { get; init; }

    /// <summary>The claim carrying the user's group names (ID token and userinfo); the provider must be set to send it.</summary>
    [RegularExpression(Patterns.ClaimName)]
    public string GroupsClaim { get; init; } = "groups";

    /// <summary>The claim naming the user (login name): Trino's principal, Superset's and Airflow's username.</summary>
    [RegularExpression(Patterns.ClaimName)]
    public string UsernameClaim { get; init; } = "preferred_username";
}
