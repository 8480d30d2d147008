using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using YamlDotNet.RepresentationModel;

namespace Lakehouse.Generators.Generation;

/// <summary>
/// Turns a JSON Schema (a chart's values.schema.json or a CRD's openAPIV3Schema, read as YAML) into
/// record models. Handles what real schemas use: $ref into definitions/$defs, allOf (merged), anyOf/oneOf
/// (nullable, merged objects, or an open JSON node for mixed types), int-or-string, nullable type
/// arrays, x-kubernetes-preserve-unknown-fields, enums, required members, maps and lists.
/// Every type name starts with <c>prefix</c> (the chart or resource), so two inputs never clash.
/// </summary>
internal sealed class SchemaTypeBuilder(YamlMappingNode document, bool mutable, string prefix)
{
    private const string Json = "global::System.Text.Json.Nodes.JsonNode";
    private const string JsonObject = "global::System.Text.Json.Nodes.JsonObject";
    private const int MaxDepth = 48;

    private readonly List<TypeModel> _types = [];
    private readonly HashSet<string> _typeNames = [];
    private readonly Dictionary<string, string> _refs = [];

    // How deep the builder is inside list items or map values. Chart values are overrides Helm merges over the
    // chart's defaults, so a schema's required key is already satisfied there; only a list item or a map value
    // replaces the default wholesale, so only there is a required key required of the user (a C# required member).
    private int _withoutDefaults;

    public ImmutableArray<TypeModel> Types => [.. _types];

    /// <summary>Reserves a name (for a hand-written root such as a custom resource class).</summary>
    public string Reserve(string name) => Names.Unique(name, _typeNames);

    /// <summary>Adds a model built outside (the custom resource root).</summary>
    public void Add(TypeModel type) => _types.Add(type);

    /// <summary>The root record of the schema; returns its type name.</summary>
    public string BuildRoot(string name, string? doc) => BuildRecord(name, Flatten(document), doc, 0);

    /// <summary>The C# type for a property schema.</summary>
    public string TypeFor(YamlNode? node, string suggested, int depth)
    {
        if (node is not YamlMappingNode schema || depth > MaxDepth)
        {
            return Json;
        }
        if (Str(schema, "$ref") is { } reference)
        {
            return Reference(reference, depth);
        }
        if (Bool(schema, "x-kubernetes-int-or-string"))
        {
            return Json;
        }
        if (Get(schema, "allOf") is YamlSequenceNode)
        {
            return BuildRecord(suggested, Flatten(schema), Str(schema, "description"), depth);
        }
        if ((Get(schema, "anyOf") ?? Get(schema, "oneOf")) is YamlSequenceNode branches)
        {
            var real = branches.Children.Select(Resolve).Where(b => !IsNull(b)).ToList();
            if (real.Count == 1 && Get(schema, "properties") is null)
            {
                return TypeFor(real[0], suggested, depth + 1);
            }
            if (real.Count > 0 && real.All(IsObjectLike))
            {
                return BuildRecord(suggested, Flatten(schema), Str(schema, "description"), depth);
            }
            return Json;
        }
        if (Get(schema, "enum") is YamlSequenceNode values && values.Children.Count > 0
            && values.Children.All(v => v is YamlScalarNode s && s.Style is not YamlDotNet.Core.ScalarStyle.Plain || v is YamlScalarNode { Value: not null } p && !IsNumberOrBool(p.Value!)))
        {
            return BuildEnum(suggested, values, Str(schema, "description"));
        }
        var types = TypeNames(schema);
        if (types.Count > 1)
        {
            return Json;
        }
        var type = types.Count == 1 ? types[0] : (Get(schema, "properties") is not null ? "object" : null);
        switch (type)
        {
            case "string":
                return "string";
            case "integer":
                return "long";
            case "number":
                return "double";
            case "boolean":
                return "bool";
            case "array":
                return Get(schema, "items") is YamlMappingNode items
                    ? $"global::System.Collections.Generic.IReadOnlyList<{WithoutDefaults(() => TypeFor(items, suggested + "Item", depth + 1))}>"
                    : $"global::System.Collections.Generic.IReadOnlyList<{Json}>";
            case "object":
                if (Get(schema, "properties") is YamlMappingNode { Children.Count: > 0 })
                {
                    return BuildRecord(suggested, Flatten(schema), Str(schema, "description"), depth);
                }
                if (Bool(schema, "x-kubernetes-preserve-unknown-fields"))
                {
                    return JsonObject;
                }
                return Get(schema, "additionalProperties") is YamlMappingNode valueSchema
                    ? $"global::System.Collections.Generic.IReadOnlyDictionary<string, {WithoutDefaults(() => TypeFor(valueSchema, suggested + "Value", depth + 1))}>"
                    : JsonObject;
            default:
                return Json;
        }
    }

    /// <summary>Properties, required keys and openness of a schema, with allOf/anyOf/oneOf branches merged in.</summary>
    private Flat Flatten(YamlMappingNode schema)
    {
        var flat = new Flat();
        Collect(schema, flat, requiredToo: true, 0);
        return flat;
    }

    private void Collect(YamlMappingNode schema, Flat flat, bool requiredToo, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }
        if (Str(schema, "$ref") is { } reference && Resolve(schema) is YamlMappingNode target && !ReferenceEquals(target, schema))
        {
            Collect(target, flat, requiredToo, depth + 1);
        }
        if (Get(schema, "properties") is YamlMappingNode properties)
        {
            foreach (var entry in properties.Children)
            {
                var key = ((YamlScalarNode)entry.Key).Value ?? "";
                if (!flat.Properties.Any(p => p.Key == key))
                {
                    flat.Properties.Add(new KeyValuePair<string, YamlNode>(key, entry.Value));
                }
            }
        }
        if (requiredToo && Get(schema, "required") is YamlSequenceNode required)
        {
            foreach (var r in required.Children.OfType<YamlScalarNode>())
            {
                flat.Required.Add(r.Value ?? "");
            }
        }
        var additional = Get(schema, "additionalProperties");
        flat.Closed |= additional is YamlScalarNode { Value: "false" };
        flat.Open |= additional is YamlMappingNode || additional is YamlScalarNode { Value: "true" } || Bool(schema, "x-kubernetes-preserve-unknown-fields");
        if (Get(schema, "allOf") is YamlSequenceNode all)
        {
            foreach (var branch in all.Children.OfType<YamlMappingNode>())
            {
                Collect(branch, flat, requiredToo, depth + 1);
            }
        }
        foreach (var union in new[] { "anyOf", "oneOf" })
        {
            if (Get(schema, union) is YamlSequenceNode branches)
            {
                // A value matches one branch, so no branch's required keys are required of all.
                foreach (var branch in branches.Children.OfType<YamlMappingNode>())
                {
                    Collect(branch, flat, requiredToo: false, depth + 1);
                }
            }
        }
    }

    private string BuildRecord(string suggested, Flat flat, string? doc, int depth)
    {
        var name = Names.Unique(Names.Pascal(suggested).TrimStart('@'), _typeNames);
        var taken = Names.Reserved(name);
        var properties = ImmutableArray.CreateBuilder<PropertyModel>();
        foreach (var entry in flat.Properties)
        {
            var baseName = Names.Pascal(entry.Key);
            var csName = Names.Unique(baseName.TrimStart('@') == name ? baseName + "Value" : baseName, taken);
            var type = TypeFor(entry.Value, name + Names.Pascal(entry.Key).TrimStart('@', '_'), depth + 1);
            var description = entry.Value is YamlMappingNode m ? Str(m, "description") ?? (Resolve(m) is YamlMappingNode r ? Str(r, "description") : null) : null;
            properties.Add(new PropertyModel(entry.Key, csName, type, flat.Required.Contains(entry.Key) && (mutable || _withoutDefaults > 0), description));
        }
        // Keys the schema leaves open get an explicit escape hatch. JSON Schema objects are open unless
        // additionalProperties is false; Kubernetes structural schemas are closed unless they say otherwise.
        var open = !flat.Closed && (flat.Open || !mutable || flat.Properties.Count == 0);
        _types.Add(new TypeModel(name, doc, false, properties.ToImmutable(), ImmutableArray<EnumMemberModel>.Empty, open, null, null, mutable));
        return name;
    }

    private string BuildEnum(string suggested, YamlSequenceNode values, string? doc)
    {
        var name = Names.Unique(Names.Pascal(suggested).TrimStart('@'), _typeNames);
        var taken = new HashSet<string>();
        var members = ImmutableArray.CreateBuilder<EnumMemberModel>();
        foreach (var value in values.Children.OfType<YamlScalarNode>().Select(v => v.Value ?? "").Distinct())
        {
            members.Add(new EnumMemberModel(Names.Unique(value.Length == 0 ? "Empty" : Names.Pascal(value).TrimStart('@'), taken), value));
        }
        _types.Add(new TypeModel(name, doc, true, ImmutableArray<PropertyModel>.Empty, members.ToImmutable(), false, null, null, mutable));
        return name;
    }

    private string WithoutDefaults(System.Func<string> build)
    {
        _withoutDefaults++;
        try
        {
            return build();
        }
        finally
        {
            _withoutDefaults--;
        }
    }

    private string Reference(string reference, int depth)
    {
        if (_refs.TryGetValue(reference, out var known))
        {
            return known;
        }
        var target = Pointer(reference);
        if (target is null)
        {
            return Json;
        }
        var name = reference.Substring(reference.LastIndexOf('/') + 1);
        if (IsObjectLike(target) && (Get(target, "properties") is not null || Get(target, "allOf") is not null))
        {
            // Reserve first: definitions may refer to themselves.
            var typeName = Names.Unique(prefix + Names.Pascal(name).TrimStart('@', '_'), _typeNames);
            _typeNames.Remove(typeName);
            _refs[reference] = typeName;
            var built = BuildRecord(typeName, Flatten(target), Str(target, "description"), depth + 1);
            _refs[reference] = built;
            return built;
        }
        var type = TypeFor(target, prefix + Names.Pascal(name).TrimStart('@', '_'), depth + 1);
        _refs[reference] = type;
        return type;
    }

    private YamlMappingNode? Pointer(string reference)
    {
        if (!reference.StartsWith("#/", System.StringComparison.Ordinal))
        {
            return null;
        }
        YamlNode? node = document;
        foreach (var raw in reference.Substring(2).Split('/'))
        {
            var part = raw.Replace("~1", "/").Replace("~0", "~");
            node = node is YamlMappingNode map ? Get(map, part) : null;
        }
        return node as YamlMappingNode;
    }

    private YamlNode Resolve(YamlNode node) =>
        node is YamlMappingNode m && Str(m, "$ref") is { } r && Pointer(r) is { } target ? target : node;

    private bool IsObjectLike(YamlNode node)
    {
        var n = Resolve(node);
        return n is YamlMappingNode m && (TypeNames(m).Contains("object") || Get(m, "properties") is not null || Get(m, "allOf") is not null);
    }

    private static bool IsNull(YamlNode node) => node is YamlMappingNode m && TypeNames(m) is { Count: 1 } t && t[0] == "null";

    private static List<string> TypeNames(YamlMappingNode schema) => Get(schema, "type") switch
    {
        YamlScalarNode s when s.Value is { } v => v == "null" ? ["null"] : [v],
        YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").Where(v => v != "null").ToList(),
        _ => [],
    };

    private static bool IsNumberOrBool(string value) =>
        value is "true" or "false" || double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    internal static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    internal static string? Str(YamlMappingNode map, string key) => Get(map, key) is YamlScalarNode { Value: { } v } ? v : null;

    private static bool Bool(YamlMappingNode map, string key) => Str(map, key) == "true";

    private sealed class Flat
    {
        public List<KeyValuePair<string, YamlNode>> Properties { get; } = [];
        public HashSet<string> Required { get; } = [];
        public bool Open { get; set; }
        public bool Closed { get; set; }
    }
}
