namespace Lakehouse.Model.Identity;

/// <summary>
/// One component's registration at the OpenID Connect provider: where the provider is, the client id, where the
/// client secret is (a Secret in the component's namespace, never a value) and which claims name the user and
/// their groups.
/// </summary>
/// <param name="Issuer">The issuer exactly as in the tokens' iss claim.</param>
/// <param name="ClientId">The client id (<see cref="Naming.IdentityClient"/>).</param>
/// <param name="ClientSecret">The client secret's Secret and key, in the consumer's namespace.</param>
/// <param name="AuthorizationEndpoint">Where browsers are sent to sign in.</param>
/// <param name="TokenEndpoint">Where the code is exchanged for tokens.</param>
/// <param name="UserinfoEndpoint">Where the user's claims are read with the access token.</param>
/// <param name="UsernameClaim">The claim naming the user.</param>
/// <param name="GroupsClaim">The claim listing the user's groups.</param>
public sealed record OidcClient(
    string Issuer,
    string ClientId,
    SecretRef ClientSecret,
    string AuthorizationEndpoint,
    string TokenEndpoint,
    string UserinfoEndpoint,
    string UsernameClaim,
    string GroupsClaim)
{
    /// <summary>The provider's discovery document (OpenID Connect Discovery 1.0, section 4).</summary>
    public string DiscoveryUrl => $"{Issuer.TrimEnd('/')}/.well-known/openid-configuration";

    /// <summary>
    /// The scopes every client asks for: the user's identity, e-mail and groups. "groups" is no standard scope;
    /// the provider must offer one that puts <see cref="GroupsClaim"/> into the ID token and userinfo (docs/identity.md).
    /// </summary>
    public IReadOnlyList<string> Scopes { get; } = ["openid", "profile", "email", "groups"];
}
