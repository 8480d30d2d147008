using Lakehouse.Model.Configuration;
using Lakehouse.Model.Identity;

namespace Lakehouse.Model.Components;

/// <summary>
/// The OpenID Connect provider run outside the platform, referenced by its issuer from env/ (identity.external).
/// It renders nothing; every UI of the platform is its client (one per component and environment, client id
/// <see cref="Naming.IdentityClient"/>, secret in the Secret COMPONENT-oidc of the component's namespace) and maps
/// its groups, derived from the platform's workspaces, to its own roles (docs/identity.md).
/// </summary>
/// <param name="Name">Component name.</param>
public sealed record ExternalIdentityProvider(string Name) : ExternalComponent(Name), IIdentityProvider
{
    public override string Description => "OpenID Connect identity provider run outside the platform";

    /// <summary>The issuer's and its endpoints' ports: the servers of clients validate tokens and redeem codes there.</summary>
    public override IReadOnlyList<int> EgressPorts(ComponentContext context)
    {
        var idp = Config(context);
        return [.. new[] { idp.Issuer, idp.AuthorizationEndpoint, idp.TokenEndpoint, idp.UserinfoEndpoint }
            .Select(u => new Uri(u).Port).Distinct().Order()];
    }

    public OidcClient ClientFor(ComponentContext context, string consumer, IReadOnlyDictionary<string, string>? secretLabels = null, string? secretNamespace = null)
    {
        var idp = Config(context);
        // The client is registered at the provider by an operator, who puts its secret into the environment's store.
        var clientId = context.Naming.IdentityClient(consumer);
        var clientSecret = context.Secrets.DeclareIn(secretNamespace ?? context.Secrets.Namespace, context.Naming.Secret(consumer, "oidc"), "client-secret",
            Secrets.SecretSource.Store(context.Naming.Object(consumer, "oidc"), "client-secret", $"the client secret of OIDC client `{clientId}` at {idp.Issuer}"), labels: secretLabels);
        return new OidcClient(
            idp.Issuer,
            clientId,
            clientSecret,
            idp.AuthorizationEndpoint,
            idp.TokenEndpoint,
            idp.UserinfoEndpoint,
            idp.UsernameClaim,
            idp.GroupsClaim);
    }

    public IdentityGroups Groups(ComponentContext context) => IdentityGroups.For(context.Naming, context.Workspaces.Select(w => w.Name));

    private static ExternalIdentityConfig Config(ComponentContext context) =>
        context.Environment.Identity?.External
            ?? throw new InvalidOperationException("identity.external is required for the external identity provider");
}
