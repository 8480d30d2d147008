using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Tree;
using Lakehouse.Rendering.Yaml;

namespace Lakehouse.Rendering.Renderers;

/// <summary>
/// Helm values: one complete file per component and environment (ENV/apps/APP/values.yaml), nothing
/// factored into a file other environments share, so an environment's change (a size, a key, a backend, an
/// image or chart pick) is a change of that environment's file only (<see cref="GitOpsLayout"/>).
/// </summary>
public sealed class HelmValuesRenderer : IRenderer
{
    public void Render(PlatformRender platform, GitOpsLayout layout, GitOpsTree tree)
    {
        Parallel.ForEach(ComponentInEnvironment.All(platform), item =>
        {
            var (environment, component) = item;
            tree.Add(layout.Values(component.Name, environment.Name), YamlWriter.WriteUtf8(component.Spec.Values, Header.For(component, environment)));
        });
    }
}
