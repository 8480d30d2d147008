using BenchmarkDotNet.Attributes;
using Lakehouse.Generators.Generation;

namespace Lakehouse.Benchmarks;

/// <summary>
/// Generating typed values from the Airflow chart's 743 KB values.schema.json, and typed custom
/// resources from the 1.4 MB ApplicationSet CRD (read from LAKEHOUSE_UPSTREAM or ../shared/upstream):
/// dotnet run -c Release --project tests/Lakehouse.Benchmarks -- --filter '*GeneratorBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[ShortRunJob]
public class GeneratorBenchmarks
{
    private GeneratorInput _airflow = null!;
    private GeneratorInput _applicationSet = null!;

    [GlobalSetup]
    public void Setup()
    {
        var upstream = Environment.GetEnvironmentVariable("LAKEHOUSE_UPSTREAM") is { Length: > 0 } configured
            ? configured
            : Path.Combine(FindRoot(), "..", "shared", "upstream");
        var schema = Path.Combine(upstream, "charts", "airflow", "values.schema.json");
        var crd = Path.Combine(upstream, "argocd", "applicationset-crd.yaml");
        _airflow = new GeneratorInput(schema, InputKind.ValuesSchema, "airflow", "1.20.0", "Lakehouse.Generated", File.ReadAllText(schema));
        _applicationSet = new GeneratorInput(crd, InputKind.CustomResourceDefinition, "applicationset", "", "Lakehouse.Generated", File.ReadAllText(crd));
    }

    /// <summary>Parse the schema into type models and emit the C# source.</summary>
    [Benchmark]
    public int AirflowValuesSchema() => SourceEmitter.Emit(GeneratorParser.Parse(_airflow, CancellationToken.None)).Length;

    /// <summary>The largest CRD here (ApplicationSet, 1.4 MB) to typed Kubernetes objects.</summary>
    [Benchmark]
    public int ApplicationSetCrd() => SourceEmitter.Emit(GeneratorParser.Parse(_applicationSet, CancellationToken.None)).Length;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lakehouse.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Lakehouse.sln not found");
    }
}
