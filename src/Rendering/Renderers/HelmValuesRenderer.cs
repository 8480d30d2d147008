using System.Text.Json.Nodes;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Tree;
using Lakehouse.Rendering.Yaml;

namespace Lakehouse.Rendering.Renderers;

/// <summary>
/// Helm values, split so a value common to every environment is written once (apps/APP/values.yaml)
/// and each environment's file (apps/APP/overlays/ENV/values.yaml) holds only its delta. Helm merges
/// the two in order, so the chart sees exactly the values the component described. Where env/ swapped
/// a backend, one component installs different charts in different environments: values are common only
/// among environments of the same chart, so the chart most environments install keeps values.yaml and
/// each other chart gets values-CHART.yaml.
/// </summary>
public sealed class HelmValuesRenderer : IRenderer
{
    public void Render(PlatformRender platform, GitOpsLayout layout, GitOpsTree tree)
    {
        Parallel.ForEach(ComponentAcrossEnvironments.Of(platform), component =>
        {
            var byChart = component.Instances
                // One chart at different versions (an environment's pick from the lock) shares its values files.
                .GroupBy(i => (i.Component.Spec.Chart.RepositoryUrl, i.Component.Spec.Chart.Name, i.Component.Spec.Chart.GitPath))
                .Select(g => g.ToList())
                // Most environments first; ties keep the order of the first environment (stable output).
                .OrderByDescending(g => g.Count)
                .ToList();
            for (var group = 0; group < byChart.Count; group++)
            {
                var instances = byChart[group];
                var common = JsonTrees.Common(instances.Select(i => i.Component.DefaultValues ?? i.Component.Spec.Values).ToList());
                var path = group == 0 ? layout.CommonValues(component.Name) : layout.CommonValues(component.Name, instances[0].Component.Spec.Chart.Name);
                tree.Add(path, YamlWriter.Write(common, Header.For(component.Sources(instances.Select(i => i.Environment)))));
                foreach (var (environment, instance) in instances)
                {
                    var delta = JsonTrees.Delta(instance.Spec.Values, common);
                    if (delta.Count > 0)
                    {
                        tree.Add(layout.EnvironmentValues(component.Name, environment.Name),
                            YamlWriter.Write(delta, Header.For(component.Sources([environment]))));
                    }
                }
            }
        });
    }

    /// <summary>The value files an environment's Application lists, in merge order.</summary>
    public static IReadOnlyList<string> ValueFiles(GitOpsLayout layout, GitOpsTree tree, string component, string environment, string chart)
    {
        var chartCommon = layout.CommonValues(component, chart);
        var files = new List<string> { tree.Contains(chartCommon) ? chartCommon : layout.CommonValues(component) };
        var delta = layout.EnvironmentValues(component, environment);
        if (tree.Contains(delta))
        {
            files.Add(delta);
        }
        return files;
    }
}
