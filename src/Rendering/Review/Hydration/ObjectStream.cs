using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lakehouse.Rendering.Review.Hydration;

/// <summary>The objects of a multi-document stream (helm template, kubectl kustomize output).</summary>
internal static partial class ObjectStream
{
    /// <summary>
    /// Reads one document at a time, so a document the YAML reader rejects is named (by Helm's "# Source:"
    /// line) instead of hiding the others. Lists are expanded into their items.
    /// </summary>
    public static (IReadOnlyList<JsonObject> Objects, IReadOnlyList<string> Errors) Parse(string origin, string yaml)
    {
        var objects = new List<JsonObject>();
        var errors = new List<string>();
        foreach (var document in Separator().Split(yaml))
        {
            IReadOnlyList<JsonNode?> nodes;
            try
            {
                nodes = YamlNodes.ReadAll(document);
            }
            catch (YamlDotNet.Core.YamlException) when (TryBlankLinesEmptied(document, out var read))
            {
                nodes = read;
            }
            catch (YamlDotNet.Core.YamlException e)
            {
                var source = document.Split('\n').FirstOrDefault(l => l.StartsWith("# Source: ", StringComparison.Ordinal)) ?? "(no source line)";
                errors.Add($"{origin} output {source}: unreadable YAML: {e.Message}");
                continue;
            }
            objects.AddRange(nodes.OfType<JsonObject>().Where(o => o["kind"] is not null)
                .SelectMany(o => (string?)o["kind"] == "List" ? (o["items"]?.AsArray().OfType<JsonObject>() ?? []) : [o]));
        }
        return (objects, errors);
    }

    /// <summary>
    /// Go's YAML (Helm, Argo CD, the API server) accepts a block scalar whose leading blank line holds more
    /// spaces than its content (Airflow's empty airflow_local_settings.py, SeaweedFS's master.toml); YamlDotNet
    /// rejects it. Read again with whitespace-only lines emptied: only trailing spaces of blank lines inside
    /// block scalars change.
    /// </summary>
    private static bool TryBlankLinesEmptied(string document, out IReadOnlyList<JsonNode?> nodes)
    {
        try
        {
            nodes = YamlNodes.ReadAll(BlankLine().Replace(document, ""));
            return true;
        }
        catch (YamlDotNet.Core.YamlException)
        {
            nodes = [];
            return false;
        }
    }

    [GeneratedRegex("^---[ \\t]*$", RegexOptions.Multiline)]
    private static partial Regex Separator();

    [GeneratedRegex("^[ \\t]+$", RegexOptions.Multiline)]
    private static partial Regex BlankLine();
}
