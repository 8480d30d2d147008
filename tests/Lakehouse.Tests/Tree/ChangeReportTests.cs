using Lakehouse.Rendering.Renderers;
using Lakehouse.Rendering.Tree;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Tree;

/// <summary>The render's report: changed files grouped by environment, capped lists, warnings for a shrinking or growing tree.</summary>
public class ChangeReportTests
{
    private static ChangeReport Report(string[] created, string[] updated, string[] deleted, int unchanged) =>
        new(new WriteResult([.. created, .. updated], deleted, unchanged) { Created = created }, new GitOpsLayout());

    [Fact]
    public void Files_are_grouped_by_environment_created_updated_deleted()
    {
        var report = Report(
            created: ["gitops/qa/apps/trino/values.yaml"],
            updated: ["gitops/prod/apps/trino/values.yaml", "env/environment.schema.json"],
            deleted: ["gitops/prod/cluster/application-lakehouse-prod-iceberg-catalog.yaml"],
            unchanged: 400);
        Assert.Equal(
        [
            "  (shared): 1 updated",
            "    updated env/environment.schema.json",
            "  prod: 1 deleted, 1 updated",
            "    deleted gitops/prod/cluster/application-lakehouse-prod-iceberg-catalog.yaml",
            "    updated gitops/prod/apps/trino/values.yaml",
            "  qa: 1 created",
            "    created gitops/qa/apps/trino/values.yaml",
        ], report.Lines());
        Assert.Equal(403, report.Before);
        Assert.Equal(403, report.After);
    }

    [Fact]
    public void A_long_group_lists_the_first_files_and_counts_the_rest()
    {
        var created = Enumerable.Range(0, 20).Select(i => $"gitops/qa/apps/c{i:00}/values.yaml").ToArray();
        var lines = Report(created, [], [], 400).Lines();
        Assert.Equal("  qa: 20 created", lines[0]);
        Assert.Equal(ChangeReport.ListedPerGroup, lines.Count(l => l.StartsWith("    created ", StringComparison.Ordinal)));
        Assert.Equal($"    ... and {20 - ChangeReport.ListedPerGroup} more", lines[^1]);
    }

    [Fact]
    public void Deleted_files_warn_that_the_tree_shrank()
    {
        var warning = Assert.Single(Report([], [], ["gitops/dev/apps/x/a.yaml", "gitops/prod/apps/x/a.yaml", "gitops/prod/apps/x/b.yaml"], 100).Warnings());
        Assert.Equal("gitops: warning LH0100: the render deleted 3 file(s) (dev 1, prod 2; 103 -> 100 files); make sure the change meant to remove them (list above)", warning.ToString());
    }

    [Fact]
    public void Growth_beyond_a_tenth_warns_and_a_small_change_does_not()
    {
        Assert.Empty(Report(["gitops/dev/apps/x/a.yaml"], ["gitops/dev/apps/y/values.yaml"], [], 100).Warnings());
        var created = Enumerable.Range(0, 11).Select(i => $"gitops/qa/apps/c{i}/values.yaml").ToArray();
        var warning = Assert.Single(Report(created, [], [], 100).Warnings());
        Assert.Equal("gitops: warning LH0101: the tree grew by 11 file(s), more than a tenth (qa 11; 100 -> 111 files); make sure the change meant to add them (list above)", warning.ToString());
        // Exactly a tenth is not flagged.
        Assert.Empty(Report(created[..10], [], [], 100).Warnings());
    }

    [Fact]
    public void A_first_render_into_an_empty_tree_is_not_flagged_as_growth()
    {
        var created = Enumerable.Range(0, 53).Select(i => $"gitops/dev/apps/c{i}/values.yaml").ToArray();
        Assert.Empty(Report(created, [], [], 0).Warnings());
        // One file already there: the same growth is flagged.
        Assert.Equal("LH0101", Assert.Single(Report(created, [], [], 1).Warnings()).Rule.Id);
    }

    [Fact]
    public void The_render_prints_the_report_of_what_it_changed()
    {
        using var repo = new TempRepository();
        repo.Write("env/prod.yaml", repo.Read("env/prod.yaml").Replace("trino:\n  workers: 4", "trino:\n  workers: 6"));
        var (code, output) = repo.Run("render");
        Assert.Equal(0, code);
        Assert.Contains("lakehouse: 1 written, 0 deleted,", output);
        Assert.Contains("\n  prod: 1 updated\n    updated gitops/prod/apps/trino/values.yaml\n", output);
        Assert.DoesNotContain("warning LH010", output);

        // A whole environment gone: every file of it listed under its name, and the shrinking tree flagged.
        File.Delete(repo.PathOf("env/aws.yaml"));
        (code, output) = repo.Run("render");
        Assert.Equal(0, code);
        Assert.Contains("\n  aws: ", output);
        Assert.Contains("    deleted gitops/aws/", output);
        Assert.Contains("gitops: warning LH0100: the render deleted ", output);
        Assert.DoesNotContain("  prod: ", output);
    }
}
