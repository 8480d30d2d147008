using System.Text.Json;
using System.Text.Json.Serialization;
using Lakehouse.Model.Configuration;
using NJsonSchema;
using NJsonSchema.Generation;

namespace Lakehouse.Rendering.Environments;

/// <summary>
/// The JSON Schema of env/*.yaml, generated from <see cref="EnvironmentConfig"/> so the types are the only
/// source of truth. Written to env/environment.schema.json for editors; used here to validate.
/// </summary>
public static class EnvironmentSchema
{
    public const string FileName = "environment.schema.json";

    /// <summary>How env files bind to the configuration types: camelCase keys, enums by their names.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
    };

    // The text is serialized once, before the schema is published: NJsonSchema's ToJson updates reference
    // paths inside the schema, which raced with validations running in parallel renders (a corpus case
    // caught a render rewriting env/environment.schema.json with a different text).
    private static readonly Lazy<(JsonSchema Schema, string Text)> Cached = new(Generate);

    public static JsonSchema Schema => Cached.Value.Schema;

    /// <summary>The schema's text as written to disk: LF line ends, ending in a newline.</summary>
    public static string ToText() => Cached.Value.Text;

    private static (JsonSchema, string) Generate()
    {
        var settings = new SystemTextJsonSchemaGeneratorSettings
        {
            SerializerOptions = SerializerOptions,
            AlwaysAllowAdditionalObjectProperties = false,
            SchemaType = SchemaType.JsonSchema,
            GenerateEnumMappingDescription = false,
            FlattenInheritanceHierarchy = true,
            // "$ref" beside "description" instead of a oneOf wrapper, so validation errors point at the key itself.
            AllowReferencesWithProperties = true,
        };
        var schema = JsonSchema.FromType<EnvironmentConfig>(settings);
        schema.Title = "Lakehouse environment";
        schema.Description = "One environment of the lakehouse platform (env/<name>.yaml). Generated from Lakehouse.Model.Configuration.EnvironmentConfig; do not edit.";
        return (schema, schema.ToJson().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
    }
}
