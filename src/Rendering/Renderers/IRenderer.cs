using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Tree;

namespace Lakehouse.Rendering.Renderers;

/// <summary>Renders one kind of output into the in-memory tree. Renderers read the evaluated platform only.</summary>
public interface IRenderer
{
    void Render(PlatformRender platform, GitOpsLayout layout, GitOpsTree tree);
}

/// <summary>A component across the environments it exists in, in environment order.</summary>
internal sealed record ComponentAcrossEnvironments(string Name, IReadOnlyList<(EnvironmentRender Environment, ComponentRender Component)> Instances)
{
    /// <summary>Groups in one pass (linear in components x environments), in first-seen component order.</summary>
    public static IEnumerable<ComponentAcrossEnvironments> Of(PlatformRender platform)
    {
        var byName = new Dictionary<string, List<(EnvironmentRender, ComponentRender)>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var environment in platform.Environments)
        {
            foreach (var component in environment.Components)
            {
                if (!byName.TryGetValue(component.Name, out var instances))
                {
                    byName[component.Name] = instances = [];
                    order.Add(component.Name);
                }
                instances.Add((environment, component));
            }
        }
        return order.Select(name => new ComponentAcrossEnvironments(name, byName[name]));
    }

    /// <summary>Header sources: the definition file of the component and the env files given.</summary>
    public IEnumerable<string> Sources(IEnumerable<EnvironmentRender> environments) =>
        Instances.Select(i => i.Component.Placed.Location.Path).Take(1).Concat(environments.Select(e => e.SourceFile));
}
