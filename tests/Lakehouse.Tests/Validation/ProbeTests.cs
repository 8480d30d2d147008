using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Rendering.Validation;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Validation;

/// <summary>
/// LH0012's probes, checked like its metrics: a component says where its probes are (values that switch
/// the chart's probes on, templates that always render them, the operator that sets them, or why there
/// are none), and a component whose probes are switched off does not render.
/// </summary>
public class ProbeTests
{
    private static IReadOnlyList<string> Problems(ComponentSpec spec)
    {
        var diagnostics = new List<Diagnostic>();
        SpecValidator.CheckProbes(spec, "x", "dev", SourceLocation.None, diagnostics);
        return diagnostics.Select(d => $"{d.Rule.Id}: {d.Message}").ToList();
    }

    [Fact]
    public void Every_component_of_every_environment_says_where_its_probes_are_and_they_are_on()
    {
        var specs = Render.Reference.Platform!.Environments.SelectMany(e => e.Components.Select(c => c.Spec)).ToList();
        Assert.NotEmpty(specs);
        Assert.Empty(specs.SelectMany(Problems));
        Assert.Contains(specs, s => s.Probes is ChartProbes);
        Assert.Contains(specs, s => s.Probes is ChartTemplateProbes);
    }

    [Theory]
    [InlineData("valkey", "livenessProbe", "enabled", "livenessProbe.enabled")]
    [InlineData("valkey", "readinessProbe", "enabled", "readinessProbe.enabled")]
    [InlineData("argocd", "server.livenessProbe", "enabled", "server.livenessProbe.enabled")]
    [InlineData("monitoring", "prometheusOperator.readinessProbe", "enabled", "prometheusOperator.readinessProbe.enabled")]
    [InlineData("object-storage", "master.livenessProbe", "enabled", "master.livenessProbe.enabled")]
    public void A_component_whose_probe_switch_is_off_fails_LH0012(string component, string parent, string key, string path)
    {
        var spec = Render.Spec(component == "object-storage" ? "staging" : "dev", component);
        var values = (JsonObject)spec.Values.DeepClone();
        var node = parent.Split('.').Aggregate((JsonNode)values, (n, p) => n[p]!);
        node[key] = false;
        Assert.Equal(
            [$"LH0012: component 'x' in environment 'dev' relies on the chart's probes, but value '{path}' is not on (true, or a probe that is not empty nor enabled: false)"],
            Problems(spec with { Values = values }));
    }

    [Theory]
    [InlineData("superset", "supersetNode", "livenessProbe", "supersetNode.livenessProbe")]
    [InlineData("object-storage", "tenant", "readiness", "tenant.readiness")]
    public void A_component_whose_probe_object_is_removed_fails_LH0012(string component, string parent, string key, string path)
    {
        var spec = Render.Spec("dev", component);
        var values = (JsonObject)spec.Values.DeepClone();
        values[parent]![key] = null;
        Assert.Contains($"value '{path}' is not on", Assert.Single(Problems(spec with { Values = values })));
    }

    [Fact]
    public void Claims_without_their_evidence_fail_LH0012()
    {
        var spec = Render.Spec("dev", "valkey");
        Assert.Contains("names no value", Assert.Single(Problems(spec with { Probes = new ChartProbes() })));
        Assert.Contains("names no chart template", Assert.Single(Problems(spec with { Probes = new ChartTemplateProbes(" ") })));
        Assert.Contains("names no operator", Assert.Single(Problems(spec with { Probes = new OperatorProbes("") })));
        Assert.Contains("gives no reason", Assert.Single(Problems(spec with { Probes = new NoProbes(" ") })));
        Assert.Contains("value 'probes.enabled' is not on", Assert.Single(Problems(spec with { Probes = new ChartProbes("probes.enabled") })));
    }

    [Fact]
    public void A_fixture_component_with_its_probes_switched_off_does_not_render()
    {
        var outcome = Lakehouse.Rendering.Pipeline.RenderPipeline.Render(
            new TestPlatform((p, _) => p.Add(new StubComponent("x") { ValueOverrides = new JsonObject { ["probes"] = new JsonObject { ["enabled"] = false } } })),
            Fixtures.ReferenceEnvironments.Take(1).ToList());
        Assert.Contains("error LH0012: component 'x' in environment 'dev' relies on the chart's probes, but value 'probes.enabled' is not on", Assert.Single(outcome.Diagnostics).ToString());
    }

    [Fact]
    public void Chart_templates_named_for_probes_render_both_probes()
    {
        var charts = Path.GetFullPath(Path.Combine(Paths.Upstream, "..", "charts"));
        Assert.SkipUnless(Directory.Exists(charts), $"chart archives '{charts}' are absent (../shared/charts)");
        var claims = Render.Reference.Platform!.Environments.SelectMany(e => e.Components)
            .Where(c => c.Spec.Probes is ChartTemplateProbes)
            .Select(c => (c.Spec.Chart, Templates: ((ChartTemplateProbes)c.Spec.Probes).Templates))
            .DistinctBy(c => (c.Chart.Name, c.Chart.Version))
            .ToList();
        Assert.NotEmpty(claims);
        var checkedTemplates = 0;
        foreach (var (chart, templates) in claims)
        {
            var archive = Path.Combine(charts, $"{chart.Name}-{chart.Version}.tgz");
            Assert.True(File.Exists(archive), $"chart archive {archive} is missing");
            var texts = ReadTemplates(archive, chart.Name);
            foreach (var template in templates)
            {
                Assert.True(texts.TryGetValue(template, out var text), $"{chart.Name} {chart.Version} has no {template}");
                Assert.Contains("livenessProbe:", text);
                Assert.Contains("readinessProbe:", text);
                checkedTemplates++;
            }
        }
        Assert.True(checkedTemplates >= 7, $"{checkedTemplates} templates checked");
    }

    [Fact]
    public void An_operator_named_for_probes_is_a_component_of_the_platform()
    {
        foreach (var environment in Render.Reference.Platform!.Environments)
        {
            var names = environment.Components.Select(c => c.Name).ToHashSet();
            foreach (var op in environment.Components.Select(c => c.Spec.Probes).OfType<OperatorProbes>())
            {
                Assert.Contains(op.Operator, names);
            }
        }
    }

    private static Dictionary<string, string> ReadTemplates(string archive, string chart)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is not null && entry.Name.StartsWith($"{chart}/templates/", StringComparison.Ordinal))
            {
                using var reader = new StreamReader(entry.DataStream);
                texts[entry.Name[(chart.Length + 1)..]] = reader.ReadToEnd();
            }
        }
        return texts;
    }

    [Fact]
    public void A_component_without_probes_carries_its_reason_on_its_application_for_reviewers()
    {
        var tree = Render.ReferenceTree;
        var application = tree.Files["gitops/prod/cluster/application-lakehouse-prod-minio-operator.yaml"];
        Assert.Contains("lakehouse.io/probes-exemption: MinIO Operator 7.1.1 defines no probes", application);
        // Components with probes carry no exemption.
        Assert.DoesNotContain("probes-exemption", tree.Files["gitops/prod/cluster/application-lakehouse-prod-trino.yaml"]);
    }
}
