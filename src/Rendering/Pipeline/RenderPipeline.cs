using Lakehouse.Model;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Versions;
using Lakehouse.Rendering.Environments;
using Lakehouse.Rendering.Renderers;
using Lakehouse.Rendering.Tree;

namespace Lakehouse.Rendering.Pipeline;

/// <summary>The outcome of a render: the complete tree, or the diagnostics that stopped it.</summary>
public sealed record RenderOutcome(GitOpsTree? Tree, IReadOnlyList<Diagnostic> Diagnostics, PlatformRender? Platform)
{
    public bool Succeeded => Tree is not null && Diagnostics.Count == 0;
}

/// <summary>
/// definitions -> model -> validation -> renderers -> one tree, in memory. Hermetic: it reads the
/// chart lock and the env files and runs the definitions, nothing else (no clock, network, kube context or randomness).
/// </summary>
public static class RenderPipeline
{
    /// <summary>Renderers, each writing its own files of every environment (the tree is sorted, so their order never shows).</summary>
    public static IReadOnlyList<IRenderer> Renderers { get; } =
        [new HelmValuesRenderer(), new KustomizeRenderer(), new ApplicationRenderer(), new ProjectRenderer(), new BootstrapRenderer(), new WorkspaceRenderer(), new Review.Graph.GraphRenderer(), new Secrets.SecretsDocument()];

    /// <summary>Renders from the chart lock and the env files under <paramref name="root"/>.</summary>
    public static RenderOutcome Render(IPlatformDefinition definition, string root, GitOpsLayout? layout = null)
    {
        var diagnostics = new List<Diagnostic>();
        var chartLock = ChartLock.Load(root, diagnostics);
        var environments = EnvironmentLoader.LoadAll(root, diagnostics, chartLock);
        return diagnostics.Count > 0
            ? new RenderOutcome(null, diagnostics, null)
            : Render(definition, environments, layout, chartLock);
    }

    /// <summary>
    /// Renders already-loaded environments (tests and benchmarks build them in memory); chart versions come
    /// from <paramref name="chartLock"/>, else from <see cref="Locked.Default"/>.
    /// </summary>
    public static RenderOutcome Render(IPlatformDefinition definition, IReadOnlyList<EnvironmentConfig> environments, GitOpsLayout? layout = null, ChartLock? chartLock = null)
    {
        var diagnostics = new List<Diagnostic>();
        var platform = PlatformEvaluator.Evaluate(definition, environments, diagnostics, chartLock);
        if (platform is null)
        {
            return new RenderOutcome(null, diagnostics, null);
        }
        layout ??= new GitOpsLayout();
        var tree = new GitOpsTree();
        tree.Add(GitOpsLayout.EnvironmentSchemaFile, EnvironmentSchema.ToText());
        foreach (var renderer in Renderers)
        {
            renderer.Render(platform, layout, tree);
        }
        return new RenderOutcome(tree, diagnostics, platform);
    }
}
