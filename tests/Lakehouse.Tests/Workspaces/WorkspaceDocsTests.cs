using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Workspaces;

/// <summary>docs/workspaces.md states what the render does: its examples are the shipped code and env/, its file table the rendered files.</summary>
public sealed class WorkspaceDocsTests
{
    private static readonly string Docs = File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "docs", "workspaces.md"));

    [Fact]
    public void The_definitions_and_the_env_section_shown_are_the_shipped_ones()
    {
        var definitions = File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "definitions", "LakehousePlatform.cs"));
        foreach (var line in Docs.Split('\n').Where(l => l.StartsWith("platform.AddWorkspace(", StringComparison.Ordinal)))
        {
            Assert.Contains("        " + line, definitions, StringComparison.Ordinal);
        }
        var yaml = Docs[(Docs.IndexOf("```yaml\n", StringComparison.Ordinal) + 8)..];
        yaml = yaml[..yaml.IndexOf("```", StringComparison.Ordinal)];
        Assert.Contains(yaml, Render.EnvironmentText("prod"), StringComparison.Ordinal);
        var defaults = Lakehouse.Model.Configuration.WorkspaceConfig.Default;
        Assert.Equal(("2", "8Gi", "50Gi", 20, "250m", "512Mi"), (defaults.Cpu, defaults.Memory, defaults.Storage, defaults.Pods, defaults.Container.Cpu, defaults.Container.Memory));
        Assert.Contains("(dev has none: 2 CPUs, 8Gi, 50Gi, 20 pods, containers 250m/512Mi)", Docs, StringComparison.Ordinal);
        Assert.Empty(Render.Environment("dev", Render.EnvironmentText("dev")).Workspaces);
    }

    [Theory]
    [InlineData("dev", "analytics")]
    [InlineData("aws", "data-science")]
    public void Every_file_of_the_table_is_rendered_for_a_workspace(string environment, string workspace)
    {
        var files = Render.ReferenceTree.Files.Keys.ToHashSet(StringComparer.Ordinal);
        var rows = Docs.Split('\n').Where(l => l.StartsWith("| `gitops/ENV/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            foreach (var cell in row.Split('|')[1].Split(',').Select(c => c.Trim().Trim('`')))
            {
                var path = (cell.StartsWith("gitops/", StringComparison.Ordinal) ? cell : $"gitops/ENV/apps/NAME/{cell}")
                    .Replace("ENV", environment, StringComparison.Ordinal).Replace("NAME", workspace, StringComparison.Ordinal);
                var expanded = path.Contains("ROLE", StringComparison.Ordinal)
                    ? new[] { "admin", "engineer", "analyst", "viewer", "service" }.Select(r => path.Replace("ROLE", r, StringComparison.Ordinal))
                    : [path];
                foreach (var file in expanded)
                {
                    // The catalog credential exists where the catalog is Polaris (dev, prod) only, as the table says.
                    var expected = !file.Contains("catalog-credentials", StringComparison.Ordinal) || environment is "dev" or "prod";
                    Assert.True(files.Contains(file) == expected, $"{file} rendered: {files.Contains(file)}");
                }
            }
        }
        // The aws rows: the workspace's cloud resources beside the platform's, in gitops/aws/apps/cloud-resources/.
        var table = Docs[Docs.IndexOf("| file in `gitops/aws/apps/cloud-resources/` |", StringComparison.Ordinal)..];
        var awsRows = table[..table.IndexOf("\n\n", StringComparison.Ordinal)].Split('\n').Skip(2).ToList();
        Assert.Equal(4, awsRows.Count);
        foreach (var row in awsRows)
        {
            foreach (var cell in row.Split('|')[1].Split(',').Select(c => c.Trim().Trim('`')))
            {
                var path = $"gitops/aws/apps/cloud-resources/{cell}".Replace("DATABASE", "data-science", StringComparison.Ordinal).Replace("NAME", "data-science", StringComparison.Ordinal);
                Assert.True(files.Contains(path), $"{path} is not rendered");
            }
        }
    }
}
