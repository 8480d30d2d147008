using System.Text.Json.Nodes;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Tree;
using Lakehouse.Rendering.Yaml;

namespace Lakehouse.Rendering.Renderers;

/// <summary>
/// Helm values, split so a value common to every environment is written once (apps/APP/values.yaml)
/// and each environment's file (apps/APP/overlays/ENV/values.yaml) holds only its delta. Helm merges
/// the two in order, so the chart sees exactly the values the component described.
/// </summary>
public sealed class HelmValuesRenderer : IRenderer
{
    public void Render(PlatformRender platform, GitOpsLayout layout, GitOpsTree tree)
    {
        Parallel.ForEach(ComponentAcrossEnvironments.Of(platform), component =>
        {
            var all = component.Instances.Select(i => i.Component.Spec.Values).ToList();
            var common = JsonTrees.Common(all);
            tree.Add(layout.CommonValues(component.Name),
                YamlWriter.Write(common, Header.For(component.Sources(component.Instances.Select(i => i.Environment)))));
            foreach (var (environment, instance) in component.Instances)
            {
                var delta = JsonTrees.Delta(instance.Spec.Values, common);
                if (delta.Count > 0)
                {
                    tree.Add(layout.EnvironmentValues(component.Name, environment.Name),
                        YamlWriter.Write(delta, Header.For(component.Sources([environment]))));
                }
            }
        });
    }

    /// <summary>The value files an environment's Application lists, in merge order.</summary>
    public static IReadOnlyList<string> ValueFiles(GitOpsLayout layout, GitOpsTree tree, string component, string environment)
    {
        var files = new List<string> { layout.CommonValues(component) };
        var delta = layout.EnvironmentValues(component, environment);
        if (tree.Contains(delta))
        {
            files.Add(delta);
        }
        return files;
    }
}
