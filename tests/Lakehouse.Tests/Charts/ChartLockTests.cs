using System.Text.RegularExpressions;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Versions;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Charts;

/// <summary>charts.lock.yaml: its rules, and that it is the only place a chart version or default image tag is written.</summary>
public class ChartLockTests
{
    private const string Valid = """
        lockVersion: 1
        charts:
          trino:
            repository: https://trinodb.github.io/charts/
            version: 1.42.2
            locked:
              1.42.2: sha256:deb1e82e12f76c396e8182ff3f9f9f1db7d1f5474b2aa1c674814b6fb2b0d080
          marquez:
            git: https://github.com/MarquezProject/marquez.git
            path: chart
            version: 0.51.1
            locked:
              0.51.1: unverified
        images:
          trino: trinodb/trino:480
        """;

    private static List<Diagnostic> Parse(string text)
    {
        var diagnostics = new List<Diagnostic>();
        ChartLock.Parse(ChartLock.FileName, text, diagnostics);
        return diagnostics;
    }

    [Fact]
    public void A_valid_lock_reads_charts_versions_digests_and_images()
    {
        var diagnostics = new List<Diagnostic>();
        var chartLock = ChartLock.Parse(ChartLock.FileName, Valid, diagnostics)!;
        Assert.Empty(diagnostics);
        Assert.Equal(new Lakehouse.Model.HelmChart("https://trinodb.github.io/charts/", "trino", "1.42.2"), new VersionSelection(chartLock).Chart("trino"));
        Assert.Equal(Lakehouse.Model.HelmChart.FromGit("https://github.com/MarquezProject/marquez.git", "chart", "marquez", "0.51.1"), new VersionSelection(chartLock).Chart("marquez"));
        Assert.Null(chartLock.Charts["marquez"].Versions[0].Digest);
        Assert.Equal("trinodb/trino:481", new VersionSelection(chartLock, images: new Dictionary<string, string> { ["trino"] = "481" }).Image("trino").ToString());
    }

    [Theory]
    [InlineData("    version: 1.42.2\n", "    version: 1.43.0\n", "charts.lock.yaml(5,14): error LH0070: charts.trino.version: '1.43.0' is not locked")]
    [InlineData("      1.42.2: sha256:deb1", "      1.42.2: md5:deb1", "charts.lock.yaml(7,15): error LH0070: charts.trino.locked.1.42.2: 'md5:deb1")]
    [InlineData("      1.42.2: sha", "      1.x: sha", "charts.lock.yaml(7,7): error LH0070: charts.trino.locked: '1.x' is not an exact version")]
    [InlineData("https://trinodb.github.io/charts/", "http://trinodb.github.io/charts/", "charts.lock.yaml(4,17): error LH0070: charts.trino.repository: 'http://trinodb.github.io/charts/' must be an https:// URL")]
    [InlineData("    path: chart\n", "", "charts.lock.yaml(8,3): error LH0070: charts.marquez: a Git chart needs the clone URL ending in .git and 'path'")]
    [InlineData("    repository: https://trinodb.github.io/charts/\n", "", "charts.lock.yaml(3,3): error LH0070: charts.trino: give either 'repository'")]
    [InlineData("  trino: trinodb/trino:480", "  trino: trinodb/trino:latest", "charts.lock.yaml(15,10): error LH0011: images.trino: 'trinodb/trino:latest' is not pinned")]
    [InlineData("  trino: trinodb/trino:480", "  trino: trinodb/trino", "charts.lock.yaml(15,10): error LH0070: images.trino: 'trinodb/trino' must be repository:tag")]
    [InlineData("lockVersion: 1", "lockVersion: 2", "charts.lock.yaml(1,14): error LH0070: lockVersion '2' is not supported")]
    [InlineData("images:", "imagez:", "charts.lock.yaml(14,1): error LH0070: unknown key 'imagez'")]
    public void Each_rule_of_the_lock_is_an_error_at_its_line(string find, string replace, string expected)
    {
        Assert.Contains(find, Valid);
        var diagnostics = Parse(Valid.Replace(find, replace));
        Assert.Contains(diagnostics, d => d.ToString().StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_repository_without_a_lock_fails_the_render_saying_what_the_lock_is()
    {
        var diagnostics = new List<Diagnostic>();
        Assert.Null(ChartLock.Load(Path.GetTempPath(), diagnostics));
        Assert.StartsWith("charts.lock.yaml: error LH0070: no charts.lock.yaml in the repository root", Assert.Single(diagnostics).ToString());
    }

    [Fact]
    public void Every_chart_and_image_the_library_looks_up_is_in_the_repository_lock()
    {
        var chartLock = RepositoryLockFile();
        var (charts, images) = LookUps();
        Assert.NotEmpty(charts);
        Assert.All(charts, c => Assert.True(chartLock.Charts.ContainsKey(c), $"chart '{c}' is looked up but not locked"));
        Assert.All(images, i => Assert.True(chartLock.Images.ContainsKey(i), $"image '{i}' is looked up but not locked"));
        // And the lock holds nothing the library no longer uses.
        Assert.Equal(charts.Order(StringComparer.Ordinal), chartLock.Charts.Keys);
        Assert.Equal(images.Order(StringComparer.Ordinal), chartLock.Images.Keys);
    }

    [Fact]
    public void The_lock_is_the_only_place_a_chart_version_or_default_image_tag_is_written()
    {
        var library = Directory.GetFiles(Path.Combine(Paths.RepositoryRoot, "src", "Model"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path: Path.GetRelativePath(Paths.RepositoryRoot, f), Text: File.ReadAllText(f)))
            .ToList();
        // No chart built from literals, no image constructed with a literal tag.
        Assert.DoesNotContain(library, f => Regex.IsMatch(f.Text, @"new\s*\(\s*""https://[^""]+""\s*,\s*""[a-z-]+""\s*,\s*""\d") || f.Text.Contains("HelmChart.FromGit(\"", StringComparison.Ordinal));
        Assert.DoesNotContain(library, f => Regex.IsMatch(f.Text, @"ContainerImage\s+\w+\s*=\s*new\s*\(\s*""[^""]+""\s*,\s*""[^""]+""\s*\)"));
        // Nor in the definitions project's metadata.
        foreach (var project in Directory.GetFiles(Path.Combine(Paths.RepositoryRoot, "definitions"), "*.csproj"))
        {
            Assert.DoesNotContain("LakehouseChartVersion", File.ReadAllText(project));
        }
        // Every locked default version appears in the library nowhere as a chart version.
        var chartLock = RepositoryLockFile();
        foreach (var chart in chartLock.Charts.Values)
        {
            Assert.DoesNotContain(library, f => f.Text.Contains($"\"{chart.Name}\", \"{chart.Version}\"", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_chart_rule_is_documented_with_an_example()
    {
        var docs = File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "docs", "diagnostics.md"));
        var rules = Rules.All.Where(r => string.CompareOrdinal(r.Id, "LH0070") >= 0 && string.CompareOrdinal(r.Id, "LH0079") <= 0).ToList();
        Assert.Equal(7, rules.Count);
        Assert.All(rules, r => Assert.Matches($@"### {r.Id}\n\*\*{Regex.Escape(r.Title)}\*\*[\s\S]*?\n```\n.*(error|warning) {r.Id}: ", docs));
    }

    private static ChartLock RepositoryLockFile()
    {
        var diagnostics = new List<Diagnostic>();
        var chartLock = ChartLock.Load(Paths.RepositoryRoot, diagnostics);
        Assert.True(chartLock is not null, string.Join("\n", diagnostics));
        return chartLock;
    }

    private static (List<string> Charts, List<string> Images) LookUps()
    {
        // The library's look-ups: src/Model, and the components in src/Catalogue.
        var text = string.Join("\n", new[] { "Model", "Catalogue" }
            .SelectMany(project => Directory.GetFiles(Path.Combine(Paths.RepositoryRoot, "src", project), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        return (Regex.Matches(text, @"Locked\.Chart\(""([^""]+)""\)").Select(m => m.Groups[1].Value).Distinct().ToList(),
                Regex.Matches(text, @"Locked\.Image\(""([^""]+)""\)").Select(m => m.Groups[1].Value).Distinct().ToList());
    }
}
