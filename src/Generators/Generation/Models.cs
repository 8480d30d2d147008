using System;

namespace Lakehouse.Generators.Generation;

/// <summary>What kind of file an AdditionalFiles item is for the generator.</summary>
internal enum InputKind
{
    ValuesSchema,
    ValuesYaml,
    CustomResourceDefinition,
}

/// <summary>
/// One AdditionalFiles item the generator reads, with its text.
/// </summary>
/// <remarks>Caching invariant: only strings and enums, so an unchanged file compares equal and every later step is skipped.</remarks>
internal sealed record GeneratorInput(string Path, InputKind Kind, string Name, string Version, string Namespace, string Text);

/// <summary>A diagnostic to report, located in a file by line and column (no Roslyn Location in the model).</summary>
/// <remarks>Caching invariant: plain values only.</remarks>
internal sealed record DiagnosticInfo(string Id, string Path, int Line, int Column, string Argument0, string Argument1);

/// <summary>A generated property: the chart's exact key and its C# name and type.</summary>
/// <remarks>Caching invariant: plain values only.</remarks>
internal sealed record PropertyModel(string JsonName, string CSharpName, string TypeName, bool Required, string? Doc);

/// <summary>A generated record, enum or custom resource class.</summary>
/// <remarks>Caching invariant: strings, bools and equatable arrays only.</remarks>
internal sealed record TypeModel(
    string Name,
    string? Doc,
    bool IsEnum,
    EquatableArray<PropertyModel> Properties,
    EquatableArray<EnumMemberModel> Members,
    bool Open,
    string? ApiVersion,
    string? Kind,
    bool Mutable);

/// <summary>An enum member and the string it serializes to.</summary>
internal sealed record EnumMemberModel(string CSharpName, string JsonValue) : IEquatable<EnumMemberModel>;

/// <summary>All types generated from one input file, and what went wrong reading it.</summary>
/// <remarks>Caching invariant: strings and equatable arrays only; no ISymbol, SyntaxNode or Compilation.</remarks>
internal sealed record GenerationUnit(string HintName, string Namespace, string Source, EquatableArray<TypeModel> Types, EquatableArray<DiagnosticInfo> Diagnostics);
