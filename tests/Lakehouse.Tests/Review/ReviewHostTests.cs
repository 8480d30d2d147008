using System.Text.Json.Nodes;
using Lakehouse.Definitions;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Review.Diff;
using Lakehouse.Rendering.Review.Graph;
using Lakehouse.Rendering.Review.Hydration;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Review;

/// <summary>The review commands through the host, in a throwaway Git repository; and the claims docs/review.md makes.</summary>
public class ReviewHostTests
{
    private static async Task Git(string root, params string[] args)
    {
        var git = ExternalTool.OnPath("git");
        Assert.SkipWhen(git is null, "git is not installed");
        var result = await ExternalTool.Run(git!, ["-c", "user.name=test", "-c", "user.email=test@example.com", .. args], root);
        Assert.True(result.ExitCode == 0, result.Error);
    }

    [Fact]
    public async Task Diff_against_the_committed_tree_reports_an_env_edit_and_writes_nothing()
    {
        using var repo = new TempRepository();
        await Git(repo.Root, "init", "-q");
        await Git(repo.Root, "add", "-A");
        await Git(repo.Root, "commit", "-q", "-m", "base");

        var (same, unchanged) = repo.Run("diff", "--base", "HEAD", "--no-hydrate");
        Assert.Equal(0, same);
        Assert.Contains("No Application changes in any environment.", unchanged);

        repo.Write("env/prod.yaml", repo.Read("env/prod.yaml").Replace("  workers: 4", "  workers: 6"));
        var before = repo.Snapshot();
        var graphs = Directory.GetFiles(repo.PathOf(GraphFiles.Folder)).ToDictionary(f => f, File.ReadAllText);
        var (code, output) = repo.Run("diff", "--base", "HEAD", "--no-hydrate");
        Assert.Equal(0, code);
        Assert.Contains("1 Application(s) change in 1 environment(s);", output);
        Assert.Contains("### prod", output);
        Assert.Contains("**trino** (changed)", output);
        Assert.Contains("- Value changed: `server.workers`: `4` → `6`", output);
        Assert.Equal(before, repo.Snapshot());
        Assert.Equal(graphs, Directory.GetFiles(repo.PathOf(GraphFiles.Folder)).ToDictionary(f => f, File.ReadAllText));
    }

    [Fact]
    public void The_pull_request_workflow_runs_the_diff_against_the_base_and_updates_its_own_comment()
    {
        var path = Path.Combine(Paths.RepositoryRoot, ".github", "workflows", "lakehouse-diff.yml");
        var workflow = YamlNodes.Read(File.ReadAllText(path))!.AsObject();
        Assert.NotNull(workflow["on"]!["pull_request"]);
        Assert.Equal("write", (string?)workflow["permissions"]!["pull-requests"]);
        var steps = workflow["jobs"]!.AsObject().Single().Value!["steps"]!.AsArray().OfType<JsonObject>().ToList();
        var runs = string.Join("\n", steps.Select(s => (string?)s["run"] ?? ""));
        Assert.Contains("dotnet run --project definitions --no-build -- diff --base \"${{ github.event.pull_request.base.sha }}\"", runs);
        Assert.Contains("build/install-helm.sh", runs);
        Assert.Contains($"startswith(\"{DiffSummary.Marker}\")", runs);
        Assert.Contains("--method PATCH", runs);
        Assert.Contains("--method POST", runs);
        // A comment holds at most 65,536 characters: the body is cut below that, the whole summary kept in the run.
        Assert.Contains("head -c 60000", runs);
        Assert.Contains("body=@\"$RUNNER_TEMP/lakehouse-diff-comment.md\"", runs);
        Assert.Contains(">> \"$GITHUB_STEP_SUMMARY\"", runs);
        Assert.Equal("0", steps.Single(s => (string?)s["uses"] == "actions/checkout@v4")["with"]!["fetch-depth"]!.ToJsonString());
    }

    [Fact]
    public void Each_graph_depends_only_on_its_own_environment()
    {
        var reference = Render.Reference.Platform!;
        var lockDiagnostics = new List<Lakehouse.Model.Diagnostics.Diagnostic>();
        var chartLock = Lakehouse.Model.Versions.ChartLock.Load(Paths.RepositoryRoot, lockDiagnostics);
        var withoutDev = reference.Environments.Where(e => e.Name != "dev").Select(e => e.Config).ToList();
        var outcome = RenderPipeline.Render(new LakehousePlatform(), withoutDev, chartLock: chartLock);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        Assert.False(outcome.Tree!.Contains(GraphFiles.For("dev")));
        foreach (var environment in withoutDev)
        {
            Assert.Equal(Render.ReferenceTree.Files[GraphFiles.For(environment.Name)], outcome.Tree.Files[GraphFiles.For(environment.Name)]);
        }
    }
}
