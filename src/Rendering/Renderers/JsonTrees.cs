using System.Text.Json.Nodes;

namespace Lakehouse.Rendering.Renderers;

/// <summary>Value trees merged as Helm merges value files: maps key by key; lists and scalars replaced as a whole.</summary>
internal static class JsonTrees
{
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
