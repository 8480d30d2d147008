using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Lakehouse.Model.Yaml;
using YamlDotNet.Core;

namespace Lakehouse.Generators.Generation;

/// <summary>
/// Infers records from a values.yaml without a schema: types from the defaults, docs from the comments.
/// A values file cannot say which maps are closed, so every inferred record carries the explicit
/// escape hatch (AdditionalValues) for keys beyond the defaults; misspelling a typed key stays an error.
/// </summary>
internal sealed class ValuesYamlTypeBuilder(bool mutable)
{
    private const string Json = "global::System.Text.Json.Nodes.JsonNode";
    private readonly List<TypeModel> _types = [];
    private readonly HashSet<string> _typeNames = [];

    public ImmutableArray<TypeModel> Types => [.. _types];

    public string BuildRoot(string name, ValuesYamlReader.Node root, string? doc) =>
        root is ValuesYamlReader.MapNode map ? BuildRecord(name, map, doc) : Json;

    private string TypeFor(ValuesYamlReader.Node node, string suggested) => node switch
    {
        ValuesYamlReader.MapNode { Entries.Count: > 0 } map => BuildRecord(suggested, map, null),
        ValuesYamlReader.MapNode => "global::System.Text.Json.Nodes.JsonObject",
        ValuesYamlReader.ListNode { Items.Count: > 0 } list => $"global::System.Collections.Generic.IReadOnlyList<{ItemType(list, suggested + "Item")}>",
        ValuesYamlReader.ListNode => $"global::System.Collections.Generic.IReadOnlyList<{Json}>",
        ValuesYamlReader.ScalarNode scalar => ScalarType(scalar),
        _ => Json,
    };

    private string ItemType(ValuesYamlReader.ListNode list, string suggested)
    {
        if (list.Items.All(i => i is ValuesYamlReader.MapNode))
        {
            // Items of one list share one record: the union of their keys.
            var merged = new ValuesYamlReader.MapNode([]);
            foreach (var item in list.Items.Cast<ValuesYamlReader.MapNode>())
            {
                foreach (var entry in item.Entries.Where(e => merged.Entries.All(m => m.Key != e.Key)))
                {
                    merged.Entries.Add(entry);
                }
            }
            return TypeFor(merged, suggested);
        }
        var types = list.Items.Select(i => TypeFor(i, suggested)).Distinct().ToList();
        return types.Count == 1 ? types[0] : Json;
    }

    private static string ScalarType(ValuesYamlReader.ScalarNode scalar)
    {
        if (scalar.Style != ScalarStyle.Plain)
        {
            return "string";
        }
        return PlainScalars.Resolve(scalar.Value) switch
        {
            // No default says what the chart expects.
            ScalarKind.Null => Json,
            ScalarKind.Bool => "bool",
            ScalarKind.Int => "long",
            ScalarKind.Float => "double",
            _ => "string",
        };
    }

    private string BuildRecord(string suggested, ValuesYamlReader.MapNode map, string? doc)
    {
        var name = Names.Unique(Names.Pascal(suggested).TrimStart('@'), _typeNames);
        var taken = Names.Reserved(name);
        var properties = ImmutableArray.CreateBuilder<PropertyModel>();
        foreach (var (key, value, entryDoc) in map.Entries)
        {
            var baseName = Names.Pascal(key);
            var csName = Names.Unique(baseName.TrimStart('@') == name ? baseName + "Value" : baseName, taken);
            properties.Add(new PropertyModel(key, csName, TypeFor(value, name + Names.Pascal(key).TrimStart('@', '_')), false, entryDoc));
        }
        _types.Add(new TypeModel(name, doc, false, properties.ToImmutable(), ImmutableArray<EnumMemberModel>.Empty, true, null, null, mutable));
        return name;
    }
}
