using Lakehouse.Model;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Rendering.Validation;

namespace Lakehouse.Rendering.Pipeline;

/// <summary>
/// Runs the definitions once per environment and describes every component there:
/// definitions -> model (immutable records) -> validation. Renderers only ever see a valid result.
/// Definitions and components are pure functions of the configuration, so environments are evaluated
/// in parallel; results and diagnostics are gathered in environment order, whatever the timing.
/// </summary>
public static class PlatformEvaluator
{
    public static PlatformRender? Evaluate(IPlatformDefinition definition, IReadOnlyList<EnvironmentConfig> environments, List<Diagnostic> diagnostics)
    {
        var before = diagnostics.Count;
        var perEnvironment = new EnvironmentRender?[environments.Count];
        var findings = new List<Diagnostic>[environments.Count];
        Parallel.For(0, environments.Count, i =>
        {
            findings[i] = [];
            perEnvironment[i] = Evaluate(definition, environments[i], findings[i]);
        });
        foreach (var found in findings)
        {
            diagnostics.AddRange(found);
        }
        var results = perEnvironment.OfType<EnvironmentRender>().ToList();
        // The same mistake in the definitions shows once per environment; say it once.
        Deduplicate(diagnostics, before);
        return diagnostics.Count == before ? new PlatformRender(definition.Name, results) : null;
    }

    private static EnvironmentRender? Evaluate(IPlatformDefinition definition, EnvironmentConfig config, List<Diagnostic> diagnostics)
    {
        var naming = new Naming(definition.Name, config.Name);
        var builder = new PlatformBuilder();
        if (!Guard(diagnostics, SourceLocation.None, $"the definition of platform '{definition.Name}' for environment '{config.Name}'",
                () => definition.Define(builder, config)))
        {
            return null;
        }
        var graph = DependencyGraph.Build(builder.Build(), diagnostics);
        if (graph is null)
        {
            return null;
        }
        var components = new List<ComponentRender>();
        var external = new List<PlacedComponent>();
        foreach (var placed in graph.Components)
        {
            var name = placed.Component.Name;
            if (placed.Component is ExternalComponent)
            {
                external.Add(placed);
                continue;
            }
            var context = graph.ContextFor(name, naming, config);
            ComponentSpec? spec = null;
            if (!Guard(diagnostics, placed.Location, $"component '{name}' in environment '{config.Name}'",
                    () => spec = placed.Component.Describe(context)))
            {
                continue;
            }
            if (placed.Component.ValueOverrides is { } overrides)
            {
                spec = spec! with { Values = Renderers.JsonTrees.Merge(spec.Values, overrides) };
            }
            var render = new ComponentRender(placed, spec!, graph.WaveOf(name), graph.DependenciesOf(name));
            SpecValidator.Validate(render, config.Name, diagnostics, config.Monitoring.MonitorLabels);
            LeastPrivilegeValidator.Validate(render, config.Name, diagnostics);
            components.Add(render);
        }
        // Egress mirrors the ingress every provider renders, plus the external services each client uses.
        var externalPorts = new List<(string, IReadOnlyList<string>, IReadOnlyList<int>)>();
        foreach (var placed in external)
        {
            var component = (ExternalComponent)placed.Component;
            IReadOnlyList<int> ports = [];
            if (Guard(diagnostics, placed.Location, $"component '{component.Name}' in environment '{config.Name}'",
                    () => ports = component.EgressPorts(graph.ContextFor(component.Name, naming, config))))
            {
                externalPorts.Add((component.Name, graph.ClientsOf(component.Name), ports));
            }
        }
        return new EnvironmentRender(config, naming, EgressPolicies.Add(components, externalPorts)) { External = external };
    }

    /// <summary>Runs definition code; a rule violation or exception becomes a located diagnostic.</summary>
    private static bool Guard(List<Diagnostic> diagnostics, SourceLocation at, string what, Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (RuleViolationException e)
        {
            diagnostics.Add(e.Diagnostic.Location.Path.Length > 0 ? e.Diagnostic : e.Diagnostic with { Location = at });
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            diagnostics.Add(new Diagnostic(Rules.DefinitionFailed, at, $"{what} failed: {e.Message}"));
        }
        return false;
    }

    private static void Deduplicate(List<Diagnostic> diagnostics, int from)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = from; i < diagnostics.Count; i++)
        {
            var key = diagnostics[i].Rule.Id + "|" + diagnostics[i].Location + "|" + StripEnvironment(diagnostics[i].Message);
            if (!seen.Add(key))
            {
                diagnostics.RemoveAt(i--);
            }
        }
    }

    private static string StripEnvironment(string message)
    {
        var at = message.IndexOf(" in environment '", StringComparison.Ordinal);
        if (at < 0)
        {
            return message;
        }
        var end = message.IndexOf('\'', at + 17);
        return end < 0 ? message : message[..at] + message[(end + 1)..];
    }
}
