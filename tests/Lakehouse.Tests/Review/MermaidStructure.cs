using System.Text.RegularExpressions;

namespace Lakehouse.Tests.Review;

/// <summary>
/// A structural reading of the Mermaid flowcharts the graph renderer writes: node declarations (id["label"],
/// id[("label")]), edges (a -->|"label"| b, -.->, ==>), subgraphs; and the problems a viewer would trip on.
/// </summary>
internal sealed partial class MermaidStructure
{
    public Dictionary<string, string> Nodes { get; } = new(StringComparer.Ordinal);
    public List<(string From, string Arrow, string Label, string To)> Edges { get; } = [];
    public List<string> Problems { get; } = [];

    /// <summary>Reads the first ```mermaid block of a Markdown document.</summary>
    public static MermaidStructure OfMarkdown(string markdown)
    {
        var start = markdown.IndexOf("```mermaid\n", StringComparison.Ordinal);
        var end = start < 0 ? -1 : markdown.IndexOf("```", start + 11, StringComparison.Ordinal);
        if (start < 0 || end < 0)
        {
            var none = new MermaidStructure();
            none.Problems.Add("no closed ```mermaid block");
            return none;
        }
        return Parse(markdown[(start + 11)..end]);
    }

    public static MermaidStructure Parse(string text)
    {
        var graph = new MermaidStructure();
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.FirstOrDefault() is not { } first || !first.StartsWith("flowchart ", StringComparison.Ordinal))
        {
            graph.Problems.Add("the block does not start with 'flowchart'");
        }
        var depth = 0;
        foreach (var line in lines.Skip(1))
        {
            if (Subgraph().IsMatch(line))
            {
                depth++;
            }
            else if (line == "end")
            {
                if (--depth < 0)
                {
                    graph.Problems.Add("'end' without a subgraph");
                }
            }
            else if (Edge().Match(line) is { Success: true } edge)
            {
                graph.Edges.Add((edge.Groups["from"].Value, edge.Groups["arrow"].Value, edge.Groups["label"].Value, edge.Groups["to"].Value));
            }
            else if (Node().Match(line) is { Success: true } node)
            {
                if (!graph.Nodes.TryAdd(node.Groups["id"].Value, node.Groups["label"].Value))
                {
                    graph.Problems.Add($"node '{node.Groups["id"].Value}' declared twice");
                }
            }
            else
            {
                graph.Problems.Add($"unreadable line: {line}");
            }
        }
        if (depth != 0)
        {
            graph.Problems.Add("a subgraph is not closed");
        }
        foreach (var (from, _, _, to) in graph.Edges)
        {
            foreach (var id in new[] { from, to }.Where(id => !graph.Nodes.ContainsKey(id)))
            {
                graph.Problems.Add($"edge names undeclared node '{id}'");
            }
        }
        return graph;
    }

    [GeneratedRegex("^subgraph [A-Za-z0-9_]+\\[\"[^\"]*\"\\]$")]
    private static partial Regex Subgraph();

    [GeneratedRegex("^(?<from>[A-Za-z0-9_]+) (?<arrow>-->|-\\.->|==>)\\|\"(?<label>[^\"]*)\"\\| (?<to>[A-Za-z0-9_]+)$")]
    private static partial Regex Edge();

    [GeneratedRegex("^(?<id>[A-Za-z0-9_]+)(\\[\"(?<label>[^\"]*)\"\\]|\\[\\(\"(?<label>[^\"]*)\"\\)\\])$")]
    private static partial Regex Node();
}
