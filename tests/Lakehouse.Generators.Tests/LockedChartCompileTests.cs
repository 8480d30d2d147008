using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Lakehouse.ChartRestore;
using Lakehouse.Generators.Tests.Support;

using Lakehouse.Model.Versions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Lakehouse.Generators.Tests;

/// <summary>
/// The catalogue's chart values are typed by the chart version the lock names: point the lock at a version of
/// the trino chart from which a key the catalogue sets was removed, restore it the way the build does (from a
/// mirror, digest checked), generate from what was restored, compile the catalogue's own sources, and the
/// compiler stops at the component's line that sets the key.
/// </summary>
public class LockedChartCompileTests
{
    private const string Chart = "trino";

    [Fact]
    public async Task A_key_removed_from_the_locked_chart_version_is_a_compile_error_at_the_component_line()
    {
        var root = Golden.RepositoryRoot;
        var realLock = ChartLock.Load(root, new List<Lakehouse.Model.Diagnostics.Diagnostic>()) ?? throw new InvalidOperationException("charts.lock.yaml does not load");
        var realCache = ChartCache.FromEnvironment();
        var version = realLock.Charts[Chart].Version;
        var restored = realCache.ChartFolder(Chart, version);
        Assert.True(Directory.Exists(restored), $"{restored}: the build restores every locked chart before compiling; build once first");

        var work = Directory.CreateTempSubdirectory("lakehouse-locked-chart-");
        try
        {
            // A fixture version of the chart: the same files, with server.workers gone from values.yaml.
            var fixtureVersion = version + "-fixture.1";
            var chartFolder = Path.Combine(work.FullName, "src", Chart);
            CopyFolder(restored, chartFolder);
            var values = File.ReadAllText(Path.Combine(chartFolder, "values.yaml"));
            var withoutWorkers = RemoveKey(values, "server:", "  workers:");
            File.WriteAllText(Path.Combine(chartFolder, "values.yaml"), withoutWorkers);
            var chartYaml = Path.Combine(chartFolder, "Chart.yaml");
            File.WriteAllText(chartYaml, File.ReadAllText(chartYaml).Replace($"version: {version}", $"version: {fixtureVersion}", StringComparison.Ordinal));

            // A mirror serving it, and a repository whose lock points at it (with its digest).
            var mirror = Directory.CreateDirectory(Path.Combine(work.FullName, "mirror")).FullName;
            var archive = Pack(chartFolder, Chart);
            File.WriteAllBytes(Path.Combine(mirror, $"{Chart}-{fixtureVersion}.tgz"), archive);
            File.WriteAllText(Path.Combine(mirror, "index.yaml"),
                $"apiVersion: v1\nentries:\n  {Chart}:\n  - name: {Chart}\n    version: {fixtureVersion}\n    urls:\n    - {Chart}-{fixtureVersion}.tgz\n");
            var repository = Directory.CreateDirectory(Path.Combine(work.FullName, "repository")).FullName;
            File.WriteAllText(Path.Combine(repository, ChartLock.FileName), FixtureLock(File.ReadAllText(Path.Combine(root, ChartLock.FileName)), realLock.Charts[Chart], fixtureVersion, ContentDigest.OfArchive(archive)));

            var cache = Path.Combine(work.FullName, "cache");
            var list = Path.Combine(work.FullName, "charts.list");
            var output = new StringWriter();
            var code = await ChartRestoreCommand.RunAsync(["restore", "--root", repository, "--cache", cache, "--mirror", mirror, "--chart-list", list], output);
            Assert.True(code == 0, output.ToString());
            var restoredFixture = File.ReadAllLines(list).Single().Split('|');
            Assert.Equal([Chart, fixtureVersion], restoredFixture[..2]);

            // The catalogue compiles against the chart as locked...
            var inputs = CatalogueInputs(realLock, realCache);
            Assert.Empty(Errors(inputs));

            // ...and not against the fixture version: the error is at the line of Trino.cs that sets workers.
            var fixtureValues = Path.Combine(restoredFixture[2], "values.yaml");
            var fixtureInputs = inputs.Where(i => i.Metadata["LakehouseChart"] != Chart)
                .Append(Values(fixtureValues, Chart, fixtureVersion)).ToList();
            var errors = Errors(fixtureInputs);
            var trino = Path.Combine(root, "src", "Catalogue", "Components", "Trino.cs");
            var workersLine = Array.FindIndex(File.ReadAllLines(trino), l => l.Contains("Workers = config.Workers", StringComparison.Ordinal)) + 1;
            var error = Assert.Single(errors);
            Assert.Equal("CS0117", error.Id);
            var span = error.Location.GetLineSpan();
            Assert.Equal(trino, span.Path);
            Assert.Equal(workersLine, span.StartLinePosition.Line + 1);
            Assert.Contains("Workers", error.GetMessage(), StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The generator's inputs as build/Lakehouse.ChartTypes.targets gives them: each locked chart's schema, else values.yaml.</summary>
    private static List<InputFile> CatalogueInputs(ChartLock chartLock, ChartCache cache) =>
        chartLock.Charts.Values
            .Where(c => cache.CompleteDigest(c.Name, c.Version) is not null)
            .Select(c =>
            {
                var folder = cache.ChartFolder(c.Name, c.Version);
                var schema = Path.Combine(folder, "values.schema.json");
                return Values(File.Exists(schema) ? schema : Path.Combine(folder, "values.yaml"), c.Name, c.Version);
            })
            .Concat(CrdInputs(chartLock, cache))
            .ToList();

    private static IEnumerable<InputFile> CrdInputs(ChartLock chartLock, ChartCache cache)
    {
        var project = System.Xml.Linq.XDocument.Load(Path.Combine(Golden.RepositoryRoot, "src", "Catalogue", "Lakehouse.Catalogue.csproj"));
        foreach (var crd in project.Descendants("LakehouseChartCrd"))
        {
            var chart = chartLock.Charts[(string)crd.Attribute("Include")!];
            var path = Path.Combine(cache.ChartFolder(chart.Name, chart.Version), (string)crd.Attribute("File")!);
            yield return new InputFile(path, File.ReadAllText(path), new Dictionary<string, string>
            {
                ["LakehouseCrd"] = "true",
                ["LakehouseChart"] = "",
                ["LakehouseNamespace"] = "Lakehouse.Catalogue.CustomResources",
            });
        }
    }

    private static InputFile Values(string path, string chart, string version) =>
        new(path, File.ReadAllText(path), new Dictionary<string, string>
        {
            ["LakehouseChart"] = chart,
            ["LakehouseChartVersion"] = version,
            ["LakehouseNamespace"] = "Lakehouse.Catalogue.Charts",
        });

    /// <summary>Compiles src/Catalogue's sources with the generator's output from <paramref name="inputs"/>; the errors.</summary>
    private static List<Diagnostic> Errors(IReadOnlyList<InputFile> inputs)
    {
        var folder = Path.Combine(Golden.RepositoryRoot, "src", "Catalogue");
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var sources = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), parse, path: p))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, parse, path: "GlobalUsings.cs"));
        // The framework, and the catalogue's own references; not the test host's copies of this repository's assemblies.
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => !Path.GetFileName(p).StartsWith("Lakehouse.", StringComparison.Ordinal))
            .Append(typeof(Lakehouse.Model.Component).Assembly.Location)
            .Append(typeof(k8s.IKubernetesObject).Assembly.Location)
            .Append(typeof(YamlDotNet.RepresentationModel.YamlNode).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("Lakehouse.Catalogue", sources, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorHarness.Driver(inputs).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _, TestContext.Current.CancellationToken);
        return output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }

    private const string ImplicitUsings =
        "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\nglobal using System.Net.Http;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";

    /// <summary>The lock with only <paramref name="chart"/>'s entry, at the fixture version (images as they are).</summary>
    private static string FixtureLock(string lockText, LockedChart chart, string version, string digest)
    {
        var lines = lockText.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var chartsAt = Array.IndexOf(lines, "charts:");
        var imagesAt = Array.IndexOf(lines, "images:");
        var source = chart.GitPath is null ? $"    repository: {chart.Source}" : $"    git: {chart.Source}\n    path: {chart.GitPath}";
        var entry = $"  {chart.Name}:\n{source}\n    version: {version}\n    locked:\n      {version}: {digest}";
        return string.Join("\n", lines[..(chartsAt + 1)]) + "\n" + entry + "\n" + string.Join("\n", lines[imagesAt..]);
    }

    /// <summary>Removes the key <paramref name="key"/> (and its value lines) from the top-level block <paramref name="block"/>.</summary>
    private static string RemoveKey(string values, string block, string key)
    {
        var lines = values.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var blockAt = lines.IndexOf(block);
        var keyAt = lines.FindIndex(blockAt + 1, l => l.StartsWith(key, StringComparison.Ordinal));
        Assert.True(blockAt >= 0 && keyAt > blockAt, $"the chart's values.yaml has no {block} {key.Trim()}");
        lines.RemoveAt(keyAt);
        var removed = string.Join("\n", lines);
        Assert.NotEqual(values.Replace("\r\n", "\n", StringComparison.Ordinal), removed);
        return removed;
    }

    private static byte[] Pack(string folder, string name)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var entryName = name + "/" + Path.GetRelativePath(folder, file).Replace('\\', '/');
                tar.WriteEntry(file, entryName);
            }
        }
        return buffer.ToArray();
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
