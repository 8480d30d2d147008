using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lakehouse.Rendering.Environments;

/// <summary>
/// How env files bind to the configuration types: camelCase keys, enums by their names. One definition for the
/// loader (which deserializes with it) and the schema generator (which describes the same binding); the
/// generator's project compiles this file too.
/// </summary>
internal static class EnvironmentBinding
{
    public static JsonSerializerOptions SerializerOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
    };
}
