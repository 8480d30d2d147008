using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Tree;

namespace Lakehouse.Rendering.Renderers;

/// <summary>Renders one kind of output into the in-memory tree. Renderers read the evaluated platform only.</summary>
public interface IRenderer
{
    void Render(PlatformRender platform, GitOpsLayout layout, GitOpsTree tree);
}

/// <summary>Every component of every environment: the unit each environment's files are rendered from, on its own.</summary>
internal static class ComponentInEnvironment
{
    public static IEnumerable<(EnvironmentRender Environment, ComponentRender Component)> All(PlatformRender platform) =>
        platform.Environments.SelectMany(e => e.Components.Select(c => (e, c)));
}
