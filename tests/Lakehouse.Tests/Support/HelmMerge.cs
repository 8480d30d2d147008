using System.Text.Json.Nodes;

namespace Lakehouse.Tests.Support;

/// <summary>Helm's coalescing of value files (the library's <see cref="Lakehouse.Rendering.Review.Hydration.HelmMerge"/>, which the diff uses too).</summary>
internal static class HelmMerge
{
    public static JsonObject Merge(JsonObject target, JsonObject overlay) => Lakehouse.Rendering.Review.Hydration.HelmMerge.Merge(target, overlay);

    public static JsonObject Effective(JsonObject defaults, params JsonObject[] files) => Lakehouse.Rendering.Review.Hydration.HelmMerge.Effective(defaults, files);
}
