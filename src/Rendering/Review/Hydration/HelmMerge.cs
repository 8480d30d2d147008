using System.Text.Json.Nodes;

namespace Lakehouse.Rendering.Review.Hydration;

/// <summary>Helm's coalescing of value files: maps merge key by key, anything else replaces, null deletes.</summary>
internal static class HelmMerge
{
    /// <summary>Merges <paramref name="overlay"/> into <paramref name="target"/> (mutating it) and returns it.</summary>
    public static JsonObject Merge(JsonObject target, JsonObject overlay)
    {
        foreach (var (key, value) in overlay)
        {
            if (value is JsonObject o && target[key] is JsonObject t)
            {
                Merge(t, o);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
        return target;
    }

    /// <summary>The values a chart sees: defaults, then each file in order, with null-valued keys removed.</summary>
    public static JsonObject Effective(JsonObject defaults, params JsonObject[] files)
    {
        var result = defaults.DeepClone().AsObject();
        foreach (var file in files)
        {
            Merge(result, file);
        }
        RemoveNulls(result);
        return result;
    }

    private static void RemoveNulls(JsonObject map)
    {
        foreach (var key in map.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            map.Remove(key);
        }
        foreach (var child in map.Select(p => p.Value).OfType<JsonObject>())
        {
            RemoveNulls(child);
        }
    }
}
