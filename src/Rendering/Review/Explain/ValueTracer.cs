using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Versions;
using Lakehouse.Rendering.Environments;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Review.Hydration;

namespace Lakehouse.Rendering.Review.Explain;

/// <summary>An env/ key that drives a value: where it is and what it says.</summary>
public sealed record EnvironmentKey(string KeyPath, string Value, SourceLocation Location);

/// <summary>
/// Finds the env/ keys behind one value of one component in one environment without knowing how the component
/// writes its values: each scalar of env/ENV.yaml is perturbed in memory (<see cref="Perturbation"/>), the
/// environment is evaluated again, and a key is reported when the value changes. Values files are compared on
/// the component's described Helm values (what the value files are factored from); any other file on a render
/// of that environment alone.
/// </summary>
internal sealed class ValueTracer(IPlatformDefinition definition, string root, ChartLock? chartLock)
{
    /// <summary>The env keys whose change changes <paramref name="read"/>'s answer for <paramref name="environment"/>.</summary>
    public IReadOnlyList<EnvironmentKey> Trace(string environment, Func<EnvironmentConfig, string?> read)
    {
        var path = $"env/{environment}.yaml";
        var text = File.ReadAllText(Path.Combine(root, path));
        var baseline = read(Load(path, text) ?? throw new InvalidOperationException($"{path} does not load"));
        var scalars = YamlPositions.Scalars(text);
        var found = new EnvironmentKey?[scalars.Count];
        Parallel.For(0, scalars.Count, i =>
        {
            var scalar = scalars[i];
            if (Perturbation.Apply(text, scalar) is not { } perturbed || Load(path, perturbed) is not { } config)
            {
                return;
            }
            string? value;
            try
            {
                value = read(config);
            }
            catch (InvalidOperationException)
            {
                return;
            }
            if (value != baseline)
            {
                found[i] = new EnvironmentKey(scalar.KeyPath, scalar.Text, new SourceLocation(path, (int)scalar.Start.Line, (int)scalar.Start.Column));
            }
        });
        return found.OfType<EnvironmentKey>().ToList();
    }

    /// <summary>The described Helm value at <paramref name="keyPath"/> of <paramref name="component"/> (compact JSON), or null when absent.</summary>
    public string? DescribedValue(EnvironmentConfig config, string component, string keyPath)
    {
        var spec = Evaluate(config)?.Components.FirstOrDefault(c => c.Name == component)?.Spec
                   ?? throw new InvalidOperationException("not described");
        return Navigate(spec.Values, keyPath)?.ToJsonString();
    }

    /// <summary>The value at <paramref name="keyPath"/> of <paramref name="file"/> in a render of this environment alone.</summary>
    public string? RenderedValue(EnvironmentConfig config, string file, string keyPath)
    {
        var outcome = RenderPipeline.Render(definition, [config], chartLock: chartLock);
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException("not rendered");
        }
        return outcome.Tree!.Files.TryGetValue(file, out var text) && YamlNodes.ReadAll(text).FirstOrDefault() is { } node
            ? Navigate(node, keyPath)?.ToJsonString()
            : null;
    }

    public EnvironmentRender? Evaluate(EnvironmentConfig config) =>
        PlatformEvaluator.Evaluate(definition, [config], [], chartLock)?.Environments.SingleOrDefault();

    private EnvironmentConfig? Load(string path, string text)
    {
        var diagnostics = new List<Diagnostic>();
        var config = EnvironmentLoader.Load(path, text, diagnostics, chartLock);
        return diagnostics.Count == 0 ? config : null;
    }

    /// <summary>Follows a.b[0].c through maps and lists.</summary>
    public static JsonNode? Navigate(JsonNode? node, string keyPath)
    {
        foreach (var part in Parts(keyPath))
        {
            node = part switch
            {
                int index when node is JsonArray list && index < list.Count => list[index],
                string key when node is JsonObject map => map[key],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }
        return node;
    }

    private static IEnumerable<object> Parts(string keyPath)
    {
        foreach (var segment in keyPath.Split('.'))
        {
            var bracket = segment.IndexOf('[');
            yield return bracket < 0 ? segment : segment[..bracket];
            while (bracket >= 0)
            {
                var close = segment.IndexOf(']', bracket);
                yield return int.Parse(segment[(bracket + 1)..close], System.Globalization.CultureInfo.InvariantCulture);
                bracket = segment.IndexOf('[', close);
            }
        }
    }
}
