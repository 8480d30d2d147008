using System.Text;
using System.Text.Json.Nodes;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Rendering;

/// <summary>
/// Snapshots of renderer output for a small fixture platform, compared with committed golden files.
/// LAKEHOUSE_ACCEPT=1 dotnet test rewrites them; review the diff like any other change.
/// </summary>
public class GoldenTests
{
    private static string Flatten(IReadOnlyDictionary<string, string> files, Func<string, bool> include)
    {
        var sb = new StringBuilder();
        foreach (var (path, text) in files.Where(f => include(f.Key)))
        {
            sb.Append("=== ").Append(path).Append(" ===\n").Append(text);
        }
        return sb.ToString();
    }

    [Fact]
    public void Fixture_platform_tree()
    {
        var environments = Fixtures.ReferenceEnvironments.Where(e => e.Name is "dev" or "prod").ToList();
        var platform = new TestPlatform((p, _) =>
        {
            var db = p.Add(new StubComponent("database"));
            p.Add(new StubComponent("service", db) { ExtraValues = new() { ["image"] = new JsonObject { ["tag"] = "1.2.3" } }, LabelNamespaceWithEnvironment = true });
        }, name: "demo");
        var outcome = RenderPipeline.Render(platform, environments);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        Golden.Verify("fixture-tree.txt", Flatten(outcome.Tree!.Files, p => p.StartsWith("gitops/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Fixture_environment_folders_build_with_kustomize()
    {
        var kubectl = new[] { "/usr/bin/kubectl", "/usr/local/bin/kubectl" }.FirstOrDefault(File.Exists);
        Assert.SkipWhen(kubectl is null, "kubectl is not installed");
        var environments = Fixtures.ReferenceEnvironments.Where(e => e.Name is "dev" or "prod").ToList();
        var db = new StubComponent("database");
        var platform = new TestPlatform((p, _) =>
        {
            p.Add(db);
            p.Add(new StubComponent("service", db) { LabelNamespaceWithEnvironment = true });
        }, name: "demo");
        var tree = RenderPipeline.Render(platform, environments).Tree!;
        var root = Path.Combine(Path.GetTempPath(), "lakehouse-kustomize-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var (path, text) in tree.Files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, path))!);
                await File.WriteAllTextAsync(Path.Combine(root, path), text, TestContext.Current.CancellationToken);
            }
            foreach (var env in new[] { "dev", "prod" })
            {
                var start = new System.Diagnostics.ProcessStartInfo(kubectl!, ["kustomize", Path.Combine(root, "gitops", env, "apps/service")])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                using var process = System.Diagnostics.Process.Start(start)!;
                var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
                var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
                await process.WaitForExitAsync(TestContext.Current.CancellationToken);
                Assert.True(process.ExitCode == 0, error);
                var ns = YamlFiles.ReadAll(output).Single(d => (string?)d!["kind"] == "Namespace")!;
                // Each environment's folder holds its own complete Namespace, with its own label.
                Assert.Equal(env, (string?)ns["metadata"]!["labels"]!["lakehouse.io/tier"]);
                Assert.Equal("restricted", (string?)ns["metadata"]!["labels"]!["pod-security.kubernetes.io/enforce"]);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Reference_trino_catalog_properties()
    {
        var files = Render.ReferenceTree.Files;
        var values = YamlFiles.Read(files["gitops/dev/apps/trino/values.yaml"])!;
        Golden.Verify("trino-iceberg.properties", values["catalogs"]!["iceberg"]!.GetValue<string>());
    }

    [Fact]
    public void Reference_prod_cluster_folder()
    {
        Golden.Verify("prod-cluster.txt", Flatten(Render.ReferenceTree.Files, p => p.StartsWith("gitops/prod/cluster/", StringComparison.Ordinal)));
    }
}
