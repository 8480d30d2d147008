using Lakehouse.Model.Diagnostics;
using Lakehouse.Rendering.Review.Diff;
using Lakehouse.Tests.Hydration;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Review;

/// <summary>`diff --base`: the Markdown summary of a base and a head with known changes, and its errors.</summary>
public class DiffTests
{
    [Fact]
    public void A_value_whose_maps_differ_only_in_key_order_is_the_same_value()
    {
        var before = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var after = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Lakehouse.Rendering.Review.Diff.ValueKeys.Flatten(System.Text.Json.Nodes.JsonNode.Parse("""{"volumes":[{"name":"dags","configMap":{"name":"d"}}]}"""), "", before);
        Lakehouse.Rendering.Review.Diff.ValueKeys.Flatten(System.Text.Json.Nodes.JsonNode.Parse("""{"volumes":[{"configMap":{"name":"d"},"name":"dags"}]}"""), "", after);
        Assert.Equal(before, after);
        // List order is meaning: it stays a change.
        var reordered = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Lakehouse.Rendering.Review.Diff.ValueKeys.Flatten(System.Text.Json.Nodes.JsonNode.Parse("""{"volumes":[{"name":"b"},{"name":"a"}]}"""), "", reordered);
        var ordered = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Lakehouse.Rendering.Review.Diff.ValueKeys.Flatten(System.Text.Json.Nodes.JsonNode.Parse("""{"volumes":[{"name":"a"},{"name":"b"}]}"""), "", ordered);
        Assert.NotEqual(ordered["volumes"], reordered["volumes"]);
    }

    private static async Task<string> Summary(DiffFixture fixture)
    {
        var helm = HelmTool.Require();
        Assert.SkipWhen(Tool.Kubectl is null, "kubectl is not installed: the diff hydrates overlays with kubectl kustomize");
        return await DiffCommand.Compare("base", fixture.Base, fixture.Head, helm, Tool.Kubectl, fixture.Cache);
    }

    [Fact]
    public async Task The_summary_names_every_known_change_of_the_fixture()
    {
        using var fixture = new DiffFixture();
        var summary = await Summary(fixture);
        Assert.StartsWith(DiffSummary.Marker + "\n", summary);
        Assert.Contains("2 Application(s) change in 1 environment(s); 1 unchanged.", summary);
        Assert.Contains("### dev", summary);
        Assert.Contains("**demo** (changed)", summary);
        Assert.Contains("**fresh** (added)", summary);
        Assert.DoesNotContain("**steady**", summary);
        Assert.Contains("- Chart: `demo 1.0.0` → `demo 1.1.0`", summary);
        Assert.Contains("- Value changed: `image.tag`: `\"1.0\"` → `\"1.1\"`", summary);
        Assert.Contains("- Value changed: `replicas`: `1` → `3`", summary);
        Assert.Contains("- Value added: `feature.enabled` = `true`", summary);
        Assert.Contains("- Value removed: `legacy.mode` (was `true`)", summary);
        Assert.Contains("- Object added: `Service/demo`", summary);
        Assert.Contains("- Object removed: `ConfigMap/demo-legacy`", summary);
        Assert.Contains("- Object added: `ConfigMap/demo/other`", summary);
        Assert.Contains("- Object removed: `ConfigMap/demo/extra`", summary);
        Assert.Contains("  - Replicas of `Deployment/demo`: `1` → `3`", summary);
        Assert.Contains("  - Image of `Deployment/demo` container `app`: `nginx:1.0` → `nginx:1.1`", summary);
        Assert.Contains("  - Resources of `Deployment/demo` container `app`: requests.cpu 100m → 200m", summary);
        Assert.Contains("- Object changed: `Secret/demo-token` (data.token (value redacted))", summary);
        Assert.Contains("  - Image of `Deployment/fresh` container `app`: (none) → `redis:1.0`", summary);
    }

    [Fact]
    public async Task Secret_data_never_reaches_the_summary()
    {
        using var fixture = new DiffFixture();
        var summary = await Summary(fixture);
        Assert.Contains("(value redacted)", summary);
        foreach (var value in fixture.SecretValues)
        {
            Assert.DoesNotContain(value, summary);
            Assert.DoesNotContain(value[..12], summary);
        }
    }

    [Fact]
    public async Task The_summary_is_the_same_on_every_run()
    {
        using var fixture = new DiffFixture();
        Assert.Equal(await Summary(fixture), await Summary(fixture));
    }

    [Fact]
    public async Task Without_hydration_the_summary_still_compares_charts_and_values_and_says_so()
    {
        using var fixture = new DiffFixture();
        var summary = await DiffCommand.Compare("base", fixture.Base, fixture.Head, helm: null, kubectl: null, fixture.Cache);
        Assert.Contains("Not hydrated (--no-hydrate)", summary);
        Assert.Contains("- Chart: `demo 1.0.0` → `demo 1.1.0`", summary);
        Assert.Contains("- Value changed: `replicas`: `1` → `3`", summary);
        Assert.DoesNotContain("Object added", summary);
    }

    [Fact]
    public async Task A_base_that_is_no_commit_is_LH0110_and_nothing_is_written()
    {
        var (markdown, errors) = await DiffCommand.Summarize(Paths.RepositoryRoot, "no-such-ref-lakehouse", Render.ReferenceTree, hydrate: false);
        Assert.Null(markdown);
        var error = Assert.Single(errors);
        Assert.Equal(Rules.DiffBaseUnknown, error.Rule);
        Assert.Contains("'no-such-ref-lakehouse' is not a commit", error.Message);
    }

    [Fact]
    public async Task A_base_commit_without_a_tree_is_LH0111()
    {
        using var repo = new TempRepository();
        var git = Lakehouse.Rendering.Review.Hydration.ExternalTool.OnPath("git");
        Assert.SkipWhen(git is null, "git is not installed");
        foreach (var args in new[] { new[] { "init", "-q" }, ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "empty"] })
        {
            Assert.Equal(0, (await Lakehouse.Rendering.Review.Hydration.ExternalTool.Run(git!, args, repo.Root)).ExitCode);
        }
        var (markdown, errors) = await DiffCommand.Summarize(repo.Root, "HEAD", Render.ReferenceTree, hydrate: false);
        Assert.Null(markdown);
        Assert.Equal(Rules.DiffBaseWithoutTree, Assert.Single(errors).Rule);
    }

    [Fact]
    public void The_host_dispatches_diff_and_says_what_it_needs()
    {
        using var repo = new TempRepository();
        var before = repo.Snapshot();
        var (code, output) = repo.Run("diff");
        Assert.Equal(2, code);
        Assert.Contains("error LH0115: diff needs --base", output);
        Assert.Equal(before, repo.Snapshot());
    }

    [Fact]
    public async Task The_repository_against_its_own_head_commit_changes_nothing()
    {
        // The committed tree is the render of HEAD (the drift check), so diffing the fresh render against HEAD is empty
        // unless the working copy has uncommitted changes; compare without hydration to keep this fast.
        var (markdown, errors) = await DiffCommand.Summarize(Paths.RepositoryRoot, "HEAD", Render.ReferenceTree, hydrate: false);
        Assert.Empty(errors);
        var status = await Lakehouse.Rendering.Review.Hydration.ExternalTool.Run("git", ["status", "--porcelain", "--", "gitops", "env", "definitions", "src"], Paths.RepositoryRoot);
        Assert.SkipWhen(status.Output.Trim().Length > 0, "the working copy has uncommitted changes");
        Assert.Contains("No Application changes in any environment.", markdown);
    }
}
