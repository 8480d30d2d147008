using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Lakehouse.Tests.Support;

/// <summary>Reads YAML into JSON nodes: the library's <see cref="Lakehouse.Rendering.Review.Hydration.YamlNodes"/> (the diff reads hydrated objects with it too).</summary>
internal static class YamlFiles
{
    public static IReadOnlyList<JsonNode?> ReadAll(string text) => Lakehouse.Rendering.Review.Hydration.YamlNodes.ReadAll(text);

    public static JsonNode? Read(string text) => Lakehouse.Rendering.Review.Hydration.YamlNodes.Read(text);

    public static JsonNode? ToJson(YamlNode node) => Lakehouse.Rendering.Review.Hydration.YamlNodes.ToJson(node);
}
