using Lakehouse.Model.Configuration;
using NJsonSchema;
using NJsonSchema.Generation;

namespace Lakehouse.Rendering.Environments;

/// <summary>
/// Generates the JSON Schema of env/*.yaml from <see cref="EnvironmentConfig"/> (the types are its only source
/// of truth). It runs while Lakehouse.Rendering builds, which embeds the text: generating it by reflection
/// took about a third of every render's time (docs/performance.md).
/// </summary>
public static class EnvironmentSchemaGenerator
{
    /// <summary>The schema's text as written to env/environment.schema.json: LF line ends, ending in a newline.</summary>
    public static string Generate()
    {
        var settings = new SystemTextJsonSchemaGeneratorSettings
        {
            SerializerOptions = EnvironmentBinding.SerializerOptions,
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
        return schema.ToJson().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>Build step: <c>--out FILE</c> writes the schema there when its text differs.</summary>
    public static int Main(string[] args)
    {
        if (args is not ["--out", var path])
        {
            Console.Error.WriteLine("usage: Lakehouse.SchemaGeneration --out <file>");
            return 2;
        }
        var text = Generate();
        if (!File.Exists(path) || File.ReadAllText(path) != text)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, text);
        }
        return 0;
    }
}
