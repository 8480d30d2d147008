using Lakehouse.Model.Configuration;
using Lakehouse.Model.Identity;

namespace Lakehouse.Model.Components;

/// <summary>
/// The OpenID Connect provider run outside the platform, referenced by its issuer from env/ (identity.external).
/// It renders nothing; every UI of the platform is its client (one per component and environment, client id
/// <see cref="Naming.IdentityClient"/>, secret in the Secret COMPONENT-oidc of the component's namespace) and maps
/// its groups, derived from <paramref name="Workspaces"/>, to its own roles (docs/identity.md).
/// </summary>
/// <param name="Name">Component name.</param>
/// <param name="Workspaces">The workspaces whose groups the components map (<see cref="IdentityGroups"/>).</param>
public sealed record ExternalIdentityProvider(string Name, IReadOnlyList<string> Workspaces) : ExternalComponent(Name), IIdentityProvider
{
    public override string Description => "OpenID Connect identity provider run outside the platform";

    /// <summary>The issuer's and its endpoints' ports: the servers of clients validate tokens and redeem codes there.</summary>
    public override IReadOnlyList<int> EgressPorts(ComponentContext context)
    {
        var idp = Config(context);
        return [.. new[] { idp.Issuer, idp.AuthorizationEndpoint, idp.TokenEndpoint, idp.UserinfoEndpoint }
            .Select(u => new Uri(u).Port).Distinct().Order()];
    }

    public OidcClient ClientFor(ComponentContext context, string consumer)
    {
        var idp = Config(context);
        return new OidcClient(
            idp.Issuer,
            context.Naming.IdentityClient(consumer),
            new SecretRef(context.Naming.Secret(consumer, "oidc"), "client-secret"),
            idp.AuthorizationEndpoint,
            idp.TokenEndpoint,
            idp.UserinfoEndpoint,
            idp.UsernameClaim,
            idp.GroupsClaim);
    }

    public IdentityGroups Groups(ComponentContext context) => IdentityGroups.For(context.Naming, Workspaces);

    private static ExternalIdentityConfig Config(ComponentContext context) =>
        context.Environment.Identity?.External
            ?? throw new InvalidOperationException("identity.external is required for the external identity provider");
}
