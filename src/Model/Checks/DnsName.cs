using System.Text.RegularExpressions;

namespace Lakehouse.Model.Checks;

/// <summary>DNS names and labels as Kubernetes and the platform accept them.</summary>
public static partial class DnsName
{
    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex(@"^(?=.{1,253}$)[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();

    /// <summary>A DNS-1123 label: lower case, digits and '-', at most 63 characters.</summary>
    public static bool IsLabel(string value) => Label().IsMatch(value);

    /// <summary>A host name made of labels; must contain a letter so an IP address never passes.</summary>
    public static bool IsHostName(string value) =>
        Name().IsMatch(value) && value.Any(char.IsLetter) && !IpLiteral.IsIpAddress(value);
}
