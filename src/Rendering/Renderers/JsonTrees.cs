using System.Text.Json.Nodes;

namespace Lakehouse.Rendering.Renderers;

/// <summary>
/// Factoring value trees across environments. Maps merge key by key (as Helm merges value files and
/// strategic-merge patches merge objects); lists and scalars are equal or not, as a whole.
/// </summary>
internal static class JsonTrees
{
    /// <summary>What every map has in common: keys present in all with equal values, recursing into maps.</summary>
    public static JsonObject Common(IReadOnlyList<JsonObject> maps)
    {
        var common = new JsonObject();
        if (maps.Count == 0)
        {
            return common;
        }
        foreach (var (key, first) in maps[0])
        {
            var values = new List<JsonNode?>(maps.Count);
            foreach (var map in maps)
            {
                if (!map.TryGetPropertyValue(key, out var value))
                {
                    goto next;
                }
                values.Add(value);
            }
            if (values.All(v => v is JsonObject))
            {
                var children = values.Cast<JsonObject>().ToList();
                var inner = Common(children);
                // An empty common part is kept only when every map is empty; otherwise each delta carries it.
                if (inner.Count > 0 || children.All(c => c.Count == 0))
                {
                    common[key] = inner;
                }
            }
            else if (values.All(v => JsonNode.DeepEquals(v, first)))
            {
                common[key] = first?.DeepClone();
            }
        next:;
        }
        return common;
    }

    /// <summary>What <paramref name="map"/> adds to <paramref name="common"/>: the delta a later merge must apply.</summary>
    public static JsonObject Delta(JsonObject map, JsonObject common)
    {
        var delta = new JsonObject();
        foreach (var (key, value) in map)
        {
            if (!common.TryGetPropertyValue(key, out var shared))
            {
                delta[key] = value?.DeepClone();
            }
            else if (value is JsonObject o && shared is JsonObject c)
            {
                var inner = Delta(o, c);
                if (inner.Count > 0)
                {
                    delta[key] = inner;
                }
            }
            else if (!JsonNode.DeepEquals(value, shared))
            {
                delta[key] = value?.DeepClone();
            }
        }
        return delta;
    }

    /// <summary>A new tree: <paramref name="overlay"/> merged over <paramref name="target"/>, maps key by key (as Helm merges values).</summary>
    public static JsonObject Merge(JsonObject target, JsonObject overlay)
    {
        var result = target.DeepClone().AsObject();
        foreach (var (key, value) in overlay)
        {
            result[key] = value is JsonObject o && result[key] is JsonObject t ? Merge(t, o) : value?.DeepClone();
        }
        return result;
    }
}
