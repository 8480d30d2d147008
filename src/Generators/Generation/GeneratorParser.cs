using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lakehouse.Generators.Generation;

/// <summary>
/// Reads the generator's inputs: AdditionalFiles items marked with LakehouseChart (a chart's
/// values.schema.json, or its values.yaml) or LakehouseCrd="true" (custom resource definitions).
/// </summary>
internal static class GeneratorParser
{
    private const string Metadata = "build_metadata.AdditionalFiles.";

    public static GeneratorInput? ReadInput(AdditionalText file, AnalyzerConfigOptions options, CancellationToken cancellationToken)
    {
        var chart = Option(options, "LakehouseChart");
        var crd = Option(options, "LakehouseCrd");
        if (chart is null && !string.Equals(crd, "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var text = file.GetText(cancellationToken)?.ToString() ?? "";
        var ns = Option(options, "LakehouseNamespace") ?? "Lakehouse.Generated";
        var kind = chart is null ? InputKind.CustomResourceDefinition
            : file.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? InputKind.ValuesSchema
            : InputKind.ValuesYaml;
        return new GeneratorInput(file.Path.Replace('\\', '/'), kind, chart ?? Path.GetFileNameWithoutExtension(file.Path), Option(options, "LakehouseChartVersion") ?? "", ns, text);
    }

    public static GenerationUnit Parse(GeneratorInput input, CancellationToken cancellationToken)
    {
        var hint = $"{Names.Pascal(input.Name).TrimStart('@', '_')}.{input.Kind}.g.cs";
        try
        {
            return input.Kind switch
            {
                InputKind.ValuesSchema => FromSchema(input, hint),
                InputKind.ValuesYaml => FromValuesYaml(input, hint),
                _ => FromCrd(input, hint, cancellationToken),
            };
        }
        catch (YamlException e)
        {
            var id = input.Kind == InputKind.CustomResourceDefinition ? "LH1102" : "LH1101";
            return Failed(input, hint, new DiagnosticInfo(id, input.Path, (int)e.Start.Line, (int)e.Start.Column, input.Path, e.Message));
        }
    }

    private static GenerationUnit FromSchema(GeneratorInput input, string hint)
    {
        var document = Load(input.Text).FirstOrDefault() as YamlMappingNode;
        if (document is null)
        {
            return Failed(input, hint, new DiagnosticInfo("LH1101", input.Path, 1, 1, input.Path, "the file holds no JSON Schema object"));
        }
        var builder = new SchemaTypeBuilder(document, mutable: false, prefix: Names.Pascal(input.Name).TrimStart('@', '_'));
        var root = builder.BuildRoot(RootName(input), Doc(input));
        return Unit(input, hint, builder.Types, root);
    }

    private static GenerationUnit FromValuesYaml(GeneratorInput input, string hint)
    {
        var builder = new ValuesYamlTypeBuilder(mutable: false);
        var root = builder.BuildRoot(RootName(input), ValuesYamlReader.Read(input.Text), Doc(input));
        return Unit(input, hint, builder.Types, root);
    }

    private static GenerationUnit FromCrd(GeneratorInput input, string hint, CancellationToken cancellationToken)
    {
        var types = ImmutableArray.CreateBuilder<TypeModel>();
        var found = false;
        foreach (var document in Load(TemplateDirectives.Strip(input.Text)).OfType<YamlMappingNode>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (SchemaTypeBuilder.Str(document, "kind") != "CustomResourceDefinition"
                || SchemaTypeBuilder.Get(document, "spec") is not YamlMappingNode spec
                || SchemaTypeBuilder.Get(spec, "versions") is not YamlSequenceNode versions)
            {
                continue;
            }
            var group = SchemaTypeBuilder.Str(spec, "group") ?? "";
            var kind = SchemaTypeBuilder.Get(spec, "names") is YamlMappingNode names ? SchemaTypeBuilder.Str(names, "kind") ?? "Resource" : "Resource";
            foreach (var version in versions.Children.OfType<YamlMappingNode>())
            {
                if (SchemaTypeBuilder.Str(version, "served") == "false"
                    || SchemaTypeBuilder.Get(version, "schema") is not YamlMappingNode schemaHolder
                    || SchemaTypeBuilder.Get(schemaHolder, "openAPIV3Schema") is not YamlMappingNode schema)
                {
                    continue;
                }
                found = true;
                var versionName = SchemaTypeBuilder.Str(version, "name") ?? "v1";
                var builder = new SchemaTypeBuilder(schema, mutable: true, prefix: Names.Pascal(kind).TrimStart('@') + Names.Pascal(versionName).TrimStart('@'));
                var rootName = builder.Reserve(Names.Pascal(kind).TrimStart('@') + Names.Pascal(versionName).TrimStart('@'));
                var taken = Names.Reserved(rootName);
                var properties = ImmutableArray.CreateBuilder<PropertyModel>();
                if (SchemaTypeBuilder.Get(schema, "properties") is YamlMappingNode top)
                {
                    foreach (var entry in top.Children)
                    {
                        var key = ((YamlScalarNode)entry.Key).Value ?? "";
                        if (key is "apiVersion" or "kind" or "metadata")
                        {
                            continue;
                        }
                        var type = builder.TypeFor(entry.Value, rootName + Names.Pascal(key).TrimStart('@'), 1);
                        var doc = entry.Value is YamlMappingNode m ? SchemaTypeBuilder.Str(m, "description") : null;
                        properties.Add(new PropertyModel(key, Names.Unique(Names.Pascal(key), taken), type, false, doc));
                    }
                }
                var apiVersion = group.Length == 0 ? versionName : $"{group}/{versionName}";
                builder.Add(new TypeModel(rootName, SchemaTypeBuilder.Str(schema, "description") ?? $"{kind} ({apiVersion}), generated from its CustomResourceDefinition.",
                    false, properties.ToImmutable(), ImmutableArray<EnumMemberModel>.Empty, false, apiVersion, kind, true));
                // Each version's types are distinct, so their names are prefixed by the root's name.
                types.AddRange(builder.Types);
            }
        }
        if (!found)
        {
            return Failed(input, hint, new DiagnosticInfo("LH1102", input.Path, 1, 1, input.Path, "no CustomResourceDefinition with a served version and an openAPIV3Schema"));
        }
        return new GenerationUnit(hint, input.Namespace, input.Path, Dedupe(types.ToImmutable()), ImmutableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>Two versions may each produce a type of the same name: keep the first, rename none (they are prefixed).</summary>
    private static ImmutableArray<TypeModel> Dedupe(ImmutableArray<TypeModel> types) =>
        types.GroupBy(t => t.Name).Select(g => g.First()).ToImmutableArray();

    private static GenerationUnit Unit(GeneratorInput input, string hint, ImmutableArray<TypeModel> types, string root) =>
        new(hint, input.Namespace, input.Path, types, ImmutableArray<DiagnosticInfo>.Empty);

    private static GenerationUnit Failed(GeneratorInput input, string hint, DiagnosticInfo diagnostic) =>
        new(hint, input.Namespace, input.Path, ImmutableArray<TypeModel>.Empty, ImmutableArray.Create(diagnostic));

    private static string RootName(GeneratorInput input) => Names.Pascal(input.Name).TrimStart('@', '_') + "Values";

    private static string Doc(GeneratorInput input) =>
        $"Values of the Helm chart '{input.Name}'{(input.Version.Length > 0 ? " " + input.Version : "")}, generated from {Path.GetFileName(input.Path)}.";

    private static YamlNode[] Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Select(d => d.RootNode).ToArray();
    }

    private static string? Option(AnalyzerConfigOptions options, string name) =>
        options.TryGetValue(Metadata + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
