using Lakehouse.Model.Checks;

namespace Lakehouse.Model;

/// <summary>
/// A reference to one key of a Kubernetes Secret. The value never exists in Git; the Secret is declared beside
/// the reference (<see cref="Secrets.SecretDeclarations"/>) and delivered by the External Secrets Operator in the
/// namespace of the component that reads it (docs/secrets.md).
/// </summary>
public sealed record SecretRef
{
    public string SecretName { get; }
    public string Key { get; }

    public SecretRef(string secretName, string key) : this(secretName, key, record: true)
    {
    }

    /// <summary>A reference the declaring side hands out: declaring is not reading (<see cref="Secrets.SecretDeclarations"/>).</summary>
    internal static SecretRef Declared(string secretName, string key) => new(secretName, key, record: false);

    private SecretRef(string secretName, string key, bool record)
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
        // The render checks that every reference a component reads is declared (docs/secrets.md, LH0160).
        if (record)
        {
            Secrets.SecretReads.Record(this);
        }
    }

    public override string ToString() => $"secret {SecretName}/{Key}";
}
