using System.Text.RegularExpressions;

namespace Lakehouse.Generators.Shared;

/// <summary>The literal checks of the render-time rules, for use inside the compiler.</summary>
internal static class Literals
{
    private static readonly Regex Secret = new(Lakehouse.Model.Checks.LiteralPatterns.KnownSecret, RegexOptions.CultureInvariant);

    /// <summary>The first IP literal in <paramref name="text"/>, in any notation, or null (the render-time rule's own code).</summary>
    public static string? FindIp(string text, string? name = null) => Lakehouse.Model.Checks.IpNotation.Find(text, name);

    /// <summary>What kind of credential <paramref name="text"/> looks like, or null.</summary>
    public static string? FindSecret(string text)
    {
        var m = Secret.Match(text);
        if (!m.Success)
        {
            return null;
        }
        var v = m.Value;
        if (v.StartsWith("-----BEGIN", System.StringComparison.Ordinal)) return "the literal looks like a private key";
        if (v.StartsWith("AKIA", System.StringComparison.Ordinal) || v.StartsWith("ASIA", System.StringComparison.Ordinal)) return "the literal looks like a cloud access key ID";
        if (v.StartsWith("gh", System.StringComparison.Ordinal)) return "the literal looks like a GitHub token";
        if (v.StartsWith("xox", System.StringComparison.Ordinal)) return "the literal looks like a Slack token";
        if (v.StartsWith("eyJ", System.StringComparison.Ordinal)) return "the literal looks like a JSON Web Token";
        if (v.StartsWith("sk-", System.StringComparison.Ordinal)) return "the literal looks like an API key";
        if (v.IndexOf('=') >= 0) return "the literal carries a password in a connection string";
        return "the literal carries credentials in a URL";
    }

    public static bool IsSecretName(string name) => Lakehouse.Model.Checks.CredentialName.IsCredential(name);
}
