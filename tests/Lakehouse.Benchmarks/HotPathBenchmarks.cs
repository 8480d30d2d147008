using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Lakehouse.Model;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Renderers;
using Lakehouse.Rendering.Tree;
using Lakehouse.Rendering.Yaml;

namespace Lakehouse.Benchmarks;

/// <summary>
/// The hot parts of a render, with allocations, so later changes can be compared:
/// dotnet run -c Release --project tests/Lakehouse.Benchmarks -- --filter '*'
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[ShortRunJob]
public class HotPathBenchmarks
{
    private EnvironmentConfig _environment = null!;
    private ComponentContext _context = null!;
    private SyntheticComponent _component = null!;
    private JsonObject _values = null!;
    private JsonObject _application = null!;
    private GitOpsTree _tree = null!;
    private TreeWriter _writer = null!;
    private string _directory = null!;

    [GlobalSetup]
    public void Setup()
    {
        _environment = SyntheticPlatform.Environments(1)[0];
        _component = new SyntheticComponent("svc-0001", []);
        _context = new ComponentContext(new Naming("scale", _environment.Name), _environment, ["svc-0002", "svc-0003"]) { Self = _component.Name };
        var spec = _component.Describe(_context);
        _values = spec.Values;
        var platform = PlatformEvaluator.Evaluate(new SyntheticPlatform(1), [_environment], new List<Diagnostic>())!;
        var tree = new GitOpsTree();
        new HelmValuesRenderer().Render(platform, new GitOpsLayout(), tree);
        new ApplicationRenderer().Render(platform, new GitOpsLayout(), tree);
        _application = YamlDotNetReader.Read(tree.Files.Single(f => f.Key.Contains("/application-", StringComparison.Ordinal)).Value);

        // A 100 x 3 tree on disk, for comparing an unchanged render with it.
        _directory = Path.Combine(Path.GetTempPath(), "lakehouse-bench-compare");
        _tree = RenderPipeline.Render(new SyntheticPlatform(100), SyntheticPlatform.Environments(3)).Tree!;
        _writer = new TreeWriter(_directory, new GitOpsLayout().OwnedList);
        _writer.Write(_tree);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    /// <summary>YAML for one component's Helm values (about 20 nested keys).</summary>
    [Benchmark]
    public string WriteValuesYaml() => YamlWriter.Write(_values, ["header"]);

    /// <summary>YAML for one Argo CD Application with three sources.</summary>
    [Benchmark]
    public string WriteApplicationYaml() => YamlWriter.Write(_application, ["header"]);

    /// <summary>One component describing itself: values, Namespace, NetworkPolicy and ServiceMonitor.</summary>
    [Benchmark]
    public ComponentSpec DescribeComponent() => _component.Describe(_context);

    /// <summary>The k8s.Models NetworkPolicy turned into a JSON tree.</summary>
    [Benchmark]
    public ManifestObject BuildNetworkPolicy() =>
        StandardObjects.IngressPolicy("scale-svc-0001", ["scale-svc-0002", "scale-svc-0003"], [8080], "monitoring", [9090]);

    /// <summary>Comparing an unchanged 100 x 3 render (1,710 files) with the tree on disk: no file is written.</summary>
    [Benchmark]
    public int CompareUnchangedTree() => _writer.Write(_tree).Written.Count;
}

/// <summary>Reads rendered YAML back into JSON, to benchmark writing realistic shapes.</summary>
internal static class YamlDotNetReader
{
    public static JsonObject Read(string yaml)
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(yaml));
        return (JsonObject)Convert(stream.Documents[0].RootNode)!;
    }

    private static JsonNode? Convert(YamlDotNet.RepresentationModel.YamlNode node) => node switch
    {
        YamlDotNet.RepresentationModel.YamlMappingNode map => new JsonObject(map.Children.Select(p =>
            KeyValuePair.Create(((YamlDotNet.RepresentationModel.YamlScalarNode)p.Key).Value!, Convert(p.Value)))),
        YamlDotNet.RepresentationModel.YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlDotNet.RepresentationModel.YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };
}
