using Lakehouse.Model;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Versions;
using Lakehouse.Rendering.Environments;
using Lakehouse.Rendering.Renderers;
using Lakehouse.Rendering.Tree;

namespace Lakehouse.Rendering.Pipeline;

/// <summary>
/// The outcome of a render: the complete tree, or the diagnostics that stopped it. <see cref="Platform"/> lists the
/// evaluated environments unless the render streamed them (<see cref="RenderPipeline.Render(IPlatformDefinition, IReadOnlyList{EnvironmentConfig}, GitOpsLayout?, ChartLock?, bool)"/>).
/// </summary>
public sealed record RenderOutcome(GitOpsTree? Tree, IReadOnlyList<Diagnostic> Diagnostics, PlatformRender? Platform)
{
    public bool Succeeded => Tree is not null && Diagnostics.Count == 0;

    /// <summary>The rendered environments' names, in the order of the env files.</summary>
    public IReadOnlyList<string> EnvironmentNames { get; init; } = [];
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
    public static RenderOutcome Render(IPlatformDefinition definition, string root, GitOpsLayout? layout = null, bool keepPlatform = true)
    {
        var diagnostics = new List<Diagnostic>();
        var chartLock = ChartLock.Load(root, diagnostics);
        var environments = EnvironmentLoader.LoadAll(root, diagnostics, chartLock);
        return diagnostics.Count > 0
            ? new RenderOutcome(null, diagnostics, null)
            : Render(definition, environments, layout, chartLock, keepPlatform);
    }

    /// <summary>
    /// Renders already-loaded environments (tests and benchmarks build them in memory); chart versions come
    /// from <paramref name="chartLock"/>, else from <see cref="Locked.Default"/>.
    /// <para>
    /// <c>keepPlatform: false</c>: each environment is rendered as soon as it is evaluated and its objects are let go
    /// (the outcome's <see cref="RenderOutcome.Platform"/> then lists no environment). Every file belongs to one
    /// environment (docs/decisions.md, "Tree layout"), so the tree is the same either way (RenderStreamingTests); what
    /// changes is the memory: one or two environments' objects alive at a time instead of all of them.
    /// </para>
    /// </summary>
    public static RenderOutcome Render(IPlatformDefinition definition, IReadOnlyList<EnvironmentConfig> environments, GitOpsLayout? layout = null, ChartLock? chartLock = null,
        bool keepPlatform = true)
    {
        var diagnostics = new List<Diagnostic>();
        layout ??= new GitOpsLayout();
        var tree = new GitOpsTree();
        var platform = keepPlatform
            ? PlatformEvaluator.Evaluate(definition, environments, diagnostics, chartLock)
            : PlatformEvaluator.Evaluate(definition, environments, diagnostics, chartLock, environment => RenderInto(new PlatformRender(definition.Name, [environment]), layout, tree));
        if (platform is null)
        {
            return new RenderOutcome(null, diagnostics, null);
        }
        tree.Add(GitOpsLayout.EnvironmentSchemaFile, EnvironmentSchema.ToText());
        if (keepPlatform)
        {
            RenderInto(platform, layout, tree);
        }
        return new RenderOutcome(tree, diagnostics, platform) { EnvironmentNames = [.. environments.Select(e => e.Name)] };
    }

    /// <summary>Every renderer over <paramref name="platform"/>'s environments, into <paramref name="tree"/>.</summary>
    public static void RenderInto(PlatformRender platform, GitOpsLayout layout, GitOpsTree tree)
    {
        foreach (var renderer in Renderers)
        {
            renderer.Render(platform, layout, tree);
        }
    }
}
