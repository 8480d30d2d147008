using System.Text.Json.Nodes;
using Lakehouse.Tests.Hydration;

namespace Lakehouse.Tests.Identity;

/// <summary>Reads what Helm rendered for one component: its ConfigMaps' files, its containers' environment.</summary>
internal static class HydratedConfig
{
    public static async Task<IReadOnlyList<Manifest>> Objects(string environment, string component)
    {
        var hydration = await HydrationTests.Hydrated(environment);
        return hydration.Applications.Single(a => a.Application.Component == component).Objects;
    }

    public static Manifest Single(IReadOnlyList<Manifest> objects, string kind, string name) =>
        Assert.Single(objects, o => o.Kind == kind && o.Name == name);

    /// <summary>One file of a ConfigMap's data.</summary>
    public static string File(IReadOnlyList<Manifest> objects, string configMap, string key) =>
        (string?)Single(objects, "ConfigMap", configMap).Body["data"]![key] ?? throw new InvalidOperationException($"ConfigMap {configMap} has no {key}");

    /// <summary>The containers of a workload's pod template.</summary>
    public static IReadOnlyList<JsonObject> Containers(Manifest workload) =>
        workload.Body["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => c!.AsObject()).ToList();

    /// <summary>The Secret and key an environment variable of a container comes from.</summary>
    public static (string Secret, string Key) SecretEnv(JsonObject container, string variable)
    {
        var env = Assert.Single(container["env"]!.AsArray(), e => (string?)e!["name"] == variable)!;
        var reference = env["valueFrom"]!["secretKeyRef"]!;
        return ((string)reference["name"]!, (string)reference["key"]!);
    }

    /// <summary>Java-style properties (key=value lines; blank lines and # comments skipped), the last value of a key winning.</summary>
    public static IReadOnlyDictionary<string, string> Properties(string text)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var at = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(at > 0, $"not a property line: {line}");
            properties[line[..at].Trim()] = line[(at + 1)..].Trim();
        }
        return properties;
    }

    /// <summary>An INI file as Grafana reads it: [section] headers, key = value lines, ; and # comments.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Ini(string text)
    {
        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal) { [""] = new(StringComparer.Ordinal) };
        var current = "";
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith(';') && !l.StartsWith('#')))
        {
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                current = line[1..^1];
                sections.TryAdd(current, new(StringComparer.Ordinal));
                continue;
            }
            var at = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(at > 0, $"not an ini line: {line}");
            sections[current][line[..at].Trim()] = line[(at + 1)..].Trim();
        }
        return sections.ToDictionary(s => s.Key, s => (IReadOnlyDictionary<string, string>)s.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// A Python assignment whose value the platform writes as a JSON literal (AUTH_ROLES_MAPPING = {...}): the line
    /// "NAME = " at the start, its value parsed as JSON.
    /// </summary>
    public static JsonNode PythonLiteral(string config, string name)
    {
        var line = Assert.Single(config.Split('\n'), l => l.StartsWith($"{name} = ", StringComparison.Ordinal));
        return JsonNode.Parse(line[(name.Length + 3)..])!;
    }
}
