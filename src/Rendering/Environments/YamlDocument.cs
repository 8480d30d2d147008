using System.Globalization;
using System.Text.Json.Nodes;
using Lakehouse.Model.Diagnostics;
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
    private readonly List<Diagnostic> _outOfRange = [];

    public string Path { get; }
    public JsonNode? Root { get; private set; }

    /// <summary>Every scalar string with its dotted key path, in document order, for rule scans.</summary>
    public List<(string KeyPath, string Key, string Value, SourceLocation Location)> Strings { get; } = [];

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
        if (stream.Documents.Count == 0)
        {
            doc.Root = new JsonObject();
            return doc;
        }
        var root = doc.Convert(stream.Documents[0].RootNode, "", "");
        if (doc._outOfRange.Count > 0)
        {
            diagnostics.AddRange(doc._outOfRange);
            return doc;
        }
        doc.Root = root;
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
                var value = Scalar(scalar, path, key);
                if (value is JsonValue number && number.TryGetValue<double>(out var real) && !double.IsFinite(real))
                {
                    // 1e400 resolves to infinity, which JSON (and so the schema check) cannot hold: an error, not a crash.
                    _outOfRange.Add(new Diagnostic(Rules.InvalidEnvironmentValue, At(scalar.Start),
                        $"{path}: the number '{scalar.Value}' is beyond the range of a number ({double.MaxValue:R})"));
                    return null;
                }
                return value;
            default:
                return null;
        }
    }

    // Plain scalars resolve by the YAML 1.2 core schema (null, bool, int, float); quoted ones are strings.
    private JsonNode? Scalar(YamlScalarNode scalar, string path, string key)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is YamlDotNet.Core.ScalarStyle.Plain)
        {
            switch (text)
            {
                case "" or "~" or "null" or "Null" or "NULL":
                    return null;
                case "true" or "True" or "TRUE":
                    return JsonValue.Create(true);
                case "false" or "False" or "FALSE":
                    return JsonValue.Create(false);
            }
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return JsonValue.Create(integer);
            }
            if (text.Any(char.IsDigit) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            {
                return JsonValue.Create(real);
            }
        }
        Strings.Add((path, key, text, At(scalar.Start)));
        return JsonValue.Create(text);
    }
}
