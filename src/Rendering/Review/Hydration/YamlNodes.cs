using System.Text.Json.Nodes;
using Lakehouse.Model.Yaml;
using YamlDotNet.RepresentationModel;

namespace Lakehouse.Rendering.Review.Hydration;

/// <summary>Reads YAML (possibly several documents) into JSON nodes, resolving plain scalars by type (the env loader's rule).</summary>
internal static class YamlNodes
{
    public static IReadOnlyList<JsonNode?> ReadAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Select(d => ToJson(d.RootNode)).ToList();
    }

    public static JsonNode? Read(string text) => ReadAll(text).Single();

    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p =>
            KeyValuePair.Create(((YamlScalarNode)p.Key).Value!, ToJson(p.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    // The project's one rule for plain scalars (YAML 1.2 core schema), as the env loader reads them.
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }
        return PlainScalars.Resolve(text) switch
        {
            ScalarKind.Null => null,
            ScalarKind.Bool => JsonValue.Create(PlainScalars.BoolValue(text)),
            ScalarKind.Int when PlainScalars.TryIntValue(text, out var whole) => JsonValue.Create(whole),
            ScalarKind.Int or ScalarKind.Float => JsonValue.Create(PlainScalars.NumberValue(text)!.Value),
            _ => JsonValue.Create(text),
        };
    }
}
