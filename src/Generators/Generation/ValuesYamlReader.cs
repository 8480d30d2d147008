using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lakehouse.Generators.Generation;

/// <summary>
/// Reads a chart's values.yaml with the comments that document each key: the comment block directly
/// above a key, or, in helm-docs style, a block right after it that starts with "# path.to.key -- ".
/// (Comments are taken from the text by line, since YAML parsers drop them.)
/// </summary>
internal static class ValuesYamlReader
{
    private static readonly Regex HelmDocsLead = new(@"^#\s*[\w.\-\[\]""']+\s+--\s", RegexOptions.CultureInvariant);

    internal abstract record Node;

    internal sealed record MapNode(List<(string Key, Node Value, string? Doc)> Entries) : Node;

    internal sealed record ListNode(List<Node> Items) : Node;

    internal sealed record ScalarNode(string Value, ScalarStyle Style) : Node;

    public static Node Read(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0)
        {
            return new MapNode([]);
        }
        var lines = text.Replace("\r\n", "\n").Split('\n');
        return Convert(stream.Documents[0].RootNode, lines);
    }

    private static Node Convert(YamlNode node, string[] lines) => node switch
    {
        YamlMappingNode map => new MapNode(map.Children.Select(p =>
        {
            var key = ((YamlScalarNode)p.Key).Value ?? "";
            return (key, Convert(p.Value, lines), Doc(lines, (int)p.Key.Start.Line, (int)p.Value.End.Line, key));
        }).ToList()),
        YamlSequenceNode seq => new ListNode(seq.Children.Select(c => Convert(c, lines)).ToList()),
        YamlScalarNode scalar => new ScalarNode(scalar.Value ?? "", scalar.Style),
        _ => new ScalarNode("", ScalarStyle.Plain),
    };

    /// <summary>The documenting comment of the key on line <paramref name="keyLine"/> (1-based), or null.</summary>
    private static string? Doc(string[] lines, int keyLine, int valueEndLine, string key)
    {
        var above = new List<string>();
        for (var i = keyLine - 2; i >= 0 && lines[i].TrimStart().StartsWith("#", System.StringComparison.Ordinal); i--)
        {
            above.Insert(0, lines[i].Trim());
        }
        var after = new List<string>();
        var next = valueEndLine - 1 == keyLine - 1 ? keyLine : System.Math.Max(keyLine, valueEndLine - 1);
        if (next < lines.Length && HelmDocsLead.IsMatch(lines[next].Trim()))
        {
            for (var i = next; i < lines.Length && lines[i].TrimStart().StartsWith("#", System.StringComparison.Ordinal); i++)
            {
                after.Add(lines[i].Trim());
            }
        }
        var block = above.Any(l => HelmDocsLead.IsMatch(l) || l.StartsWith("# -- ", System.StringComparison.Ordinal)) || after.Count == 0 ? above : after;
        return Clean(block, key);
    }

    private static string? Clean(List<string> block, string key)
    {
        var sb = new StringBuilder();
        foreach (var raw in block.Skip(System.Math.Max(0, block.Count - 12)))
        {
            var line = raw.TrimStart('#').Trim();
            if (line.Length == 0 || line.StartsWith("@", System.StringComparison.Ordinal) || line.StartsWith("```", System.StringComparison.Ordinal))
            {
                continue;
            }
            var marker = line.IndexOf("-- ", System.StringComparison.Ordinal);
            if (marker == 0 || (marker > 0 && line.Substring(0, marker).Trim().EndsWith(key, System.StringComparison.Ordinal)))
            {
                line = line.Substring(marker + 3);
            }
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }
            sb.Append(line);
        }
        return sb.Length == 0 ? null : sb.ToString();
    }
}
