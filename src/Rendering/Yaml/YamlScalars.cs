using System.Text.RegularExpressions;

namespace Lakehouse.Rendering.Yaml;

/// <summary>
/// Decides when a string must be quoted: whenever a YAML 1.1 or 1.2 reader (Helm uses 1.1 rules,
/// kubectl 1.2) would resolve its plain form to a bool, number, null or timestamp instead of a string.
/// </summary>
internal static partial class YamlScalars
{
    [GeneratedRegex(@"^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$", RegexOptions.CultureInvariant)]
    private static partial Regex BoolOrNull();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^[-+]?0x[0-9a-fA-F_]+$|^[-+]?0o?[0-7_]+$|^[-+]?0b[01_]+$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$|^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Timestamp();

    /// <summary>True when the plain (unquoted) form of <paramref name="value"/> would not read back as this string.</summary>
    public static bool NeedsQuotes(string value) =>
        value.Length == 0 || BoolOrNull().IsMatch(value) || Number().IsMatch(value) || Timestamp().IsMatch(value);
}
