using System.Text.Json.Nodes;
using Lakehouse.Tests.Support;
using NJsonSchema;

namespace Lakehouse.Tests.Conformance;

/// <summary>Every Application and AppProject validates against the Argo CD CRDs' openAPIV3Schema.</summary>
public class ArgoCdSchemaTests
{
    public static TheoryData<string> ArgoCdFiles()
    {
        var data = new TheoryData<string>();
        foreach (var (path, _) in Render.ReferenceTree.Files.Where(f =>
                     f.Key.Contains("/application-", StringComparison.Ordinal) || f.Key.Contains("/appproject-", StringComparison.Ordinal)))
        {
            data.Add(path);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ArgoCdFiles))]
    public async Task Validates_against_the_crd(string path)
    {
        var document = YamlFiles.Read(Render.ReferenceTree.Files[path])!.AsObject();
        var crdFile = (string)document["kind"]! == "Application" ? "application-crd.yaml" : "appproject-crd.yaml";
        var schema = await CrdSchemas.Load(Paths.RequireUpstream(Path.Combine("argocd", crdFile)), "v1alpha1");
        var errors = schema.Validate(document.ToJsonString());
        Assert.True(errors.Count == 0, $"{path}:\n" + string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task The_validator_rejects_a_misspelled_field()
    {
        var schema = await CrdSchemas.Load(Paths.RequireUpstream("argocd/application-crd.yaml"), "v1alpha1");
        var path = Render.ReferenceTree.Files.Keys.First(k => k.Contains("/application-", StringComparison.Ordinal));
        var document = YamlFiles.Read(Render.ReferenceTree.Files[path])!.AsObject();
        document["spec"]!["destination"]!["namespace"] = new JsonArray(); // wrong type
        Assert.NotEmpty(schema.Validate(document.ToJsonString()));
    }
}

/// <summary>Reads a CRD's openAPIV3Schema for one version as a JSON Schema.</summary>
internal static class CrdSchemas
{
    private static readonly Dictionary<string, JsonSchema> Cache = new(StringComparer.Ordinal);

    public static async Task<JsonSchema> Load(string crdPath, string version)
    {
        var key = crdPath + "@" + version;
        lock (Cache)
        {
            if (Cache.TryGetValue(key, out var cached))
            {
                return cached;
            }
        }
        var crd = YamlFiles.ReadAll(File.ReadAllText(crdPath)).First(d => (string?)d?["kind"] == "CustomResourceDefinition")!;
        var versionNode = crd["spec"]!["versions"]!.AsArray().First(v => (string?)v!["name"] == version)!;
        var openApi = versionNode["schema"]!["openAPIV3Schema"]!.DeepClone().AsObject();
        // apiVersion, kind and metadata are validated by the API server, not the CRD schema.
        var schema = await JsonSchema.FromJsonAsync(openApi.ToJsonString());
        lock (Cache)
        {
            Cache[key] = schema;
        }
        return schema;
    }
}
