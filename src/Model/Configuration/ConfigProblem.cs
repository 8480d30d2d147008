using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lakehouse.Model.Configuration;

/// <summary>A cross-field problem in an environment file, at a dotted key path (storage.backend).</summary>
public sealed record ConfigProblem(string KeyPath, string Message);

/// <summary>
/// The cross-key rules (<see cref="CrossKeyRules"/>, shared with the compiler) on a typed configuration.
/// Which backend needs which section is <see cref="BackendSections"/>' rule, checked on the file itself.
/// </summary>
public static class EnvironmentConfigChecks
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static IEnumerable<ConfigProblem> Check(EnvironmentConfig config) =>
        CrossKeyRules.Check(new JsonView(JsonSerializer.SerializeToNode(config, Options))).Select(p => new ConfigProblem(p.Key, p.Value));

    /// <summary>The configuration as the file would say it, defaults included.</summary>
    private sealed class JsonView(JsonNode? root) : IConfigurationView
    {
        public double? Number(string keyPath) => At(keyPath) is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : null;

        public bool? Bool(string keyPath) => At(keyPath) is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

        public bool IsSet(string keyPath) => At(keyPath) is not null;

        private JsonNode? At(string keyPath)
        {
            var node = root;
            foreach (var part in keyPath.Split('.'))
            {
                node = node is JsonObject map && map.TryGetPropertyValue(part, out var child) ? child : null;
            }
            return node;
        }
    }
}
