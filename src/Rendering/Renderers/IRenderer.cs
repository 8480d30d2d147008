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
    public static IEnumerable<ComponentAcrossEnvironments> Of(PlatformRender platform) =>
        platform.ComponentNames.Select(name => new ComponentAcrossEnvironments(name,
            platform.Environments
                .SelectMany(e => e.Components.Where(c => c.Name == name).Select(c => (e, c)))
                .ToList()));

    /// <summary>Header sources: the definition file of the component and the env files given.</summary>
    public IEnumerable<string> Sources(IEnumerable<EnvironmentRender> environments) =>
        Instances.Select(i => i.Component.Placed.Location.Path).Take(1).Concat(environments.Select(e => e.SourceFile));
}
