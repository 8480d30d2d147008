using Lakehouse.Rendering.Renderers;
using Lakehouse.Rendering.Tree;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Conformance;

/// <summary>The committed gitops/ (and env schema) is exactly what the definitions render.</summary>
public class DriftTests
{
    [Fact]
    public void The_committed_tree_equals_a_fresh_render()
    {
        var writer = new TreeWriter(Paths.RepositoryRoot, new GitOpsLayout().OwnedList);
        var differences = writer.Compare(Render.ReferenceTree);
        var report = string.Join("\n", differences.Take(5).Select(d => UnifiedDiff.Format(d.Path, d.Actual, d.Expected)));
        Assert.True(differences.Count == 0, $"{differences.Count} file(s) drifted; run 'dotnet build' and commit:\n{report}");
    }

    [Fact]
    public void Rendering_twice_gives_identical_bytes()
    {
        var again = Lakehouse.Rendering.Pipeline.RenderPipeline.Render(new Lakehouse.Definitions.LakehousePlatform(), Paths.RepositoryRoot);
        Assert.Equal(Render.ReferenceTree.Files, again.Tree!.Files);
    }

    [Fact]
    public void Every_file_is_lf_only_utf8_text_with_a_generated_header()
    {
        foreach (var (path, text) in Render.ReferenceTree.Files)
        {
            Assert.DoesNotContain("\r", text);
            Assert.EndsWith("\n", text);
            if (path.EndsWith(".yaml", StringComparison.Ordinal))
            {
                Assert.StartsWith(TreeWriter.GeneratedMarker, text);
                Assert.Contains("# Sources: definitions/LakehousePlatform.cs", text);
            }
        }
    }

    [Fact]
    public void No_file_contains_an_absolute_path_or_an_ip_address()
    {
        foreach (var (path, text) in Render.ReferenceTree.Files)
        {
            Assert.DoesNotContain(Paths.RepositoryRoot, text);
            Assert.Null(Lakehouse.Model.Checks.IpLiteral.Find(text));
            Assert.Null(Lakehouse.Model.Checks.SecretLiteral.Find(text));
        }
    }

    [Fact]
    public void Env_files_name_the_committed_schema_which_matches_the_types()
    {
        var committed = File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "env", "environment.schema.json"));
        Assert.Equal(Lakehouse.Rendering.Environments.EnvironmentSchema.ToText(), committed);
        foreach (var file in Directory.GetFiles(Path.Combine(Paths.RepositoryRoot, "env"), "*.yaml"))
        {
            Assert.StartsWith("# yaml-language-server: $schema=./environment.schema.json\n", File.ReadAllText(file));
        }
    }
}
