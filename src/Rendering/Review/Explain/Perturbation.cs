using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Lakehouse.Rendering.Review.Explain;

/// <summary>
/// A different but (usually) still valid value for an env/ scalar, written back into the file's text at the
/// scalar's position: a number or a quantity's leading number plus one (250m -> 251m, 2Gi -> 3Gi), a boolean
/// flipped, a URL's host and any other string with a letter put in front. A perturbed file that no longer loads is skipped: that key
/// cannot be traced this way (a backend choice, say).
/// </summary>
internal static partial class Perturbation
{
    public static string? Apply(string text, YamlScalar scalar)
    {
        var changed = Perturb(scalar.Text);
        if (changed is null || scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return null;
        }
        var written = scalar.Style switch
        {
            ScalarStyle.DoubleQuoted => "\"" + changed + "\"",
            ScalarStyle.SingleQuoted => "'" + changed + "'",
            _ => changed,
        };
        var start = (int)scalar.Start.Index;
        var end = (int)scalar.End.Index;
        return start < 0 || end > text.Length || end < start ? null : text[..start] + written + text[end..];
    }

    public static string? Perturb(string value)
    {
        if (value is "true" or "false")
        {
            return value == "true" ? "false" : "true";
        }
        if (value.Length == 0 || value is "null" or "~")
        {
            return null;
        }
        var number = LeadingNumber().Match(value);
        if (number.Success && long.TryParse(number.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return (n + 1).ToString(CultureInfo.InvariantCulture) + value[number.Groups[1].Length..];
        }
        // A URL keeps its scheme and port (its host changes); any other string gets a letter in front.
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        return scheme > 0 ? value[..(scheme + 3)] + "x" + value[(scheme + 3)..] : "x" + value;
    }

    [GeneratedRegex("^([0-9]+)")]
    private static partial Regex LeadingNumber();
}
