using System.Text.Json.Nodes;
using Lakehouse.Rendering.Review.Hydration;

namespace Lakehouse.Rendering.Review.Diff;

/// <summary>The Helm values an Application gives its chart (its value files merged in order), as dotted leaf keys.</summary>
internal static class ValueKeys
{
    public static SortedDictionary<string, string> Of(string root, ArgoApplication app)
    {
        var merged = new JsonObject();
        foreach (var file in app.ValueFiles.Select(f => Path.Combine(root, f)).Where(File.Exists))
        {
            if (YamlNodes.ReadAll(File.ReadAllText(file)).FirstOrDefault() is JsonObject values)
            {
                HelmMerge.Merge(merged, values);
            }
        }
        var leaves = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Flatten(merged, "", leaves);
        return leaves;
    }

    /// <summary>
    /// Maps become dotted keys; a list or scalar is a leaf, shown as compact JSON with every map inside it in key
    /// order, so two sides that differ only in how a map's keys are ordered (which Helm ignores) compare equal.
    /// </summary>
    public static void Flatten(JsonNode? node, string prefix, IDictionary<string, string> leaves)
    {
        if (node is JsonObject map && map.Count > 0)
        {
            foreach (var (key, value) in map)
            {
                Flatten(value, prefix.Length == 0 ? key : $"{prefix}.{key}", leaves);
            }
            return;
        }
        leaves[prefix] = Canonical(node)?.ToJsonString() ?? "null";
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject map => new JsonObject(map.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray list => new JsonArray([.. list.Select(Canonical)]),
        _ => node?.DeepClone(),
    };
}
