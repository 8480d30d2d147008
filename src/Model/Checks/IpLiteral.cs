using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Lakehouse.Model.Checks;

/// <summary>Finds IP address literals in text: the platform addresses everything by DNS name.</summary>
public static partial class IpLiteral
{
    [GeneratedRegex(LiteralPatterns.IPv4, RegexOptions.CultureInvariant)]
    private static partial Regex IPv4();

    [GeneratedRegex(LiteralPatterns.IPv6, RegexOptions.CultureInvariant)]
    private static partial Regex IPv6();

    /// <summary>The first IP literal in <paramref name="text"/>, or null.</summary>
    public static string? Find(string text)
    {
        // Cheap filters first: almost every value has neither a dotted number nor two colons.
        if (text.Length < 3)
        {
            return null;
        }
        foreach (Match m in HasDigitDotDigit(text) ? IPv4().Matches(text) : (IEnumerable<Match>)[])
        {
            if (m.Groups.Cast<Group>().Skip(1).All(g => int.Parse(g.Value, System.Globalization.CultureInfo.InvariantCulture) <= 255))
            {
                return m.Value;
            }
        }
        if (text.IndexOf(':', StringComparison.Ordinal) != text.LastIndexOf(':'))
        {
            foreach (Match m in IPv6().Matches(text))
            {
                var candidate = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
                if (candidate.Count(c => c == ':') >= 2
                    && IPAddress.TryParse(candidate, out var address)
                    && address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static bool HasDigitDotDigit(string text)
    {
        for (var i = text.IndexOf('.'); i > 0 && i < text.Length - 1; i = text.IndexOf('.', i + 1))
        {
            if (char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1]))
            {
                return true;
            }
        }
        return false;
    }

    public static bool IsIpAddress(string host) => IPAddress.TryParse(host.Trim('[', ']'), out _);
}
