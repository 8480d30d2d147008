using Lakehouse.Model.Secrets;

namespace Lakehouse.Model.Contracts;

/// <summary>
/// The External Secrets Operator and the platform's two ClusterSecretStores: the environment's external store
/// (values an operator provides) and the generated-values store (values the platform generates once, read back
/// from the operator's namespace). Every component depends on its provider implicitly (the dependency graph adds the
/// edge), the monitoring stack included (Grafana's admin Secret), so the ExternalSecret CRDs exist before anything
/// declares one; the provider itself syncs before the monitoring stack and so carries no monitor of its own.
/// </summary>
[Contract("External Secrets Operator (ExternalSecret CRDs and the platform's secret stores)")]
public interface ISecretStore : IContract
{
    string Name { get; }

    /// <summary>The ClusterSecretStore reading the environment's external store.</summary>
    string ExternalStore(Naming naming);

    /// <summary>The ClusterSecretStore reading the generated values (Kubernetes provider on <see cref="GeneratedNamespace"/>).</summary>
    string GeneratedStore(Naming naming);

    /// <summary>The namespace holding one Secret per generated value (the operator's own).</summary>
    string GeneratedNamespace(Naming naming);

    /// <summary>Where an operator puts <paramref name="value"/>: the store's key (path or Secret name) and property.</summary>
    (string Key, string Property) Locate(Naming naming, Configuration.EnvironmentConfig environment, StoreValue value);

    /// <summary>The store as an operator addresses it, for docs/secrets/ENV.md ("Vault https://vault.example.com:8200, KV v2 mount secret").</summary>
    string Describe(Naming naming, Configuration.EnvironmentConfig environment);
}
