using System.Text.RegularExpressions;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Hydration;

/// <summary>
/// The Secrets declared as created out of band: the table of docs/secrets.md (namespace | Secret | keys |
/// read by), the one list users follow. A namespace or name written with an upper-case placeholder
/// (lakehouse-CONSUMER, object-storage-user-CONSUMER) stands for any DNS label there; several names in one
/// cell are separated by commas; a parenthesis is a remark.
/// </summary>
internal sealed partial class ExternalSecrets(IReadOnlyList<(Regex Namespace, Regex Name)> declared)
{
    public static ExternalSecrets Documented { get; } = Parse(File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "docs", "secrets.md")));

    public int Count => declared.Count;

    public bool Declares(string ns, string name) => declared.Any(d => d.Namespace.IsMatch(ns) && d.Name.IsMatch(name));

    public static ExternalSecrets Parse(string markdown)
    {
        var declared = new List<(Regex, Regex)>();
        foreach (var line in markdown.Split('\n'))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();
            if (!line.TrimStart().StartsWith('|') || cells.Count < 2 || cells[0] is "namespace" || cells[0].StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }
            var ns = Pattern(Remark().Replace(cells[0], "").Trim());
            foreach (var name in Remark().Replace(cells[1], "").Split(',').Select(n => n.Trim()).Where(n => n.Length > 0))
            {
                declared.Add((ns, Pattern(name)));
            }
        }
        return new ExternalSecrets(declared);
    }

    private static Regex Pattern(string text) =>
        new("^" + string.Concat(Placeholder().Split(text).Select((part, i) => i % 2 == 0 ? Regex.Escape(part) : "[a-z0-9-]+")) + "$");

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Remark();

    [GeneratedRegex("([A-Z][A-Z_]+)")]
    private static partial Regex Placeholder();
}
