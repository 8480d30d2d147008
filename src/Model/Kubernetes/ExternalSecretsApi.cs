using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Lakehouse.Model.Kubernetes.ExternalSecrets;

// Hand-written records of the External Secrets Operator's custom resources. The operator's CRDs cannot be obtained
// here (its chart is locked `unverified`), so nothing generates these types and rendered objects are NOT checked
// against a schema: they follow upstream external-secrets v0.19.2, config/crds/bases
// (external-secrets.io_externalsecrets.yaml, external-secrets.io_clustersecretstores.yaml,
// generators.external-secrets.io_passwords.yaml) and apis/externalsecrets/v1, apis/generators/v1alpha1.
// Only the fields the platform sets are modelled; docs/secrets.md says so too.

/// <summary>Serializes the records below as the API writes them: camelCase, nulls left out.</summary>
public static class EsoJson
{
    public const string ApiVersion = "external-secrets.io/v1";
    public const string GeneratorsApiVersion = "generators.external-secrets.io/v1alpha1";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The object as a manifest: apiVersion, kind, metadata (name, namespace, labels, annotations), spec.</summary>
    public static ManifestObject Manifest<TSpec>(string apiVersion, string kind, string name, string? ns, TSpec spec, IReadOnlyDictionary<string, string>? annotations = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }
        if (annotations is { Count: > 0 })
        {
            metadata["annotations"] = new JsonObject(annotations.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
        }
        var body = new JsonObject
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = kind,
            ["metadata"] = metadata,
            ["spec"] = JsonSerializer.SerializeToNode(spec, Options),
        };
        return new ManifestObject(apiVersion, kind, name, ns, body);
    }
}

/// <summary>external-secrets.io/v1 ExternalSecret spec (apis/externalsecrets/v1/externalsecret_types.go).</summary>
public sealed record ExternalSecretSpec
{
    public string? RefreshInterval { get; init; }

    /// <summary>Periodic (default), OnChange or CreatedOnce.</summary>
    public string? RefreshPolicy { get; init; }

    public StoreRef? SecretStoreRef { get; init; }

    public required ExternalSecretTarget Target { get; init; }

    public IReadOnlyList<ExternalSecretData>? Data { get; init; }

    public IReadOnlyList<ExternalSecretDataFrom>? DataFrom { get; init; }
}

/// <summary>A SecretStore or ClusterSecretStore by kind and name.</summary>
public sealed record StoreRef(string Name, string Kind);

public sealed record ExternalSecretTarget
{
    public required string Name { get; init; }

    /// <summary>Owner: the Secret is deleted with its ExternalSecret.</summary>
    public string CreationPolicy { get; init; } = "Owner";

    public ExternalSecretTemplate? Template { get; init; }
}

/// <summary>target.template: the Secret's type and each key's Go template (engine v2, Sprig functions).</summary>
public sealed record ExternalSecretTemplate
{
    public string? Type { get; init; }

    public string EngineVersion { get; init; } = "v2";

    public required IReadOnlyDictionary<string, string> Data { get; init; }

    /// <summary>The Secret's own metadata (labels), when a reader needs them.</summary>
    public ExternalSecretTemplateMetadata? Metadata { get; init; }
}

/// <summary>target.template.metadata: labels and annotations of the Secret the operator writes.</summary>
public sealed record ExternalSecretTemplateMetadata
{
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

/// <summary>One value read from a store: its template name (secretKey) and where it is.</summary>
public sealed record ExternalSecretData
{
    public required string SecretKey { get; init; }

    public required RemoteRef RemoteRef { get; init; }

    /// <summary>The store of this entry, when it is not the ExternalSecret's secretStoreRef.</summary>
    public SourceRef? SourceRef { get; init; }
}

public sealed record RemoteRef(string Key, string? Property = null);

public sealed record SourceRef
{
    public StoreRef? StoreRef { get; init; }

    public GeneratorRef? GeneratorRef { get; init; }
}

public sealed record GeneratorRef(string ApiVersion, string Kind, string Name);

public sealed record ExternalSecretDataFrom
{
    public SourceRef? SourceRef { get; init; }
}

/// <summary>generators.external-secrets.io/v1alpha1 Password spec (apis/generators/v1alpha1/generator_password.go).</summary>
public sealed record PasswordSpec
{
    public required int Length { get; init; }

    public int? Digits { get; init; }

    public int? Symbols { get; init; }

    public bool NoUpper { get; init; }

    public bool AllowRepeat { get; init; }
}

/// <summary>external-secrets.io/v1 ClusterSecretStore spec with the three providers the platform uses.</summary>
public sealed record SecretStoreSpec(SecretStoreProvider Provider);

public sealed record SecretStoreProvider
{
    public KubernetesProvider? Kubernetes { get; init; }

    public VaultProvider? Vault { get; init; }

    public AwsProvider? Aws { get; init; }
}

/// <summary>Reads Secrets of <see cref="RemoteNamespace"/> through the API server, as a service account.</summary>
public sealed record KubernetesProvider(string RemoteNamespace, KubernetesServer Server, KubernetesAuth Auth);

/// <summary>The API server (default url: kubernetes.default) and where its CA certificate is.</summary>
public sealed record KubernetesServer(CaProvider CaProvider);

public sealed record CaProvider(string Type, string Name, string Key, string? Namespace = null);

public sealed record KubernetesAuth(ServiceAccountSelector ServiceAccount);

public sealed record ServiceAccountSelector(string Name, string? Namespace = null);

/// <summary>Vault KV v2, Kubernetes auth.</summary>
public sealed record VaultProvider(string Server, string Path, string Version, VaultAuth Auth);

public sealed record VaultAuth(VaultKubernetesAuth Kubernetes);

public sealed record VaultKubernetesAuth(string MountPath, string Role, ServiceAccountSelector ServiceAccountRef);

/// <summary>AWS Secrets Manager with a service account's web identity (IRSA).</summary>
public sealed record AwsProvider(string Service, string Region, AwsAuth Auth);

public sealed record AwsAuth(AwsJwtAuth Jwt);

public sealed record AwsJwtAuth(ServiceAccountSelector ServiceAccountRef);
