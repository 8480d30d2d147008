using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Lakehouse.Generators.Tests;

/// <summary>An AdditionalFiles item with its MSBuild item metadata, as the compiler sees it.</summary>
internal sealed record InputFile(string Path, string Text, IReadOnlyDictionary<string, string> Metadata);

/// <summary>Runs the generator the way the compiler does, and compiles what it produced.</summary>
internal static class GeneratorHarness
{
    public static readonly ImmutableArray<MetadataReference> References =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f is "netstandard.dll" or "mscorlib.dll"))
            .Append(typeof(k8s.IKubernetesObject).Assembly.Location)
            // Generated custom resources write their own JSON (Lakehouse.Model.Kubernetes.IManifestJson).
            .Append(typeof(Lakehouse.Model.Kubernetes.IManifestJson).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();

    public static InputFile Chart(string path, string text, string chart, string version = "1.0.0") =>
        new(path, text, new Dictionary<string, string> { ["LakehouseChart"] = chart, ["LakehouseChartVersion"] = version });

    public static InputFile Crd(string path, string text) =>
        new(path, text, new Dictionary<string, string> { ["LakehouseCrd"] = "true" });

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create("Definitions",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest), path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(IEnumerable<InputFile> files) => Driver(files, out _);

    public static AdditionalText Text(InputFile file) => new InMemoryText(file.Path, file.Text);

    /// <summary>A driver over <paramref name="files"/>; <paramref name="texts"/> are the items, for later replacement.</summary>
    public static GeneratorDriver Driver(IEnumerable<InputFile> files, out ImmutableArray<AdditionalText> texts)
    {
        texts = files.Select(Text).ToImmutableArray();
        return CSharpGeneratorDriver.Create(
            [new LakehouseGenerator().AsSourceGenerator()],
            texts,
            new CSharpParseOptions(LanguageVersion.Latest),
            new MetadataOptions(files.ToDictionary(f => f.Path, f => f.Metadata)),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>Generates from <paramref name="files"/> and compiles user code with the output.</summary>
    public static Result Run(IEnumerable<InputFile> files, params string[] userSources)
    {
        var watch = Stopwatch.StartNew();
        var driver = Driver(files).RunGeneratorsAndUpdateCompilation(Compilation(userSources), out var output, out var generatorDiagnostics, TestContext.Current.CancellationToken);
        watch.Stop();
        var run = driver.GetRunResult();
        return new Result(run.GeneratedTrees.Select(t => t.ToString()).ToList(), generatorDiagnostics, output.GetDiagnostics(), watch.Elapsed);
    }

    internal sealed record Result(IReadOnlyList<string> Sources, ImmutableArray<Diagnostic> GeneratorDiagnostics, ImmutableArray<Diagnostic> CompilationDiagnostics, TimeSpan Elapsed)
    {
        public string Source => string.Join("\n", Sources);

        /// <summary>Errors and warnings of the compiled output (hidden and info diagnostics aside).</summary>
        public IReadOnlyList<Diagnostic> Problems =>
            CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class MetadataOptions(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> perFile) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            new Options(perFile.TryGetValue(textFile.Path, out var m)
                ? m.ToDictionary(p => "build_metadata.AdditionalFiles." + p.Key, p => p.Value)
                : new Dictionary<string, string>());

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
                values.TryGetValue(key, out value);
        }
    }
}
