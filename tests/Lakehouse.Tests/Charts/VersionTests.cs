using Lakehouse.Model.Versions;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Charts;

/// <summary>
/// Versions are the user's: the lock holds every chart version and default image tag, an env file picks another
/// locked version (or tag) for one environment, and a promotion is one line in one env file per environment with
/// one changed line in the tree per environment (README.md, "Bumping and promoting a chart").
/// </summary>
public class VersionTests
{
    private const string Locked1420 = "      1.42.2: sha256:deb1e82e12f76c396e8182ff3f9f9f1db7d1f5474b2aa1c674814b6fb2b0d080\n";
    private const string Locked1430 = "      1.43.0: sha256:1111111111111111111111111111111111111111111111111111111111111111\n";

    /// <summary>The repository with trino 1.43.0 locked beside 1.42.2 (1.42.2 stays the default).</summary>
    private static TempRepository WithTrino1430()
    {
        var repo = new TempRepository();
        var text = repo.Read(ChartLock.FileName);
        Assert.Contains(Locked1420, text);
        repo.Write(ChartLock.FileName, text.Replace(Locked1420, Locked1420 + Locked1430));
        return repo;
    }

    private static void Pick(TempRepository repo, string environment, string line) =>
        repo.Write($"env/{environment}.yaml", repo.Read($"env/{environment}.yaml") + line + "\n");

    /// <summary>Renders and returns each changed file with its changed lines (old -> new).</summary>
    private static Dictionary<string, List<(string Old, string New)>> RenderChanges(TempRepository repo)
    {
        var before = repo.Snapshot().Keys.ToDictionary(k => k, repo.Read);
        var (code, output) = repo.Run("render");
        Assert.True(code == 0, output);
        var after = repo.Snapshot().Keys.ToDictionary(k => k, repo.Read);
        var changes = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        foreach (var path in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var old = before.GetValueOrDefault(path, "");
            var now = after.GetValueOrDefault(path, "");
            if (old == now)
            {
                continue;
            }
            var oldLines = old.Split('\n');
            var newLines = now.Split('\n');
            changes[path] = oldLines.Length == newLines.Length
                ? oldLines.Zip(newLines).Where(p => p.First != p.Second).ToList()
                : [(old, now)];
        }
        // The ownership list carries each file's hash: a changed file changes its own hash line there, and nothing else.
        if (changes.Remove("gitops/.generated", out var hashes))
        {
            Assert.All(hashes, h => Assert.Contains(changes.Keys, path => h.Item2.EndsWith(" " + path, StringComparison.Ordinal)));
        }
        return changes;
    }

    private static void AssertOneLine(Dictionary<string, List<(string Old, string New)>> changes, string environment)
    {
        var path = $"gitops/{environment}/cluster/application-lakehouse-{environment}-trino.yaml";
        Assert.Equal([path], changes.Keys);
        Assert.Equal([("      targetRevision: 1.42.2", "      targetRevision: 1.43.0")], changes[path]);
    }

    [Fact]
    public void Promoting_a_chart_dev_then_staging_then_prod_is_one_env_line_and_one_tree_line_per_environment()
    {
        using var repo = WithTrino1430();
        Assert.Empty(RenderChanges(repo)); // locking another version changes nothing deployed
        foreach (var environment in new[] { "dev", "staging", "prod" })
        {
            Pick(repo, environment, """charts: { trino: "1.43.0" }""");
            AssertOneLine(RenderChanges(repo), environment);
        }
        // Last, the lock's default moves (every environment), and the picks are no longer needed.
        repo.Write(ChartLock.FileName, repo.Read(ChartLock.FileName).Replace("    version: 1.42.2\n", "    version: 1.43.0\n"));
        foreach (var environment in new[] { "dev", "staging", "prod" })
        {
            repo.Write($"env/{environment}.yaml", repo.Read($"env/{environment}.yaml").Replace("charts: { trino: \"1.43.0\" }\n", ""));
        }
        AssertOneLine(RenderChanges(repo), "aws");
    }

    [Fact]
    public void Bumping_the_lock_default_changes_one_line_in_every_environment()
    {
        using var repo = WithTrino1430();
        repo.Write(ChartLock.FileName, repo.Read(ChartLock.FileName).Replace("    version: 1.42.2\n", "    version: 1.43.0\n"));
        var changes = RenderChanges(repo);
        Assert.Equal(["aws", "dev", "prod", "staging"], changes.Keys.Select(p => p.Split('/')[1]));
        Assert.All(changes.Values, lines => Assert.Equal([("      targetRevision: 1.42.2", "      targetRevision: 1.43.0")], lines));
    }

    [Fact]
    public void An_image_tag_picked_for_one_environment_changes_that_environment_only()
    {
        using var repo = new TempRepository();
        Pick(repo, "dev", """images: { trino: "481" }""");
        var changes = RenderChanges(repo);
        // Trino's values in dev, and the Trino CLI of dev's jobs (the same image): nothing shared, no other environment.
        Assert.Equal(["gitops/dev/apps/orchestrator/configmap-orchestrator-dags.yaml", "gitops/dev/apps/trino/values.yaml"], changes.Keys);
        Assert.Contains("  tag: \"481\"", changes["gitops/dev/apps/trino/values.yaml"].Single().New);
        Assert.All(changes["gitops/dev/apps/orchestrator/configmap-orchestrator-dags.yaml"], l => Assert.Equal(l.Old.Replace("trinodb/trino:480", "trinodb/trino:481"), l.New));
    }

    [Fact]
    public void The_image_default_tag_lives_in_the_lock()
    {
        using var repo = new TempRepository();
        repo.Write(ChartLock.FileName, repo.Read(ChartLock.FileName).Replace("  trino: trinodb/trino:480\n", "  trino: trinodb/trino:481\n"));
        var changes = RenderChanges(repo);
        // Every environment's own Trino values (none of them picks a tag).
        foreach (var environment in new[] { "aws", "dev", "prod", "staging" })
        {
            Assert.Equal([("  tag: \"480\"", "  tag: \"481\"")], changes[$"gitops/{environment}/apps/trino/values.yaml"]);
        }
    }

    [Theory]
    [InlineData("charts: { trino: \"1.44.0\" }", "env/dev.yaml(51,18): error LH0075: charts.trino: version '1.44.0' is not locked; lock it in charts.lock.yaml under charts.trino.locked first (locked: 1.42.2, 1.43.0)")]
    [InlineData("charts: { trinoo: \"1.43.0\" }", "env/dev.yaml(51,19): error LH0075: charts.trinoo: no chart 'trinoo' in charts.lock.yaml")]
    [InlineData("images: { trinoo: \"481\" }", "env/dev.yaml(51,19): error LH0075: images.trinoo: no image 'trinoo' in charts.lock.yaml")]
    [InlineData("images: { trino: \"latest\" }", "env/dev.yaml(51,18): error LH0011: images.trino: pin a tag other than 'latest'")]
    public void A_pick_the_lock_does_not_hold_is_an_error_at_its_env_line_and_the_tree_is_unchanged(string line, string expected)
    {
        using var repo = WithTrino1430();
        Pick(repo, "dev", line);
        var before = repo.Snapshot();
        var (code, output) = repo.Run("render");
        Assert.Equal(1, code);
        Assert.Contains(expected, output);
        Assert.Equal(before, repo.Snapshot());
    }

    [Fact]
    public void A_component_whose_chart_is_not_locked_fails_at_its_definition_line()
    {
        using var repo = new TempRepository();
        var text = repo.Read(ChartLock.FileName);
        var start = text.IndexOf("  valkey:\n", StringComparison.Ordinal);
        var end = text.IndexOf("images:\n", StringComparison.Ordinal);
        repo.Write(ChartLock.FileName, text.Remove(start, end - start));
        var (code, output) = repo.Run("render");
        Assert.Equal(1, code);
        Assert.Matches(@"definitions/LakehousePlatform\.cs\(\d+,\d+\): error LH0076: chart 'valkey' is not in charts\.lock\.yaml", output);
    }

    [Fact]
    public void A_malformed_lock_fails_the_render_at_its_line()
    {
        using var repo = new TempRepository();
        repo.Write(ChartLock.FileName, repo.Read(ChartLock.FileName).Replace("    version: 1.42.2\n", "    version: 1.42.3\n"));
        var (code, output) = repo.Run("render");
        Assert.Equal(1, code);
        Assert.Matches(@"charts\.lock\.yaml\(\d+,14\): error LH0070: charts\.trino\.version: '1\.42\.3' is not locked", output);
    }
}
