using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Lakehouse.Generators.Shared;
using Lakehouse.Model.Checks;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lakehouse.Generators.Generation;

/// <summary>An environment file and the schema it names, as the generator sees them.</summary>
/// <remarks>Caching invariant: strings only.</remarks>
internal sealed record EnvironmentInput(string Path, string Text, string SchemaText);

/// <summary>What the compiler reports about one environment file, and its name for the accessor.</summary>
/// <remarks>Caching invariant: strings and equatable arrays only.</remarks>
internal sealed record EnvironmentResult(string Name, string Path, EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>The cluster server and domain of a valid file, compared across files (LH1207).</summary>
    public EquatableArray<EnvironmentTarget> Targets { get; init; } = new(ImmutableArray<EnvironmentTarget>.Empty);
}

/// <summary>One thing an environment deploys to (its cluster server or its domain), where the file says it.</summary>
internal sealed record EnvironmentTarget(string Key, string KeyPath, string Path, int Line, int Column);

/// <summary>
/// Checks env/*.yaml against env/environment.schema.json while you type: unknown keys (with a
/// did-you-mean), wrong types, values out of range or pattern, IP literals and secret-looking values,
/// backend sections (the chosen one present, no leftover of another), each at its line and column. It
/// says what the render's loader says, at the same position (a differential test keeps them equal):
/// plain scalars resolve by the project's one rule (<see cref="PlainScalars"/>, YAML 1.2 core schema),
/// and it understands every keyword in <see cref="Keywords"/> (draft-04; a test fails when the generated
/// schema uses one that is not listed).
/// </summary>
internal static class EnvironmentChecker
{
    /// <summary>The JSON Schema keywords this checker enforces.</summary>
    public static readonly IReadOnlyCollection<string> Keywords = new[]
    {
        "$ref", "type", "properties", "additionalProperties", "required", "enum", "pattern", "minLength", "maxLength",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "items", "minItems", "maxItems",
        "oneOf", "anyOf", "allOf", "not",
    };

    /// <summary>Keywords that only describe (no constraint), including "format": int32/double carry no range beyond minimum/maximum.</summary>
    public static readonly IReadOnlyCollection<string> Annotations = new[]
    {
        "$schema", "title", "description", "definitions", "format", "default", "x-enumNames",
    };

    public static EnvironmentResult Check(EnvironmentInput input)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(input.Path);
        var found = ImmutableArray.CreateBuilder<DiagnosticInfo>();
        YamlMappingNode? schema;
        YamlNode? document;
        // The same preflight as the render: a deep, aliased or oddly keyed file is reported, never loaded (it would overflow the compiler's stack).
        if (Lakehouse.Rendering.Environments.YamlPreflight.Check(input.Text) is { } refused)
        {
            found.Add(new DiagnosticInfo("LH1205", input.Path, refused.Line, refused.Column, refused.Message, ""));
            return new EnvironmentResult(name, input.Path, found.ToImmutable());
        }
        try
        {
            schema = Load(input.SchemaText) as YamlMappingNode;
            document = Load(input.Text) ?? new YamlMappingNode();
        }
        catch (YamlException e)
        {
            found.Add(new DiagnosticInfo("LH1205", input.Path, (int)e.Start.Line, (int)e.Start.Column, e.InnerException?.Message ?? e.Message, ""));
            return new EnvironmentResult(name, input.Path, found.ToImmutable());
        }
        catch (System.InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this, without a position, for some unterminated flow collections (as the loader says).
            found.Add(new DiagnosticInfo("LH1205", input.Path, 1, 1, e.Message + " (an unclosed '[' or '{'?)", ""));
            return new EnvironmentResult(name, input.Path, found.ToImmutable());
        }
        var walker = new Walker(input.Path, schema ?? new YamlMappingNode());
        walker.ScanLiterals(document, "", "", found);
        if (schema is not null)
        {
            var schemaFindings = new List<DiagnosticInfo>();
            walker.Validate(document, schema, "", null, schemaFindings);
            found.AddRange(schemaFindings);
            if (found.Count == 0)
            {
                // Like the loader: backend sections are checked on a file that is otherwise valid,
                // the cross-key rules on a file whose sections are right.
                walker.CheckBackendSections(document, found);
            }
            if (found.Count == 0)
            {
                walker.CheckCrossKeyRules(document, found);
            }
        }
        var targets = found.Count == 0 ? Targets(input.Path, document) : ImmutableArray<EnvironmentTarget>.Empty;
        return new EnvironmentResult(name, input.Path, found.ToImmutable()) { Targets = new(targets) };
    }

    /// <summary>
    /// Two valid environments on one cluster server or one domain (<see cref="EnvironmentTargets"/>): each
    /// later file in path order is reported at its value, naming the first file and line (as the loader does).
    /// </summary>
    public static IEnumerable<DiagnosticInfo> SharedTargets(IEnumerable<EnvironmentResult> results)
    {
        var all = results.OrderBy(r => r.Path, System.StringComparer.Ordinal).SelectMany(r => r.Targets.Items);
        foreach (var group in all.GroupBy(t => t.Key, System.StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var other in group.Skip(1))
            {
                yield return new DiagnosticInfo("LH1207", other.Path, other.Line, other.Column,
                    $"{other.KeyPath}: {other.Path} and {first.Path}({first.Line},{first.Column}) target the same {group.Key}; each environment needs its own cluster server and domain", other.KeyPath);
            }
        }
    }

    private static ImmutableArray<EnvironmentTarget> Targets(string path, YamlNode document)
    {
        var targets = ImmutableArray.CreateBuilder<EnvironmentTarget>();
        if (document is YamlMappingNode map)
        {
            if (Value(map, "cluster") is YamlMappingNode cluster && Value(cluster, "server") is YamlScalarNode server)
            {
                targets.Add(new EnvironmentTarget("server " + EnvironmentTargets.ServerKey(server.Value ?? ""), "cluster.server", path, (int)server.Start.Line, (int)server.Start.Column));
            }
            if (Value(map, "domain") is YamlScalarNode domain)
            {
                targets.Add(new EnvironmentTarget("domain " + EnvironmentTargets.DomainKey(domain.Value ?? ""), "domain", path, (int)domain.Start.Line, (int)domain.Start.Column));
            }
        }
        return targets.ToImmutable();
    }

    private static YamlNode? Value(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static YamlNode? Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    /// <summary>The JSON type a YAML node has once read (what the loader hands the schema).</summary>
    internal static string JsonKind(YamlNode node) => node switch
    {
        YamlMappingNode => "object",
        YamlSequenceNode => "array",
        YamlScalarNode { Style: not ScalarStyle.Plain } => "string",
        YamlScalarNode scalar => PlainScalars.Resolve(scalar.Value ?? "") switch
        {
            ScalarKind.Null => "null",
            ScalarKind.Bool => "boolean",
            ScalarKind.Int => "integer",
            ScalarKind.Int or ScalarKind.Float when PlainScalars.IsOutOfEveryRange(scalar.Value ?? "") => "null",
            ScalarKind.Float => "number",
            _ => "string",
        },
        _ => "null",
    };

    private sealed class Walker(string path, YamlMappingNode root)
    {
        /// <summary>The platform's literal rules on every string, whether or not the schema knows its key.</summary>
        public void ScanLiterals(YamlNode node, string keyPath, string key, ImmutableArray<DiagnosticInfo>.Builder found)
        {
            switch (node)
            {
                case YamlMappingNode map:
                    foreach (var entry in map.Children)
                    {
                        if (entry.Key is not YamlScalarNode { Value: var name })
                        {
                            // A map or list as a key ("? [a]: 1"): no configuration key looks like that.
                            Report(found, "LH1205", entry.Key, keyPath, "a key must be a plain name, not a map or list");
                            continue;
                        }
                        name ??= "";
                        ScanLiterals(entry.Value, keyPath.Length == 0 ? name : keyPath + "." + name, name, found);
                    }
                    break;
                case YamlSequenceNode seq:
                    for (var i = 0; i < seq.Children.Count; i++)
                    {
                        ScanLiterals(seq.Children[i], $"{keyPath}[{i}]", key, found);
                    }
                    break;
                case YamlScalarNode scalar when scalar.Style == ScalarStyle.Plain && PlainScalars.IsOutOfEveryRange(scalar.Value ?? ""):
                    // Read as no value, as the loader does (JSON cannot carry it), and reported here.
                    Report(found, "LH1202", scalar, keyPath, $"{Show(keyPath)}: {scalar.Value} is out of every range (no setting takes an infinite, not-a-number or beyond-64-bit value)");
                    break;
                case YamlScalarNode { Value: { Length: > 0 } text } scalar:
                    // Every scalar's text, as the loader reads it: a number under a host key can be an address too.
                    if (Literals.FindIp(text, keyPath.Split('.').Last()) is { } ip)
                    {
                        Report(found, "LH1203", scalar, keyPath, $"{Show(keyPath)}: '{ip}' is an IP address; use a DNS name");
                    }
                    if (JsonKind(scalar) != "string")
                    {
                        break;
                    }
                    if (Literals.FindSecret(text) is { } kind)
                    {
                        Report(found, "LH1204", scalar, keyPath, $"{Show(keyPath)}: {kind}; keep it in a Kubernetes Secret and reference it");
                    }
                    else if (Literals.IsSecretName(key))
                    {
                        Report(found, "LH1204", scalar, keyPath, $"{Show(keyPath)}: this key holds a credential; keep it in a Kubernetes Secret and reference it");
                    }
                    break;
            }
        }

        /// <summary>
        /// Validates <paramref name="node"/> against <paramref name="schema"/> into <paramref name="sink"/>;
        /// <paramref name="keyNode"/> is the key the node is the value of (null at the root), where a
        /// missing required key is reported.
        /// </summary>
        public void Validate(YamlNode node, YamlMappingNode schema, string keyPath, YamlNode? keyNode, List<DiagnosticInfo> sink)
        {
            schema = Resolve(schema);
            if (SchemaTypeBuilder.Get(schema, "allOf") is YamlSequenceNode all)
            {
                foreach (var branch in all.Children.OfType<YamlMappingNode>())
                {
                    Validate(node, branch, keyPath, keyNode, sink);
                }
            }
            if (SchemaTypeBuilder.Get(schema, "anyOf") is YamlSequenceNode any)
            {
                Choose(node, any, exactlyOne: false, keyPath, keyNode, sink);
            }
            if (SchemaTypeBuilder.Get(schema, "oneOf") is YamlSequenceNode one)
            {
                Choose(node, one, exactlyOne: true, keyPath, keyNode, sink);
            }
            if (SchemaTypeBuilder.Get(schema, "not") is YamlMappingNode not)
            {
                var inner = new List<DiagnosticInfo>();
                Validate(node, not, keyPath, keyNode, inner);
                if (inner.Count == 0)
                {
                    Report(sink, "LH1202", node, keyPath, $"{Show(keyPath)}: the value is one the schema excludes");
                }
            }
            var types = Types(schema);
            var kind = JsonKind(node);
            if (!Accepts(types, kind))
            {
                Report(sink, "LH1202", node, keyPath, $"{Show(keyPath)}: {Expect(types)} is expected ({Found(node)})");
                return;
            }
            switch (node)
            {
                case YamlMappingNode map:
                    ValidateMap(map, schema, keyPath, keyNode, sink);
                    break;
                case YamlSequenceNode seq:
                    if (Number(schema, "minItems") is { } minItems && seq.Children.Count < minItems)
                    {
                        Report(sink, "LH1202", node, keyPath, $"{Show(keyPath)}: at least {minItems} items are expected");
                    }
                    if (Number(schema, "maxItems") is { } maxItems && seq.Children.Count > maxItems)
                    {
                        Report(sink, "LH1202", node, keyPath, $"{Show(keyPath)}: at most {maxItems} items are expected");
                    }
                    if (SchemaTypeBuilder.Get(schema, "items") is YamlMappingNode items)
                    {
                        for (var i = 0; i < seq.Children.Count; i++)
                        {
                            Validate(seq.Children[i], items, $"{keyPath}[{i}]", seq.Children[i], sink);
                        }
                    }
                    break;
                case YamlScalarNode scalar:
                    ValidateScalar(scalar, schema, kind, keyPath, sink);
                    break;
            }
        }

        /// <summary>
        /// oneOf / anyOf: valid when exactly one (oneOf) or at least one (anyOf) branch is. Otherwise the
        /// findings of the one branch whose type fits the value (an object in a null-or-object section is
        /// judged as that object), or one type finding when no branch's type fits. The loader chooses alike.
        /// </summary>
        private void Choose(YamlNode node, YamlSequenceNode branches, bool exactlyOne, string keyPath, YamlNode? keyNode, List<DiagnosticInfo> sink)
        {
            var schemas = branches.Children.OfType<YamlMappingNode>().Select(Resolve).ToList();
            var results = schemas.Select(branch =>
            {
                var findings = new List<DiagnosticInfo>();
                Validate(node, branch, keyPath, keyNode, findings);
                return findings;
            }).ToList();
            var valid = results.Count(r => r.Count == 0);
            if (valid > 1 && exactlyOne)
            {
                Report(sink, "LH1202", node, keyPath, $"{Show(keyPath)}: the value matches more than one of the schema's choices");
            }
            if (valid > 0)
            {
                return;
            }
            var kind = JsonKind(node);
            var fitting = Enumerable.Range(0, schemas.Count).Where(i => Accepts(Types(schemas[i]), kind)).ToList();
            if (fitting.Count == 0)
            {
                var types = schemas.SelectMany(Types).Distinct().ToList();
                Report(sink, "LH1202", node, keyPath, $"{Show(keyPath)}: {Expect(types)} is expected ({Found(node)})");
                return;
            }
            foreach (var i in fitting)
            {
                sink.AddRange(results[i]);
            }
        }

        private void ValidateMap(YamlMappingNode map, YamlMappingNode schema, string keyPath, YamlNode? keyNode, List<DiagnosticInfo> sink)
        {
            var properties = SchemaTypeBuilder.Get(schema, "properties") as YamlMappingNode;
            var additional = SchemaTypeBuilder.Get(schema, "additionalProperties");
            foreach (var entry in map.Children.Where(e => e.Key is YamlScalarNode))
            {
                var key = ((YamlScalarNode)entry.Key).Value ?? "";
                var childPath = keyPath.Length == 0 ? key : keyPath + "." + key;
                if (properties is not null && SchemaTypeBuilder.Get(properties, key) is YamlMappingNode child)
                {
                    Validate(entry.Value, child, childPath, entry.Key, sink);
                }
                else if (additional is YamlMappingNode extra)
                {
                    Validate(entry.Value, extra, childPath, entry.Key, sink);
                }
                else if (additional is YamlScalarNode { Value: "false" })
                {
                    var allowed = properties?.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToList() ?? [];
                    var hint = Suggestions.Closest(key, allowed);
                    Report(sink, "LH1201", entry.Key, childPath, $"unknown key '{childPath}'" + (hint is null ? "" : $"; did you mean '{hint}'?"));
                }
            }
            if (SchemaTypeBuilder.Get(schema, "required") is YamlSequenceNode required)
            {
                foreach (var r in required.Children.OfType<YamlScalarNode>().Select(r => r.Value ?? ""))
                {
                    if (!map.Children.ContainsKey(new YamlScalarNode(r)))
                    {
                        var missing = keyPath.Length == 0 ? r : keyPath + "." + r;
                        sink.Add(keyNode is null
                            ? new DiagnosticInfo("LH1202", path, 1, 1, $"required key '{missing}' is missing", missing)
                            : new DiagnosticInfo("LH1202", path, (int)keyNode.Start.Line, (int)keyNode.Start.Column, $"required key '{missing}' is missing", missing));
                    }
                }
            }
        }

        private void ValidateScalar(YamlScalarNode scalar, YamlMappingNode schema, string kind, string keyPath, List<DiagnosticInfo> sink)
        {
            var text = scalar.Value ?? "";
            if (SchemaTypeBuilder.Get(schema, "enum") is YamlSequenceNode options && !options.Children.OfType<YamlScalarNode>().Any(o => o.Value == text && JsonKind(o) == kind))
            {
                Report(sink, "LH1202", scalar, keyPath, $"{Show(keyPath)}: '{text}' is not one of: {string.Join(", ", options.Children.OfType<YamlScalarNode>().Select(o => o.Value))}");
            }
            if (kind == "string")
            {
                if (Number(schema, "minLength") is { } minLength && text.Length < minLength)
                {
                    Report(sink, "LH1202", scalar, keyPath, $"{Show(keyPath)}: the value is {(text.Length == 0 ? "empty" : "too short")}");
                }
                if (Number(schema, "maxLength") is { } maxLength && text.Length > maxLength)
                {
                    Report(sink, "LH1202", scalar, keyPath, $"{Show(keyPath)}: the value is longer than {maxLength} characters");
                }
                if (SchemaTypeBuilder.Str(schema, "pattern") is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant))
                {
                    Report(sink, "LH1202", scalar, keyPath, $"{Show(keyPath)}: '{text}' does not match the pattern {pattern}");
                }
            }
            if (kind is "integer" or "number" && PlainScalars.NumberValue(text) is { } number)
            {
                var min = Number(schema, "minimum");
                var max = Number(schema, "maximum");
                var exclusiveMin = SchemaTypeBuilder.Get(schema, "exclusiveMinimum") is YamlScalarNode { Value: "true" };
                var exclusiveMax = SchemaTypeBuilder.Get(schema, "exclusiveMaximum") is YamlScalarNode { Value: "true" };
                if ((min is not null && (number < min || (exclusiveMin && number == min))) || (max is not null && (number > max || (exclusiveMax && number == max))))
                {
                    Report(sink, "LH1202", scalar, keyPath, $"{Show(keyPath)}: {text} is out of range {min}..{max}");
                }
            }
        }

        /// <summary>The chosen backend's section is there when it needs one; no other backend's section is.</summary>
        public void CheckBackendSections(YamlNode document, ImmutableArray<DiagnosticInfo>.Builder found)
        {
            foreach (var finding in BackendSections.Check(keyPath => Find(document, keyPath)?.Value is YamlScalarNode s ? s.Value : null, keyPath => Find(document, keyPath) is { } e && JsonKind(e.Value) != "null"))
            {
                var at = Find(document, finding.KeyPath)!.Value;
                var node = finding.Leftover ? at.Key : at.Value;
                Report(found, finding.Leftover ? "LH1206" : "LH1202", node, finding.KeyPath, finding.Message);
            }
        }

        /// <summary>The rules spanning several keys (<see cref="CrossKeyRules"/>), at the value of their key path as the loader places them.</summary>
        public void CheckCrossKeyRules(YamlNode document, ImmutableArray<DiagnosticInfo>.Builder found)
        {
            foreach (var problem in CrossKeyRules.Check(new YamlView(document)))
            {
                var (line, column) = ValueLocation(document, problem.Key);
                found.Add(new DiagnosticInfo("LH1202", path, line, column, problem.Value, problem.Key));
            }
        }

        /// <summary>Where the value at a key path starts, else its key or nearest parent's key, else the file's start (the loader's rule).</summary>
        private static (int Line, int Column) ValueLocation(YamlNode document, string keyPath)
        {
            if (Find(document, keyPath) is { } at)
            {
                return ((int)at.Value.Start.Line, (int)at.Value.Start.Column);
            }
            for (var parent = keyPath; parent.Contains("."); )
            {
                parent = parent.Substring(0, parent.LastIndexOf('.'));
                if (Find(document, parent) is { } key)
                {
                    return ((int)key.Key.Start.Line, (int)key.Key.Start.Column);
                }
            }
            return (1, 1);
        }

        private sealed class YamlView(YamlNode document) : IConfigurationView
        {
            public double? Number(string keyPath) =>
                Find(document, keyPath)?.Value is YamlScalarNode s && JsonKind(s) is "integer" or "number" ? PlainScalars.NumberValue(s.Value ?? "") : null;

            public bool? Bool(string keyPath) =>
                Find(document, keyPath)?.Value is YamlScalarNode s && JsonKind(s) == "boolean" ? PlainScalars.BoolValue(s.Value ?? "") : null;

            public bool IsSet(string keyPath) => Find(document, keyPath) is { } at && JsonKind(at.Value) != "null";
        }

        private static KeyValuePair<YamlNode, YamlNode>? Find(YamlNode document, string keyPath)
        {
            KeyValuePair<YamlNode, YamlNode>? at = null;
            var node = document;
            foreach (var part in keyPath.Split('.'))
            {
                if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(part), out var value))
                {
                    return null;
                }
                at = map.Children.First(e => e.Key is YamlScalarNode k && k.Value == part);
                node = value;
            }
            return at;
        }

        private YamlMappingNode Resolve(YamlMappingNode schema)
        {
            for (var i = 0; i < 16 && SchemaTypeBuilder.Str(schema, "$ref") is { } reference && reference.StartsWith("#/", System.StringComparison.Ordinal); i++)
            {
                YamlNode? node = root;
                foreach (var part in reference.Substring(2).Split('/'))
                {
                    node = node is YamlMappingNode map ? SchemaTypeBuilder.Get(map, part) : null;
                }
                if (node is not YamlMappingNode target)
                {
                    break;
                }
                schema = target;
            }
            return schema;
        }

        private static List<string> Types(YamlMappingNode schema) => SchemaTypeBuilder.Get(schema, "type") switch
        {
            YamlScalarNode { Value: { } v } => [v],
            YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList(),
            _ => [],
        };

        private static bool Accepts(List<string> types, string kind) =>
            types.Count == 0 || types.Contains(kind) || (kind == "integer" && types.Contains("number"));

        /// <summary>The types in words, as the loader words them.</summary>
        private static string Expect(IEnumerable<string> types) => string.Join(" or ", types.Select(t => t switch
        {
            "null" => "no value",
            "object" => "a map of keys",
            "array" => "a list",
            "string" => "a string",
            "integer" => "a whole number",
            "number" => "a number",
            "boolean" => "true or false",
            _ => t,
        }));

        private static string Found(YamlNode node) => node switch
        {
            YamlMappingNode => "found a map",
            YamlSequenceNode => "found a list",
            YamlScalarNode { Style: ScalarStyle.Plain } s => "found " + s.Value,
            YamlScalarNode s => "found \"" + s.Value + "\"",
            _ => "found nothing",
        };

        private static double? Number(YamlMappingNode schema, string key) =>
            SchemaTypeBuilder.Str(schema, key) is { } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

        private static string Show(string keyPath) => keyPath.Length == 0 ? "(root)" : keyPath;

        private void Report(ICollection<DiagnosticInfo> sink, string id, YamlNode at, string keyPath, string message) =>
            sink.Add(new DiagnosticInfo(id, path, (int)at.Start.Line, (int)at.Start.Column, message, keyPath));
    }
}
