namespace Lakehouse.Tests.Hydration;

/// <summary>
/// Custom resources the platform renders whose CRDs cannot be obtained here: the External Secrets Operator's
/// (its chart external-secrets is locked `unverified`, so neither it nor its CRDs are hydrated). Their records are
/// hand-written (Lakehouse.Model.Kubernetes.ExternalSecrets, after upstream v0.19.2): the schema check cannot
/// validate them and names them as unchecked instead of failing; the project check takes their scope from here.
/// </summary>
internal static class UnobtainableCrds
{
    /// <summary>(group, kind) -> cluster-scoped.</summary>
    public static readonly IReadOnlyDictionary<(string Group, string Kind), bool> Kinds = new Dictionary<(string, string), bool>
    {
        [("external-secrets.io", "ExternalSecret")] = false,
        [("external-secrets.io", "ClusterSecretStore")] = true,
        [("generators.external-secrets.io", "Password")] = false,
    };

    /// <summary>The chart whose CRDs these are (its Application installs them in its sync wave).</summary>
    public const string Chart = "external-secrets";

    /// <summary>The APIs those CRDs serve, as the sync-order check names them (apiVersion/kind).</summary>
    public static readonly IReadOnlyList<string> Apis =
    [
        "external-secrets.io/v1/ExternalSecret", "external-secrets.io/v1/ClusterSecretStore", "generators.external-secrets.io/v1alpha1/Password",
    ];
}
