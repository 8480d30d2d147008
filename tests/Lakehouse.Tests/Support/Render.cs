using Lakehouse.Definitions;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Rendering.Environments;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Tree;

namespace Lakehouse.Tests.Support;

/// <summary>Renders the reference platform and fixtures in memory.</summary>
internal static class Render
{
    private static readonly Lazy<RenderOutcome> ReferenceOutcome = new(() =>
    {
        var outcome = RenderPipeline.Render(new LakehousePlatform(), Paths.RepositoryRoot);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        return outcome;
    });

    /// <summary>The reference platform (definitions/ with env/*.yaml) rendered in memory.</summary>
    public static RenderOutcome Reference => ReferenceOutcome.Value;

    public static GitOpsTree ReferenceTree => Reference.Tree!;

    /// <summary>What a component of the reference platform describes in one environment.</summary>
    public static Lakehouse.Model.ComponentSpec Spec(string environment, string component) =>
        Reference.Platform!.Environments.Single(e => e.Name == environment).Components.Single(c => c.Name == component).Spec;

    /// <summary>Loads an environment from YAML text, failing the test on any diagnostic.</summary>
    public static EnvironmentConfig Environment(string name, string yaml)
    {
        var diagnostics = new List<Diagnostic>();
        var config = EnvironmentLoader.Load($"env/{name}.yaml", yaml, diagnostics);
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
        return config!;
    }

    /// <summary>The committed env file's text.</summary>
    public static string EnvironmentText(string name) => File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "env", $"{name}.yaml"));

    /// <summary>Loads an environment and reports its diagnostics.</summary>
    public static IReadOnlyList<Diagnostic> EnvironmentDiagnostics(string name, string yaml)
    {
        var diagnostics = new List<Diagnostic>();
        EnvironmentLoader.Load($"env/{name}.yaml", yaml, diagnostics);
        return diagnostics;
    }
}
