using Lakehouse.Generators.Tests.Support;
using Lakehouse.Generators.Generation;
using Lakehouse.Rendering.Environments;
using Microsoft.CodeAnalysis;
using RenderDiagnostic = Lakehouse.Model.Diagnostics.Diagnostic;

namespace Lakehouse.Generators.Tests.Differential;

/// <summary>
/// The compiler's env check and the render's env loader judge every file of <see cref="EnvironmentCorpus"/>
/// alike: the same verdict, and each finding at the same line and column in the same family of rules,
/// which is also the one the case expects.
/// </summary>
public class EnvironmentDifferentialTests
{
    private static readonly string SchemaText = File.ReadAllText(Path.Combine(Golden.RepositoryRoot, "env", EnvironmentSchema.FileName));

    public static TheoryData<string> Names() => [.. EnvironmentCorpus.All.Select(c => c.Name)];

    private static CorpusCase Get(string name) => EnvironmentCorpus.All.Single(c => c.Name == name);

    internal static Family FamilyOf(string id) => id switch
    {
        // The compiler reports every YAML-level refusal (syntax, limits, text, documents, tags, keys) as LH1205.
        "LH1205" or "LH0009" or "LH0030" or "LH0032" or "LH0034" or "LH0035" or "LH0036" => Family.Yaml,
        "LH1201" or "LH0004" => Family.UnknownKey,
        "LH1202" or "LH0005" or "LH0003" => Family.Value,
        "LH1203" or "LH0001" => Family.Ip,
        "LH1204" or "LH0002" => Family.Secret,
        "LH1206" or "LH0040" => Family.Leftover,
        _ => throw new InvalidOperationException($"{id} is in no family of the env-file rules"),
    };

    private static SortedSet<string> Compiler(CorpusCase c) =>
        Set(EnvironmentChecker.Check(new EnvironmentInput("env/dev.yaml", c.Text, SchemaText)).Diagnostics.Items.Select(d => (d.Line, d.Column, FamilyOf(d.Id))));

    private static SortedSet<string> Render(CorpusCase c, out List<RenderDiagnostic> diagnostics)
    {
        diagnostics = [];
        EnvironmentLoader.Load("env/dev.yaml", c.Text, diagnostics);
        return Set(diagnostics.Select(d => (d.Location.Line, d.Location.Column, FamilyOf(d.Rule.Id))));
    }

    private static SortedSet<string> Set(IEnumerable<(int Line, int Column, Family Family)> findings) =>
        new(findings.Select(f => $"({f.Line},{f.Column}) {f.Family}"), StringComparer.Ordinal);

    [Fact]
    public void The_corpus_has_at_least_sixty_cases_valid_and_invalid_with_unique_names()
    {
        Assert.True(EnvironmentCorpus.All.Count >= 60, $"{EnvironmentCorpus.All.Count} cases");
        Assert.True(EnvironmentCorpus.All.Count(c => c.Findings.Count == 0) >= 15);
        Assert.True(EnvironmentCorpus.All.Count(c => c.Findings.Count > 0) >= 60);
        Assert.Equal(EnvironmentCorpus.All.Count, EnvironmentCorpus.All.Select(c => c.Name).Distinct().Count());
        Assert.All(Enum.GetValues<Family>(), f => Assert.Contains(EnvironmentCorpus.All, c => c.Findings.Any(e => e.Family == f)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Compiler_and_render_agree_with_each_other_and_with_the_case(string name)
    {
        var c = Get(name);
        var expected = Set(c.Findings.Select(e => c.Locate(e) is var (line, column) ? (line, column, e.Family) : default));
        var render = Render(c, out var diagnostics);
        var compiler = Compiler(c);
        Assert.True(expected.SetEquals(render) && expected.SetEquals(compiler),
            $"{name}\nexpected: {string.Join("; ", expected)}\nrender:   {string.Join("; ", render)}\ncompiler: {string.Join("; ", compiler)}\n" +
            string.Join("\n", diagnostics) + "\n" +
            string.Join("\n", EnvironmentChecker.Check(new EnvironmentInput("env/dev.yaml", c.Text, SchemaText)).Diagnostics.Items.Select(d => $"({d.Line},{d.Column}) {d.Id}: {d.Argument0}")));
    }

    [Fact]
    public void The_generator_reports_the_checker_s_findings_at_their_positions()
    {
        // The whole corpus through the generator as the compiler runs it: same positions as the checker.
        var files = EnvironmentCorpus.All.Select((c, i) => new InputFile($"/repo/env/case{i}.yaml", c.Text, new Dictionary<string, string> { ["LakehouseEnvironment"] = "true" }))
            .Append(new InputFile("/repo/env/environment.schema.json", SchemaText, new Dictionary<string, string> { ["LakehouseEnvironmentSchema"] = "true" }))
            .ToList();
        var result = GeneratorHarness.Run(files);
        for (var i = 0; i < EnvironmentCorpus.All.Count; i++)
        {
            var c = EnvironmentCorpus.All[i];
            var reported = Set(result.GeneratorDiagnostics
                .Where(d => d.Location.GetLineSpan().Path == $"/repo/env/case{i}.yaml" && d.Id != "LH1207")
                .Select(d => (d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Location.GetLineSpan().StartLinePosition.Character + 1, FamilyOf(d.Id))));
            Assert.True(Compiler(c).SetEquals(reported), $"{c.Name}: {string.Join("; ", reported)}");
        }
    }
}
