using System.Globalization;
using System.Text.Json.Nodes;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lakehouse.Rendering.Environments;

/// <summary>
/// A YAML file read into JSON nodes, remembering where each key and value stood so that every later
/// finding (schema, types, rules) can name the file, line and column.
/// </summary>
internal sealed class YamlDocument
{
    private readonly Dictionary<string, SourceLocation> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> _values = new(StringComparer.Ordinal);

    public string Path { get; }
    public JsonNode? Root { get; private set; }

    /// <summary>True when the text parsed as YAML (its root may still be null: a file holding only <c>~</c>).</summary>
    public bool Loaded { get; private set; }

    /// <summary>Every scalar string with its dotted key path, in document order, for rule scans.</summary>
    public List<(string KeyPath, string Key, string Value, SourceLocation Location)> Strings { get; } = [];

    /// <summary>Plain numbers no setting can hold (.inf, .nan, beyond 64 bits), read as no value: JSON cannot carry them.</summary>
    public List<(string KeyPath, string Value, SourceLocation Location)> OutOfRange { get; } = [];

    /// <summary>
    /// Every scalar's text as written (whatever type it resolves to) and every map key, in document
    /// order: the IP-address rule reads all of them, a key or a number can be an address too.
    /// </summary>
    public List<(string KeyPath, string Text, SourceLocation Location)> Scalars { get; } = [];

    private YamlDocument(string path) => Path = path;

    /// <summary>
    /// Parses <paramref name="text"/>; a syntax error becomes an LH0009 diagnostic, and anything
    /// <see cref="YamlPreflight"/> refuses (limits, tags, documents, keys) its own diagnostic, before
    /// the recursive loader sees it.
    /// </summary>
    public static YamlDocument Parse(string path, string text, List<Diagnostic> diagnostics)
    {
        var doc = new YamlDocument(path);
        if (YamlPreflight.Check(text) is { } refused)
        {
            diagnostics.Add(new Diagnostic(RuleOf(refused.Kind), new SourceLocation(path, refused.Line, refused.Column),
                refused.Kind == YamlPreflight.Kind.InvalidYaml ? "invalid YAML: " + refused.Message : refused.Message));
            return doc;
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            diagnostics.Add(new Diagnostic(Rules.InvalidYaml, doc.At(e.Start), $"invalid YAML: {e.InnerException?.Message ?? e.Message}"));
            return doc;
        }
        catch (Exception e)
        {
            // Unreachable after the preflight, which parses the same text first; a safety net, never a crash.
            diagnostics.Add(new Diagnostic(Rules.InvalidYaml, new SourceLocation(path, 1, 1), $"invalid YAML: {e.Message} (an unclosed '[' or '{{'?)"));
            return doc;
        }
        doc.Loaded = true;
        if (stream.Documents.Count == 0)
        {
            doc.Root = new JsonObject();
            return doc;
        }
        doc.Root = doc.Convert(stream.Documents[0].RootNode, "", "");
        return doc;
    }

    private static Rule RuleOf(YamlPreflight.Kind kind) => kind switch
    {
        YamlPreflight.Kind.Limit => Rules.YamlLimit,
        YamlPreflight.Kind.NotText => Rules.NotText,
        YamlPreflight.Kind.MultipleDocuments => Rules.MultipleDocuments,
        YamlPreflight.Kind.ExplicitTag => Rules.ExplicitTag,
        YamlPreflight.Kind.KeyShape => Rules.KeyShape,
        _ => Rules.InvalidYaml,
    };

    /// <summary>Where the key at <paramref name="keyPath"/> stands, or its nearest existing parent.</summary>
    public SourceLocation KeyLocation(string keyPath)
    {
        for (var path = keyPath; ; path = Parent(path))
        {
            if (_keys.TryGetValue(path, out var at))
            {
                return at;
            }
            if (path.Length == 0)
            {
                return new SourceLocation(Path, 1, 1);
            }
        }
    }

    /// <summary>Where the value at <paramref name="keyPath"/> stands, else where its key stands.</summary>
    public SourceLocation ValueLocation(string keyPath) =>
        _values.TryGetValue(keyPath, out var at) ? at : KeyLocation(keyPath);

    private static string Parent(string path)
    {
        var dot = path.LastIndexOfAny(['.', '[']);
        return dot < 0 ? "" : path[..dot];
    }

    private SourceLocation At(Mark mark) => new(Path, (int)mark.Line, (int)mark.Column);

    private JsonNode? Convert(YamlNode node, string path, string key)
    {
        _values[path] = At(node.Start);
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (k, v) in map.Children)
                {
                    var name = ((YamlScalarNode)k).Value ?? "";
                    var childPath = path.Length == 0 ? name : $"{path}.{name}";
                    _keys[childPath] = At(k.Start);
                    Scalars.Add((childPath, name, At(k.Start)));
                    obj[name] = Convert(v, childPath, name);
                }
                return obj;
            case YamlSequenceNode seq:
                var arr = new JsonArray();
                var i = 0;
                foreach (var item in seq.Children)
                {
                    var itemPath = $"{path}[{i++}]";
                    _keys[itemPath] = At(item.Start);
                    arr.Add(Convert(item, itemPath, key));
                }
                return arr;
            case YamlScalarNode scalar:
                Scalars.Add((path, scalar.Value ?? "", At(scalar.Start)));
                // Out-of-range numbers (1e400, .inf) are collected in OutOfRange by Scalar and reported by the loader.
                return Scalar(scalar, path, key);
            default:
                return null;
        }
    }

    // Plain scalars resolve by the project's one rule (PlainScalars: the YAML 1.2 core schema); quoted ones are strings.
    private JsonNode? Scalar(YamlScalarNode scalar, string path, string key)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is YamlDotNet.Core.ScalarStyle.Plain)
        {
            if (PlainScalars.IsOutOfEveryRange(text))
            {
                OutOfRange.Add((path, text, At(scalar.Start)));
                return null;
            }
            switch (PlainScalars.Resolve(text))
            {
                case ScalarKind.Null:
                    return null;
                case ScalarKind.Bool:
                    return JsonValue.Create(PlainScalars.BoolValue(text));
                case ScalarKind.Int:
                    PlainScalars.TryIntValue(text, out var integer);
                    return JsonValue.Create(integer);
                case ScalarKind.Float:
                    // Kept a float in JSON ("1.0", not "1"): a YAML float is not an integer, whatever its value.
                    var json = PlainScalars.NumberValue(text)!.Value.ToString("R", CultureInfo.InvariantCulture);
                    return JsonNode.Parse(json.Contains('.', StringComparison.Ordinal) || json.Contains('E', StringComparison.Ordinal) ? json : json + ".0");
            }
        }
        Strings.Add((path, key, text, At(scalar.Start)));
        return JsonValue.Create(text);
    }
}
