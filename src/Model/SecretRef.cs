using Lakehouse.Model.Checks;

namespace Lakehouse.Model;

/// <summary>
/// A reference to one key of a Kubernetes Secret. The value never exists in Git; the Secret is created
/// out of band (External Secrets, Sealed Secrets, Vault) in the namespace of the component that reads it.
/// </summary>
public sealed record SecretRef
{
    public string SecretName { get; }
    public string Key { get; }

    public SecretRef(string secretName, string key)
    {
        if (!DnsName.IsHostName(secretName) || secretName.Any(char.IsUpper))
        {
            throw new ArgumentException($"secret name '{secretName}' is not a DNS-1123 name", nameof(secretName));
        }
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException("secret key is empty", nameof(key));
        }
        SecretName = secretName;
        Key = key;
    }

    public override string ToString() => $"secret {SecretName}/{Key}";
}
