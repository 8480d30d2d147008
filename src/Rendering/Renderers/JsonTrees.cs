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
            else if (values.All(v => Same(v, first)))
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
            else if (!Same(value, shared))
            {
                delta[key] = value?.DeepClone();
            }
        }
        return delta;
    }

    /// <summary>
    /// <see cref="JsonNode.DeepEquals"/>, without its cost for the common leaves: it compares two strings by
    /// serialising both into JsonDocuments, which was most of the renderers' allocations. Strings compare
    /// ordinally (as DeepEquals does), lists item by item, maps key by key; any other pair goes to DeepEquals.
    /// </summary>
    internal static bool Same(JsonNode? a, JsonNode? b)
    {
        switch (a, b)
        {
            case (JsonValue x, JsonValue y) when x.TryGetValue<string>(out var s) && y.TryGetValue<string>(out var t):
                return string.Equals(s, t, StringComparison.Ordinal);
            case (JsonArray x, JsonArray y):
                if (x.Count != y.Count)
                {
                    return false;
                }
                for (var i = 0; i < x.Count; i++)
                {
                    if (!Same(x[i], y[i]))
                    {
                        return false;
                    }
                }
                return true;
            case (JsonObject x, JsonObject y) when x.Options?.PropertyNameCaseInsensitive != true && y.Options?.PropertyNameCaseInsensitive != true:
                if (x.Count != y.Count)
                {
                    return false;
                }
                foreach (var (key, value) in x)
                {
                    if (!y.TryGetPropertyValue(key, out var other) || !Same(value, other))
                    {
                        return false;
                    }
                }
                return true;
            default:
                return JsonNode.DeepEquals(a, b);
        }
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
