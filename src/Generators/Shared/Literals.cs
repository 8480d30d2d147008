using System.Net;
using System.Text.RegularExpressions;

namespace Lakehouse.Generators.Shared;

/// <summary>The literal checks of the render-time rules, for use inside the compiler.</summary>
internal static class Literals
{
    private static readonly Regex IPv4 = new(Lakehouse.Model.Checks.LiteralPatterns.IPv4, RegexOptions.CultureInvariant);
    private static readonly Regex IPv6 = new(Lakehouse.Model.Checks.LiteralPatterns.IPv6, RegexOptions.CultureInvariant);
    private static readonly Regex Secret = new(Lakehouse.Model.Checks.LiteralPatterns.KnownSecret, RegexOptions.CultureInvariant);
    private static readonly Regex SecretName = new(Lakehouse.Model.Checks.LiteralPatterns.SecretKeyName, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>The first IP literal in <paramref name="text"/>, or null.</summary>
    public static string? FindIp(string text)
    {
        foreach (Match m in IPv4.Matches(text))
        {
            var ok = true;
            for (var g = 1; g <= 4; g++)
            {
                ok &= int.Parse(m.Groups[g].Value, System.Globalization.CultureInfo.InvariantCulture) <= 255;
            }
            if (ok)
            {
                return m.Value;
            }
        }
        foreach (Match m in IPv6.Matches(text))
        {
            var candidate = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
            if (CountColons(candidate) >= 2 && IPAddress.TryParse(candidate, out var address)
                && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return candidate;
            }
        }
        return null;
    }

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
        return "the literal carries credentials in a URL";
    }

    public static bool IsSecretName(string name) => SecretName.IsMatch(name);

    private static int CountColons(string s)
    {
        var n = 0;
        foreach (var c in s)
        {
            if (c == ':')
            {
                n++;
            }
        }
        return n;
    }
}
