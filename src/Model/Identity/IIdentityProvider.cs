using Lakehouse.Model.Contracts;

namespace Lakehouse.Model.Identity;

/// <summary>
/// The OpenID Connect provider people sign in at. Components with a UI list it as an optional need: with an
/// identity provider in the platform they sign people in there and map its groups to their roles; without one
/// they keep their local users.
/// </summary>
[Contract("OpenID Connect identity provider")]
public interface IIdentityProvider : IContract
{
    string Name { get; }

    /// <summary>
    /// The client registered at the provider for <paramref name="consumer"/>, its secret in the consumer's namespace,
    /// carrying <paramref name="secretLabels"/> where the consumer reads it only when labelled (Argo CD);
    /// <paramref name="secretNamespace"/> for a consumer whose namespace env/ chooses (monitoring, Argo CD).
    /// </summary>
    OidcClient ClientFor(ComponentContext context, string consumer, IReadOnlyDictionary<string, string>? secretLabels = null, string? secretNamespace = null);

    /// <summary>The provider's groups the platform maps to roles: the platform's administrators and every workspace's five roles.</summary>
    IdentityGroups Groups(ComponentContext context);
}
