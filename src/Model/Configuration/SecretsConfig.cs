using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Lakehouse.Model.Configuration;

/// <summary>Which store the External Secrets Operator reads the values an operator provides from (docs/secrets.md).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SecretStoreBackend>))]
public enum SecretStoreBackend
{
    /// <summary>Secrets in one namespace of the cluster (ESO's Kubernetes provider): development clusters.</summary>
    [JsonStringEnumMemberName("kubernetes")] Kubernetes,

    /// <summary>HashiCorp Vault's KV engine, signed in with the operator's Kubernetes service account.</summary>
    [JsonStringEnumMemberName("vault")] Vault,

    /// <summary>AWS Secrets Manager, signed in with an IAM role for the operator's service account (IRSA).</summary>
    [JsonStringEnumMemberName("aws-secrets-manager")] AwsSecretsManager,
}

/// <summary>The external secret store of this environment.</summary>
public sealed record SecretsConfig
{
    /// <summary>The store; its own section below says how to reach it.</summary>
    public SecretStoreBackend Backend { get; init; } = SecretStoreBackend.Kubernetes;

    /// <summary>Kubernetes provider settings (optional: the namespace defaults to PLATFORM-secret-store).</summary>
    public KubernetesSecretStoreConfig? Kubernetes { get; init; }

    /// <summary>Vault settings, required when backend is vault.</summary>
    public VaultSecretStoreConfig? Vault { get; init; }

    /// <summary>AWS Secrets Manager settings, required when backend is aws-secrets-manager.</summary>
    public AwsSecretsManagerConfig? AwsSecretsManager { get; init; }

    /// <summary>How often every ExternalSecret reads its values again (a Go duration: 1h, 15m).</summary>
    [RegularExpression(@"^[0-9]+(s|m|h)$")]
    public string RefreshInterval { get; init; } = "1h";
}

/// <summary>A namespace of the cluster holding the values an operator provides, one Secret per store entry.</summary>
public sealed record KubernetesSecretStoreConfig
{
    /// <summary>The namespace (created by the operator, outside the platform); default PLATFORM-secret-store.</summary>
    [RegularExpression(Patterns.DnsLabel)]
    public string? Namespace { get; init; }
}

/// <summary>HashiCorp Vault, KV version 2.</summary>
public sealed record VaultSecretStoreConfig
{
    /// <summary>Vault's address by DNS name with scheme and port: https://vault.example.com:8200.</summary>
    [Required, RegularExpression(Patterns.Endpoint)]
    public required string Server { get; init; }

    /// <summary>Mount path of the KV v2 engine.</summary>
    [RegularExpression(@"^[A-Za-z0-9._-]+$")]
    public string Path { get; init; } = "secret";

    /// <summary>Path of Vault's Kubernetes auth method.</summary>
    [RegularExpression(@"^[A-Za-z0-9._/-]+$")]
    public string AuthPath { get; init; } = "kubernetes";

    /// <summary>The Vault role bound to the operator's service account.</summary>
    [Required, RegularExpression(@"^[A-Za-z0-9._-]+$")]
    public required string Role { get; init; }
}

/// <summary>AWS Secrets Manager, reached with an IAM role for the operator's service account.</summary>
public sealed record AwsSecretsManagerConfig
{
    /// <summary>The region of the secrets.</summary>
    [Required, RegularExpression(Patterns.Region)]
    public required string Region { get; init; }

    /// <summary>The IAM role the operator's service account assumes (IRSA), allowed to read PLATFORM/ENV/* only.</summary>
    [Required, RegularExpression(@"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$")]
    public required string RoleArn { get; init; }
}
