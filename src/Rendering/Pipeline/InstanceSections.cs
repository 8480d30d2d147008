using Lakehouse.Model;
using Lakehouse.Model.Checks;
using Lakehouse.Model.Components;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Diagnostics;

namespace Lakehouse.Rendering.Pipeline;

/// <summary>
/// Every <c>instances.NAME</c> section of an environment belongs to a component of the platform named NAME, and
/// each kind it holds (<c>trino:</c>) to a component of that kind (LH0123): a misspelt name or a section for the
/// wrong component would otherwise be silently ignored, the instance running on its kind's top-level sizes.
/// </summary>
internal static class InstanceSections
{
    public static void Check(EnvironmentConfig config, IReadOnlyList<PlacedComponent> components, List<Diagnostic> diagnostics)
    {
        var byName = components.ToDictionary(p => p.Component.Name, p => p.Component, StringComparer.Ordinal);
        foreach (var (name, instance) in config.Instances.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            var at = config.InstanceLocations.TryGetValue(name, out var location) ? location : new SourceLocation($"env/{config.Name}.yaml", 0, 0);
            var kinds = InstanceKinds.All.Where(k => k.Has(instance)).ToList();
            if (!byName.TryGetValue(name, out var component))
            {
                var hint = Suggestions.Closest(name, byName.Keys.ToList());
                diagnostics.Add(new Diagnostic(Rules.InstanceSectionUnused, at,
                    $"instances.{name}: the platform has no component '{name}'" + (hint is null ? "" : $"; did you mean '{hint}'?")));
                continue;
            }
            if (kinds.Count == 0)
            {
                diagnostics.Add(new Diagnostic(Rules.InstanceSectionUnused, at,
                    $"instances.{name}: the section holds no kind's settings; give {string.Join(" or ", InstanceKinds.All.Select(k => k.Key + ":"))} or remove it"));
            }
            foreach (var (key, reader, _) in kinds.Where(k => !k.Reader.IsInstanceOfType(component)))
            {
                diagnostics.Add(new Diagnostic(Rules.InstanceSectionUnused, at,
                    $"instances.{name}.{key}: component '{name}' is a {component.GetType().Name}, which does not read a {key} section (a {reader.Name} does)"));
            }
        }
    }
}
