using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Lakehouse.Generators.Tests;

/// <summary>
/// The pipeline is incremental for real: after an edit to an unrelated source file, every tracked step
/// is Cached or Unchanged, so nothing is parsed or emitted again.
/// </summary>
public class IncrementalTests
{
    private static readonly InputFile Schema = GeneratorHarness.Chart("charts/demo/values.schema.json",
        """{"type":"object","properties":{"replicas":{"type":"integer"},"image":{"type":"object","properties":{"tag":{"type":"string"}}}}}""", "demo");

    private static readonly InputFile Crd = GeneratorHarness.Crd("crds/widgets.yaml", """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: { name: widgets.example.com }
        spec:
          group: example.com
          names: { kind: Widget, plural: widgets }
          scope: Namespaced
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec: { type: object, properties: { size: { type: integer } } }
        """);

    [Theory]
    [InlineData(TrackingNames.Inputs)]
    [InlineData(TrackingNames.Units)]
    [InlineData(TrackingNames.Sources)]
    [InlineData(TrackingNames.Diagnostics)]
    public void An_unrelated_edit_leaves_every_step_cached_or_unchanged(string step)
    {
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.Driver([Schema, Crd]).RunGenerators(compilation, TestContext.Current.CancellationToken);
        var first = driver.GetRunResult().Results.Single();
        Assert.Equal(2, first.GeneratedSources.Length);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { }", new CSharpParseOptions(LanguageVersion.Latest), cancellationToken: TestContext.Current.CancellationToken));
        var second = driver.RunGenerators(edited, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        var outputs = second.TrackedSteps.TryGetValue(step, out var steps)
            ? steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToList()
            : second.TrackedOutputSteps.GetValueOrDefault(step, []).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.All(outputs, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        if (step != TrackingNames.Diagnostics)
        {
            Assert.NotEmpty(outputs);
        }
    }

    [Fact]
    public void Editing_one_input_regenerates_only_that_input()
    {
        var token = TestContext.Current.CancellationToken;
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.Driver([Schema, Crd], out var texts).RunGenerators(compilation, token);
        var changed = GeneratorHarness.Text(Schema with { Text = Schema.Text.Replace("replicas", "instances") });
        var result = driver.ReplaceAdditionalText(texts[0], changed).RunGenerators(compilation, token).GetRunResult().Results.Single();
        var reasons = result.TrackedSteps[TrackingNames.Units].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
        Assert.Contains(reasons, r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
    }
}
