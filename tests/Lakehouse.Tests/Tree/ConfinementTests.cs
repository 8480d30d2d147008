using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Tree;

/// <summary>
/// A render creates, overwrites and deletes only regular files under gitops/ (and the env schema, by
/// rule): a tampered owned list and symbolic links are refused before anything is written, and every
/// file outside gitops/ (and behind any link) stays byte-identical (issue 10, item 1).
/// </summary>
public class ConfinementTests
{
    private const string List = "gitops/.generated";

    /// <summary>A repository whose render would change a file, so a refusal is visible: nothing changes.</summary>
    private static TempRepository RepositoryWithAChange()
    {
        var repo = new TempRepository();
        repo.AddRepositoryFiles();
        repo.Write("env/prod.yaml", repo.Read("env/prod.yaml").Replace("  workers: 4", "  workers: 6"));
        return repo;
    }

    private static void AssertRefusedAndUntouched(TempRepository repo, Action tamper, string expected)
    {
        tamper();
        var tree = repo.Snapshot();
        var outside = repo.SnapshotOutsideTree();
        var (code, output) = repo.Run("render");
        Assert.True(code == 1, output);
        Assert.Contains(expected, output);
        Assert.Contains("nothing was written", output);
        Assert.Equal(tree, repo.Snapshot());
        Assert.Equal(outside, repo.SnapshotOutsideTree());
        // check refuses the same way, and changes nothing either.
        var (checkCode, _) = repo.Run("check");
        Assert.Equal(1, checkCode);
        Assert.Equal(outside, repo.SnapshotOutsideTree());
    }

    [Theory]
    [InlineData("README.md", "the path is outside gitops/")]
    [InlineData("definitions/Program.cs", "the path is outside gitops/")]
    [InlineData("env/dev.yaml", "the path is outside gitops/")]
    [InlineData(".git/config", "the path is outside gitops/")]
    [InlineData("gitops/../README.md", "the path has a '..' segment")]
    [InlineData("gitops/./apps/x.yaml", "the path has a '.' segment")]
    [InlineData("gitops//apps/x.yaml", "the path has an empty segment")]
    [InlineData("gitops/apps/", "the path has an empty segment")]
    [InlineData("gitops\\apps\\x.yaml", "the path contains a backslash")]
    [InlineData("gitops/apps/x\0.yaml", "the path contains a NUL character")]
    [InlineData("gitops", "the path is outside gitops/")]
    [InlineData("", "the path is empty")]
    public void An_owned_list_entry_outside_gitops_is_an_error_at_its_line_and_nothing_is_written(string entry, string problem)
    {
        using var repo = RepositoryWithAChange();
        var lines = repo.Read(List).Split('\n').Length;
        AssertRefusedAndUntouched(repo, () => File.AppendAllText(repo.PathOf(List), entry + "\n"),
            $"{List}({lines},1): error LH0020: owned-list entry '{entry.Replace("\0", "\\u0000")}' is refused: {problem}");
    }

    [Fact]
    public void An_absolute_entry_is_refused_even_with_a_hash_and_the_file_it_names_survives()
    {
        using var repo = RepositoryWithAChange();
        var victim = Path.Combine(repo.Outside, "victim.txt");
        File.WriteAllText(victim, "precious\n");
        var lines = repo.Read(List).Split('\n').Length;
        AssertRefusedAndUntouched(repo, () => File.AppendAllText(repo.PathOf(List), new string('0', 64) + " " + victim + "\n"),
            $"{List}({lines},66): error LH0020: owned-list entry '{victim}' is refused: the path is absolute");
        Assert.Equal("precious\n", File.ReadAllText(victim));
    }

    [Fact]
    public void A_list_naming_files_outside_gitops_deletes_none_of_them_even_when_they_would_be_stale()
    {
        using var repo = RepositoryWithAChange();
        AssertRefusedAndUntouched(repo, () => File.AppendAllText(repo.PathOf(List), "README.md\ndefinitions/Program.cs\nenv/dev.yaml\n.git/config\n"),
            "error LH0020");
        foreach (var file in new[] { "README.md", "definitions/Program.cs", "env/dev.yaml", ".git/config" })
        {
            Assert.True(File.Exists(repo.PathOf(file)), file);
        }
    }

    [Fact]
    public void A_folder_under_gitops_linking_outside_the_clone_is_refused_and_its_target_survives()
    {
        using var repo = RepositoryWithAChange();
        File.WriteAllText(Path.Combine(repo.Outside, "x"), "outside the clone\n");
        AssertRefusedAndUntouched(repo, () =>
        {
            Directory.CreateSymbolicLink(repo.PathOf("gitops/outlink"), repo.Outside);
            File.AppendAllText(repo.PathOf(List), "gitops/outlink/x\n");
        }, "gitops/outlink: error LH0021: gitops/outlink is a symbolic link");
        Assert.Equal("outside the clone\n", File.ReadAllText(Path.Combine(repo.Outside, "x")));
    }

    [Fact]
    public void A_folder_the_render_writes_into_that_is_a_link_is_refused()
    {
        using var repo = RepositoryWithAChange();
        AssertRefusedAndUntouched(repo, () =>
        {
            // The render would rewrite gitops/prod/apps/trino/values.yaml: through the link, outside.
            var copy = Path.Combine(repo.Outside, "prod");
            Directory.Move(repo.PathOf("gitops/prod/apps/trino"), copy);
            Directory.CreateSymbolicLink(repo.PathOf("gitops/prod/apps/trino"), copy);
        }, "gitops/prod/apps/trino: error LH0021");
        Assert.Contains("workers: 4", File.ReadAllText(Path.Combine(repo.Outside, "prod", "values.yaml")));
    }

    [Fact]
    public void Gitops_itself_a_link_is_refused_and_its_target_is_untouched()
    {
        using var repo = RepositoryWithAChange();
        var target = Path.Combine(repo.Outside, "gitops");
        Directory.Move(repo.PathOf("gitops"), target);
        Directory.CreateSymbolicLink(repo.PathOf("gitops"), target);
        var outside = repo.SnapshotOutsideTree();
        var (code, output) = repo.Run("render");
        Assert.Equal(1, code);
        Assert.Contains("gitops: error LH0021: gitops is a symbolic link", output);
        Assert.Equal(outside, repo.SnapshotOutsideTree());
        Assert.False(File.Exists(Path.Combine(target, ".lock")));
        var (checkCode, checkOutput) = repo.Run("check");
        Assert.Equal(1, checkCode);
        Assert.Contains("error LH0021", checkOutput);
    }

    [Theory]
    [InlineData(".values.yaml.4242-a1b2c3d4e5f6.lakehouse-tmp")]
    [InlineData("values.yaml.tmp")]
    public void A_planted_temporary_file_that_is_a_link_is_refused_and_its_target_survives(string name)
    {
        using var repo = RepositoryWithAChange();
        var victim = Path.Combine(repo.Outside, "victim.txt");
        File.WriteAllText(victim, "precious\n");
        AssertRefusedAndUntouched(repo, () => File.CreateSymbolicLink(repo.PathOf("gitops/prod/apps/trino/" + name), victim),
            $"gitops/prod/apps/trino/{name}: error LH0021");
        Assert.Equal("precious\n", File.ReadAllText(victim));
    }

    [Fact]
    public void A_dangling_link_where_a_file_goes_is_refused()
    {
        using var repo = RepositoryWithAChange();
        var path = "gitops/prod/apps/trino/values.yaml";
        AssertRefusedAndUntouched(repo, () =>
        {
            File.Delete(repo.PathOf(path));
            File.CreateSymbolicLink(repo.PathOf(path), Path.Combine(repo.Outside, "does-not-exist"));
        }, $"{path}: error LH0021");
        Assert.False(File.Exists(Path.Combine(repo.Outside, "does-not-exist")));
    }

    [Fact]
    public void The_owned_list_as_a_link_is_refused()
    {
        using var repo = RepositoryWithAChange();
        var copy = Path.Combine(repo.Outside, "generated");
        AssertRefusedAndUntouched(repo, () =>
        {
            File.Move(repo.PathOf(List), copy);
            File.CreateSymbolicLink(repo.PathOf(List), copy);
        }, $"{List}: error LH0021");
    }

    [Fact]
    public void The_env_schema_as_a_link_is_refused()
    {
        using var repo = RepositoryWithAChange();
        var copy = Path.Combine(repo.Outside, "schema.json");
        AssertRefusedAndUntouched(repo, () =>
        {
            File.WriteAllText(copy, "{}\n");
            File.Delete(repo.PathOf("env/environment.schema.json"));
            File.CreateSymbolicLink(repo.PathOf("env/environment.schema.json"), copy);
        }, "env/environment.schema.json: error LH0021");
        Assert.Equal("{}\n", File.ReadAllText(copy));
    }

    [Fact]
    public void A_file_where_the_tree_needs_a_folder_is_an_error_naming_it()
    {
        using var repo = RepositoryWithAChange();
        AssertRefusedAndUntouched(repo, () =>
        {
            Directory.Delete(repo.PathOf("gitops/prod/apps/trino"), recursive: true);
            repo.Write("gitops/prod/apps/trino", "a file, not a folder\n");
        }, "gitops/prod/apps/trino: error LH0025: gitops/prod/apps/trino is a file where the tree needs a folder");
    }

    [Fact]
    public void A_folder_where_the_tree_needs_a_file_is_an_error_naming_it()
    {
        using var repo = RepositoryWithAChange();
        var path = "gitops/prod/apps/trino/values.yaml";
        AssertRefusedAndUntouched(repo, () =>
        {
            File.Delete(repo.PathOf(path));
            Directory.CreateDirectory(repo.PathOf(path));
        }, $"{path}: error LH0025: {path} is a folder where the tree needs a file");
    }

    [Fact]
    public void Stale_files_are_deleted_only_under_gitops_and_gitops_itself_is_never_removed()
    {
        using var repo = new TempRepository();
        repo.AddRepositoryFiles();
        var outside = repo.SnapshotOutsideTree();
        // Only retired files: the render deletes them and every folder they leave empty, up to gitops/.
        repo.Write("gitops/prod/apps/retired/x.yaml", "# Generated by Lakehouse GitOps\n");
        File.AppendAllText(repo.PathOf(List), "gitops/prod/apps/retired/x.yaml\n");
        var (code, output) = repo.Run("render");
        Assert.True(code == 0, output);
        Assert.False(Directory.Exists(repo.PathOf("gitops/prod/apps/retired")));
        Assert.True(Directory.Exists(repo.PathOf("gitops/prod/apps")));
        Assert.Equal(outside, repo.SnapshotOutsideTree());
    }
}
