using System.Text.RegularExpressions;

namespace Lakehouse.Model.Checks;

/// <summary>
/// Recognises values that look like credentials. Secrets reach the cluster only as references to
/// Kubernetes Secrets (<see cref="SecretRef"/>); a literal in Git is an incident.
/// </summary>
public static partial class SecretLiteral
{
    [GeneratedRegex(LiteralPatterns.KnownSecret, RegexOptions.CultureInvariant)]
    private static partial Regex KnownPattern();

    // Every known pattern contains one of these; a value with none of them needs no regex.
    private static readonly System.Buffers.SearchValues<string> Markers = System.Buffers.SearchValues.Create(
        ["-----BEGIN", "AKIA", "ASIA", "gh", "xox", "eyJ", "sk-", "@", "assword=", "ASSWORD=", "wd=", "WD="], StringComparison.Ordinal);

    /// <summary>Describes why <paramref name="value"/> looks like a secret, or returns null.</summary>
    public static string? Find(string value)
    {
        if (value.AsSpan().IndexOfAny(Markers) < 0)
        {
            return null;
        }
        var m = KnownPattern().Match(value);
        if (!m.Success)
        {
            return null;
        }
        return m.Value switch
        {
            var v when v.StartsWith("-----BEGIN", StringComparison.Ordinal) => "a private key",
            var v when v.StartsWith("AKIA", StringComparison.Ordinal) || v.StartsWith("ASIA", StringComparison.Ordinal) => "a cloud access key ID",
            var v when v.StartsWith("gh", StringComparison.Ordinal) => "a GitHub token",
            var v when v.StartsWith("xox", StringComparison.Ordinal) => "a Slack token",
            var v when v.StartsWith("eyJ", StringComparison.Ordinal) => "a JSON Web Token",
            var v when v.StartsWith("sk-", StringComparison.Ordinal) => "an API key",
            var v when v.Contains('=') => "a password in a connection string",
            _ => "credentials embedded in a URL",
        };
    }

    /// <summary>True when a key of this name holds a credential (the rule: <see cref="CredentialName"/>).</summary>
    public static bool IsSecretKeyName(string key) => CredentialName.IsCredential(key);
}
