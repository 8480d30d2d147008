using System.Text.Json;
using NJsonSchema;

namespace Lakehouse.Rendering.Environments;

/// <summary>
/// The JSON Schema of env/*.yaml, generated from <see cref="Lakehouse.Model.Configuration.EnvironmentConfig"/>
/// while this assembly builds (src/SchemaGeneration) and embedded in it: the types stay its only source of
/// truth, and a render no longer pays for generating it by reflection (about 335 ms of a 1.06 s render,
/// docs/performance.md). Written to env/environment.schema.json for editors and the compiler; used here to validate.
/// </summary>
public static class EnvironmentSchema
{
    public const string FileName = "environment.schema.json";

    /// <summary>How env files bind to the configuration types (<see cref="EnvironmentBinding"/>).</summary>
    public static JsonSerializerOptions SerializerOptions => EnvironmentBinding.SerializerOptions;

    private static readonly Lazy<string> Text = new(ReadEmbedded);

    // Parsed from the same text that is written, once per process; nothing writes to it afterwards, so
    // validations running in parallel renders share it.
    private static readonly Lazy<JsonSchema> Parsed = new(() => JsonSchema.FromJsonAsync(Text.Value).GetAwaiter().GetResult());

    public static JsonSchema Schema => Parsed.Value;

    /// <summary>The schema's text as written to disk: LF line ends, ending in a newline.</summary>
    public static string ToText() => Text.Value;

    private static string ReadEmbedded()
    {
        using var stream = typeof(EnvironmentSchema).Assembly.GetManifestResourceStream(FileName)
            ?? throw new InvalidOperationException($"{FileName} is not embedded in {typeof(EnvironmentSchema).Assembly.GetName().Name}; the build's LakehouseGenerateEnvironmentSchema target writes it");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
