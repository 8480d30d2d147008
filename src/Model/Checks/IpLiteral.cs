using System.Net;

namespace Lakehouse.Model.Checks;

/// <summary>Finds IP address literals in text: the platform addresses everything by DNS name.</summary>
public static class IpLiteral
{
    /// <summary>
    /// The first IP literal in <paramref name="text"/>, or null, in any notation (<see cref="IpNotation"/>);
    /// <paramref name="key"/>, the key holding the text, makes its whole value a host position when it is
    /// named like a host.
    /// </summary>
    public static string? Find(string text, string? key = null) => IpNotation.Find(text, key);

    public static bool IsIpAddress(string host) => IPAddress.TryParse(host.Trim('[', ']'), out _) || IpNotation.IsUrlIPv4(host);
}
