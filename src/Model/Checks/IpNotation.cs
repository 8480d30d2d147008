using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Lakehouse.Model.Checks;

/// <summary>
/// Every notation of an IP address, in one place for the render-time rule (LH0001) and the compile-time
/// ones (LH1001, LH1203; this file is linked into the analyzers, so it targets netstandard2.0).
/// Anywhere in a text: a dotted quad of decimal bytes, an IPv6 address (bare with two colons or more,
/// bracketed as in URLs, IPv4-mapped). In a host position only, every other form a URL parser or
/// inet_aton accepts: an integer (167772161), hex (0xA000001), octal or hex parts (012.0.0.1,
/// 0xa.0.0.1), two or three parts (10.1, 10.0.1). A host position is the host of a URL, the host of a
/// host:port token, or the whole value of a key named like a host (host, address, server, endpoint, ip).
/// A number elsewhere (a replica count, a version, a size) is not an address.
/// </summary>
public static partial class IpNotation
{
#if NET
    // The render scans every value of every component: source-generated regexes, no start-up cost.
    [GeneratedRegex(LiteralPatterns.IPv4, RegexOptions.CultureInvariant)]
    private static partial Regex IPv4Regex();

    [GeneratedRegex(LiteralPatterns.IPv6, RegexOptions.CultureInvariant)]
    private static partial Regex IPv6Regex();

    [GeneratedRegex(LiteralPatterns.UrlHost, RegexOptions.CultureInvariant)]
    private static partial Regex UrlHostRegex();

    private static Regex IPv4 => IPv4Regex();
    private static Regex IPv6 => IPv6Regex();
    private static Regex UrlHost => UrlHostRegex();
#else
    // Inside the compiler (netstandard2.0) the interpreter: the analyzers see few literals.
    private static readonly Regex IPv4 = new(LiteralPatterns.IPv4, RegexOptions.CultureInvariant);
    private static readonly Regex IPv6 = new(LiteralPatterns.IPv6, RegexOptions.CultureInvariant);
    private static readonly Regex UrlHost = new(LiteralPatterns.UrlHost, RegexOptions.CultureInvariant);
#endif
    private static readonly MatchCollection NoMatches = new Regex("$^").Matches("");

    /// <summary>The first IP address in <paramref name="text"/>, or null; <paramref name="key"/> is the key or member holding it.</summary>
    public static string? Find(string text, string? key = null)
    {
        if (text.Length == 0)
        {
            return null;
        }
        return FindDottedQuad(text) ?? FindIPv6(text) ?? FindInHostPositions(text, key is not null && IsHostName(key));
    }

    /// <summary>True when a key or member of this name holds a host (its head word is host, address, server, endpoint or ip).</summary>
    public static bool IsHostName(string key)
    {
        if (!CredentialName.ContainsAny(key, HostMarkers))
        {
            return false;
        }
        var head = KeyWords.Head(KeyWords.Split(key)).Head;
        return head is "host" or "hostname" or "address" or "addr" or "server" or "endpoint" or "ip";
    }

    private static readonly string[] HostMarkers = ["host", "addr", "server", "endpoint", "ip"];

    private static string? FindDottedQuad(string text)
    {
        if (!HasDigitDotDigit(text))
        {
            return null;
        }
        foreach (Match m in IPv4.Matches(text))
        {
            var bytes = true;
            for (var g = 1; g <= 4; g++)
            {
                bytes &= int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture) <= 255;
            }
            if (bytes)
            {
                return m.Value;
            }
        }
        return null;
    }

    private static string? FindIPv6(string text)
    {
        if (text.IndexOf(':') == text.LastIndexOf(':'))
        {
            return null;
        }
        foreach (Match m in IPv6.Matches(text))
        {
            var candidate = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
            if (IsIPv6(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static string? FindInHostPositions(string text, bool valueIsHost)
    {
        if (text.IndexOf(':') >= 0)
        {
            foreach (Match m in text.IndexOf("://", StringComparison.Ordinal) >= 0 ? UrlHost.Matches(text) : NoMatches)
            {
                var host = m.Groups[1].Value;
                if (host.StartsWith("[", StringComparison.Ordinal) ? IsIPv6(host.Trim('[', ']')) : IsUrlIPv4(host))
                {
                    return host.Trim('[', ']');
                }
            }
            if (FindHostPort(text) is { } numeric)
            {
                return numeric;
            }
        }
        if (valueIsHost)
        {
            var host = text.Trim();
            var colon = host.LastIndexOf(':');
            if (colon > 0 && host.IndexOf(':') == colon)
            {
                host = host.Substring(0, colon);
            }
            if (IsUrlIPv4(host) || IsIPv6(host.Trim('[', ']')))
            {
                return host;
            }
        }
        return null;
    }

    /// <summary>
    /// The host of the first host:port token whose host is an address in a numeric notation: a port of
    /// one to five digits after a colon, ending the token; the host the run of letters, digits and dots
    /// before it, not glued to a longer word, path or address. A bare "a:b" of small numbers is a time,
    /// a ratio or uid:gid; as an address it would be in 0.0.0.0/8, which no server listens on, so an
    /// integer host counts from 1.0.0.0 (2^24) upwards. One pass, no regex: it runs on every value.
    /// </summary>
    private static string? FindHostPort(string text)
    {
        for (var colon = text.IndexOf(':'); colon >= 0; colon = text.IndexOf(':', colon + 1))
        {
            var end = colon + 1;
            while (end < text.Length && end - colon <= 6 && char.IsDigit(text[end]))
            {
                end++;
            }
            var digits = end - colon - 1;
            if (digits is < 1 or > 5 || (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '_' or '.' or ':')))
            {
                continue;
            }
            var start = colon;
            while (start > 0 && (char.IsLetterOrDigit(text[start - 1]) && text[start - 1] < 128 || text[start - 1] == '.'))
            {
                start--;
            }
            if (start == colon || (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] is '_' or '-' or ':' or '/' or '[')))
            {
                continue;
            }
            var host = text.Substring(start, colon - start);
            if (int.Parse(text.Substring(colon + 1, digits), CultureInfo.InvariantCulture) <= 65535 && IsUrlIPv4(host)
                && (host.IndexOf('.') >= 0 || host.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || AtLeast(host, 1UL << 24)))
            {
                return host;
            }
        }
        return null;
    }

    private static bool AtLeast(string decimalText, ulong minimum) =>
        ulong.TryParse(decimalText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= minimum;

    private static bool IsIPv6(string candidate)
    {
        var colons = 0;
        foreach (var c in candidate)
        {
            colons += c == ':' ? 1 : 0;
        }
        return colons >= 2 && IPAddress.TryParse(candidate, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
    }

    /// <summary>
    /// The WHATWG URL standard's IPv4 parser (what browsers, curl and inet_aton accept as a host): one to
    /// four dot-separated numbers, each decimal, 0x-hex or 0-octal; every part but the last is a byte, the
    /// last fills the remaining bytes. A trailing dot is allowed.
    /// </summary>
    public static bool IsUrlIPv4(string host)
    {
        if (host.Length == 0 || host.Length > 64)
        {
            return false;
        }
        var parts = host.Split('.');
        var count = parts.Length;
        if (count > 1 && parts[count - 1].Length == 0)
        {
            count--;
        }
        if (count > 4)
        {
            return false;
        }
        for (var i = 0; i < count; i++)
        {
            if (ParsePart(parts[i]) is not { } value)
            {
                return false;
            }
            var limit = i < count - 1 ? 255UL : (1UL << (8 * (5 - count))) - 1;
            if (value > limit)
            {
                return false;
            }
        }
        return true;
    }

    private static ulong? ParsePart(string part)
    {
        if (part.Length == 0 || part.Length > 32)
        {
            return null;
        }
        var radix = 10;
        var digits = part;
        if (part.Length >= 2 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X'))
        {
            radix = 16;
            digits = part.Substring(2);
            if (digits.Length == 0)
            {
                return 0;
            }
        }
        else if (part.Length > 1 && part[0] == '0')
        {
            radix = 8;
            digits = part.Substring(1);
        }
        ulong value = 0;
        foreach (var c in digits)
        {
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
            if (d >= radix || value > (ulong.MaxValue - (ulong)d) / (ulong)radix)
            {
                return null;
            }
            value = value * (ulong)radix + (ulong)d;
        }
        return value;
    }

    private static bool HasDigitDotDigit(string text)
    {
        for (var i = text.IndexOf('.'); i > 0 && i < text.Length - 1; i = text.IndexOf('.', i + 1))
        {
            if (char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1]))
            {
                return true;
            }
        }
        return false;
    }
}
