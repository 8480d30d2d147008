using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Lakehouse.Generators.Shared;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lakehouse.Generators.Generation;

/// <summary>An environment file and the schema it names, as the generator sees them.</summary>
/// <remarks>Caching invariant: strings only.</remarks>
internal sealed record EnvironmentInput(string Path, string Text, string SchemaText);

/// <summary>What the compiler reports about one environment file, and its name for the accessor.</summary>
/// <remarks>Caching invariant: strings and equatable arrays only.</remarks>
internal sealed record EnvironmentResult(string Name, string Path, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// Checks env/*.yaml against env/environment.schema.json while you type: unknown keys (with a
/// did-you-mean), wrong types, values out of range or pattern, IP literals and secret-looking values,
/// each at its line and column. Covers the JSON Schema subset the configuration types produce
/// (type, properties, additionalProperties, required, enum, pattern, minimum/maximum, $ref).
/// </summary>
internal static class EnvironmentChecker
{
    public static EnvironmentResult Check(EnvironmentInput input)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(input.Path);
        var found = ImmutableArray.CreateBuilder<DiagnosticInfo>();
        YamlMappingNode? schema;
        YamlNode? document;
        try
        {
            schema = Load(input.SchemaText) as YamlMappingNode;
            document = Load(input.Text);
        }
        catch (YamlException e)
        {
            found.Add(new DiagnosticInfo("LH1205", input.Path, (int)e.Start.Line, (int)e.Start.Column, e.Message, ""));
            return new EnvironmentResult(name, input.Path, found.ToImmutable());
        }
        if (document is not null)
        {
            var walker = new Walker(input.Path, schema ?? new YamlMappingNode(), found);
            walker.ScanLiterals(document, "");
            if (schema is not null)
            {
                walker.Validate(document, schema, "");
            }
        }
        return new EnvironmentResult(name, input.Path, found.ToImmutable());
    }

    private static YamlNode? Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    private sealed class Walker(string path, YamlMappingNode root, ImmutableArray<DiagnosticInfo>.Builder found)
    {
        /// <summary>The platform's literal rules on every string, whether or not the schema knows its key.</summary>
        public void ScanLiterals(YamlNode node, string keyPath)
        {
            switch (node)
            {
                case YamlMappingNode map:
                    foreach (var entry in map.Children)
                    {
                        var key = ((YamlScalarNode)entry.Key).Value ?? "";
                        ScanLiterals(entry.Value, keyPath.Length == 0 ? key : keyPath + "." + key);
                    }
                    break;
                case YamlSequenceNode seq:
                    for (var i = 0; i < seq.Children.Count; i++)
                    {
                        ScanLiterals(seq.Children[i], $"{keyPath}[{i}]");
                    }
                    break;
                case YamlScalarNode { Value: { Length: > 0 } text } scalar:
                    if (Literals.FindIp(text, keyPath.Split('.').Last()) is { } ip)
                    {
                        Report("LH1203", scalar, keyPath, $"{Show(keyPath)}: '{ip}' is an IP address; use a DNS name");
                    }
                    if (Literals.FindSecret(text) is { } kind)
                    {
                        Report("LH1204", scalar, keyPath, $"{Show(keyPath)}: {kind}; keep it in a Kubernetes Secret and reference it");
                    }
                    else if (Literals.IsSecretName(keyPath.Split('.').Last()))
                    {
                        Report("LH1204", scalar, keyPath, $"{Show(keyPath)}: this key holds a credential; keep it in a Kubernetes Secret and reference it");
                    }
                    break;
            }
        }

        public void Validate(YamlNode node, YamlMappingNode schema, string keyPath)
        {
            schema = Resolve(schema);
            var types = Types(schema);
            switch (node)
            {
                case YamlMappingNode map:
                    if (types.Count > 0 && !types.Contains("object"))
                    {
                        Report("LH1202", node, keyPath, $"{Show(keyPath)}: a {string.Join(" or ", types)} is expected, not a map");
                        return;
                    }
                    var properties = SchemaTypeBuilder.Get(schema, "properties") as YamlMappingNode;
                    var closed = SchemaTypeBuilder.Get(schema, "additionalProperties") is YamlScalarNode { Value: "false" };
                    var extra = SchemaTypeBuilder.Get(schema, "additionalProperties") as YamlMappingNode;
                    foreach (var entry in map.Children)
                    {
                        var key = ((YamlScalarNode)entry.Key).Value ?? "";
                        var childPath = keyPath.Length == 0 ? key : keyPath + "." + key;
                        if (properties is not null && SchemaTypeBuilder.Get(properties, key) is YamlMappingNode child)
                        {
                            Validate(entry.Value, child, childPath);
                        }
                        else if (extra is not null)
                        {
                            Validate(entry.Value, extra, childPath);
                        }
                        else if (closed)
                        {
                            var allowed = properties?.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToList() ?? [];
                            var hint = Suggest(key, allowed);
                            Report("LH1201", entry.Key, childPath, $"unknown key '{childPath}'" + (hint is null ? "" : $"; did you mean '{hint}'?"));
                        }
                    }
                    if (SchemaTypeBuilder.Get(schema, "required") is YamlSequenceNode required)
                    {
                        foreach (var r in required.Children.OfType<YamlScalarNode>().Select(r => r.Value ?? ""))
                        {
                            if (!map.Children.ContainsKey(new YamlScalarNode(r)))
                            {
                                Report("LH1202", node, keyPath, $"required key '{(keyPath.Length == 0 ? r : keyPath + "." + r)}' is missing");
                            }
                        }
                    }
                    break;
                case YamlSequenceNode seq:
                    if (types.Count > 0 && !types.Contains("array"))
                    {
                        Report("LH1202", node, keyPath, $"{Show(keyPath)}: a {string.Join(" or ", types)} is expected, not a list");
                    }
                    else if (SchemaTypeBuilder.Get(schema, "items") is YamlMappingNode items)
                    {
                        for (var i = 0; i < seq.Children.Count; i++)
                        {
                            Validate(seq.Children[i], items, $"{keyPath}[{i}]");
                        }
                    }
                    break;
                case YamlScalarNode scalar:
                    ValidateScalar(scalar, schema, types, keyPath);
                    break;
            }
        }

        private void ValidateScalar(YamlScalarNode scalar, YamlMappingNode schema, List<string> types, string keyPath)
        {
            var text = scalar.Value ?? "";
            var plain = scalar.Style == ScalarStyle.Plain;
            var actual = !plain ? "string"
                : text is "true" or "false" ? "boolean"
                : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? "integer"
                : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && text.Any(char.IsDigit) ? "number"
                : text is "" or "~" or "null" ? "null"
                : "string";
            var accepts = types.Count == 0 || types.Contains(actual) || (actual == "integer" && types.Contains("number"));
            if (!accepts)
            {
                Report("LH1202", scalar, keyPath, $"{Show(keyPath)}: a {string.Join(" or ", types)} is expected (found {(plain ? text : "\"" + text + "\"")})");
                return;
            }
            if (SchemaTypeBuilder.Get(schema, "enum") is YamlSequenceNode options && !options.Children.OfType<YamlScalarNode>().Any(o => o.Value == text))
            {
                Report("LH1202", scalar, keyPath, $"{Show(keyPath)}: '{text}' is not one of: {string.Join(", ", options.Children.OfType<YamlScalarNode>().Select(o => o.Value))}");
            }
            if (actual == "string" && SchemaTypeBuilder.Str(schema, "pattern") is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant))
            {
                Report("LH1202", scalar, keyPath, $"{Show(keyPath)}: '{text}' does not match the pattern {pattern}");
            }
            if (actual is "integer" or "number" && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                var min = Number(schema, "minimum");
                var max = Number(schema, "maximum");
                if ((min is not null && number < min) || (max is not null && number > max))
                {
                    Report("LH1202", scalar, keyPath, $"{Show(keyPath)}: {text} is out of range {min}..{max}");
                }
            }
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
            _ => SchemaTypeBuilder.Get(schema, "properties") is not null ? ["object"] : [],
        };

        private static double? Number(YamlMappingNode schema, string key) =>
            SchemaTypeBuilder.Str(schema, key) is { } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

        private static string Show(string keyPath) => keyPath.Length == 0 ? "(root)" : keyPath;

        private void Report(string id, YamlNode at, string keyPath, string message) =>
            found.Add(new DiagnosticInfo(id, path, (int)at.Start.Line, (int)at.Start.Column, message, keyPath));

        private static string? Suggest(string key, IReadOnlyCollection<string> allowed) =>
            Lakehouse.Model.Checks.Suggestions.Closest(key, allowed);
    }
}
