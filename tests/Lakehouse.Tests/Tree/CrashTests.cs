using System.Diagnostics;
using Lakehouse.Benchmarks;
using Lakehouse.Rendering.Renderers;
using Lakehouse.Rendering.Tree;

namespace Lakehouse.Tests.Tree;

/// <summary>
/// kill -9 in the middle of a render (issue 10, item 2): a real process (the benchmarks host's 'tree
/// render' of a synthetic platform, 1,710 files) kills itself with SIGKILL just before its Nth file
/// operation (write, rename, unlink, mkdir, rmdir; N drawn from a fixed seed), in three scenarios:
/// a fresh tree, a rewrite of most files, an environment removed. After every kill: each file holds its
/// old or its new bytes (temporaries aside), check fails, and the next render restores the exact tree
/// (or the tree of a change undone after the crash) without calling any file hand-edited or foreign.
/// </summary>
public class CrashTests(ITestOutputHelper log)
{
    private const int Seed = 20261130;
    private const int KillsPerScenario = 11;
    private const int Components = 100;
    private static readonly string List = new GitOpsLayout().OwnedList;

    /// <summary>
    /// A render to interrupt; every other kill lands on an operation of the kinds the scenario is about.
    /// Every other repair renders <see cref="Revert"/> instead (the change was undone after the crash), so
    /// files the killed render wrote and the repair does not render must be known too.
    /// </summary>
    private sealed record Scenario(string Name, (int Environments, int Variant)? Before, (int Environments, int Variant) After,
        (int Environments, int Variant) Revert, string[] Focus);

    private static readonly Scenario[] Scenarios =
    [
        new("fresh", null, (3, 0), (2, 0), ["mkdir", "create", "write"]),
        new("rewrite", (3, 0), (3, 1), (3, 0), ["write", "rename"]),
        new("delete", (4, 0), (3, 0), (4, 0), ["unlink", "rmdir"]),
    ];

    [Fact]
    public void A_render_killed_at_any_operation_leaves_old_or_new_bytes_and_the_next_render_restores_the_tree()
    {
        var host = BenchmarksHost();
        var random = new Random(Seed);
        var work = Path.Combine(Path.GetTempPath(), "lakehouse-crash-" + Guid.NewGuid().ToString("N"));
        try
        {
            var cases = new List<(Scenario Scenario, long Kill, string Operation, Sides Sides, string Template)>();
            foreach (var scenario in Scenarios)
            {
                var before = scenario.Before is { } b ? Render(b.Environments, b.Variant) : null;
                var after = Render(scenario.After.Environments, scenario.After.Variant);
                var template = Path.Combine(work, scenario.Name + "-template");
                Directory.CreateDirectory(template);
                if (before is not null)
                {
                    Assert.True(new TreeWriter(template, List).Write(before).Succeeded);
                    // Copies share the template's inodes: a shared lock file would serialise them.
                    File.Delete(Path.Combine(template, "gitops", ".lock"));
                }
                // The operations of the render to interrupt, counted on a copy.
                var journal = new List<string>();
                var counting = Copy(template, Path.Combine(work, scenario.Name + "-count"));
                Assert.True(new TreeWriter(counting, List, new FileOperations { Journal = journal }).Write(after).Succeeded);
                var sides = new Sides(before, after, Render(scenario.Revert.Environments, scenario.Revert.Variant));
                var focus = scenario.Focus
                    .Select(kind => Enumerable.Range(1, journal.Count).Where(n => journal[n - 1].StartsWith(kind + " ", StringComparison.Ordinal)).ToList())
                    .ToList();
                Assert.All(focus, Assert.NotEmpty);
                for (var k = 0; k < KillsPerScenario; k++)
                {
                    var kind = focus[k / 2 % focus.Count];
                    var n = k % 2 == 0 ? random.NextInt64(1, journal.Count + 1) : kind[random.Next(kind.Count)];
                    cases.Add((scenario, n, journal[(int)n - 1].Split(' ')[0], sides, template));
                }
            }

            // Two at a time: the machine has two cores.
            var outcomes = new string[cases.Count];
            Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
            {
                var (scenario, kill, operation, sides, template) = cases[i];
                var dir = Copy(template, Path.Combine(work, $"{scenario.Name}-{i}"));
                var (code, output) = RunKilled(host, dir, scenario.After, kill);
                Assert.True(code == 137, $"{scenario.Name} kill at {kill}: expected SIGKILL (137), got {code}: {output}");
                AssertEveryFileIsOldOrNew(dir, sides, $"{scenario.Name} kill at {kill} ({operation})");
                var check = new TreeWriter(dir, List).Check(sides.After);
                Assert.True(check.Differences.Count + check.Errors.Count > 0, $"{scenario.Name} kill at {kill}: check passed on an interrupted tree");
                var (target, targetName) = i % 2 == 0 ? (sides.After, "the interrupted render") : (sides.Revert, "a reverted change");
                var repair = new TreeWriter(dir, List).Write(target);
                Assert.True(repair.Succeeded, string.Join("\n", repair.Errors));
                Assert.DoesNotContain(repair.Warnings, w => w.Rule.Id is "LH0022" or "LH0023");
                AssertExactly(dir, target);
                var again = new TreeWriter(dir, List).Check(target);
                Assert.True(again.Differences.Count + again.Errors.Count == 0, $"{scenario.Name} kill at {kill}: check fails after the repair");
                outcomes[i] = $"{scenario.Name}: killed before operation {kill} ({operation}), check failed, repaired to {targetName}";
                Directory.Delete(dir, recursive: true);
            });
            foreach (var outcome in outcomes)
            {
                log.WriteLine(outcome);
            }
            log.WriteLine($"{cases.Count} kills, all restored; operations hit: " +
                          string.Join(", ", cases.GroupBy(c => c.Operation).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
            Assert.True(cases.Count >= 30);
            // The seed reaches every kind of operation a render of these scenarios does.
            Assert.Superset(new HashSet<string> { "mkdir", "create", "write", "rename", "unlink", "rmdir" }, cases.Select(c => c.Operation).ToHashSet());
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private sealed record Sides(GitOpsTree? Before, GitOpsTree After, GitOpsTree Revert);

    private static GitOpsTree Render(int environments, int variant) =>
        TreeCommand.Render(Components, environments, variant, out var diagnostics) ?? throw new InvalidOperationException(string.Join("\n", diagnostics));

    /// <summary>No partial file: every file is the old or the new bytes of its path; anything else is a temporary the writer recognises.</summary>
    private static void AssertEveryFileIsOldOrNew(string dir, Sides sides, string what)
    {
        var ownedListLines = new List<Lakehouse.Model.Diagnostics.Diagnostic>();
        foreach (var full in Directory.EnumerateFiles(Path.Combine(dir, "gitops"), "*", SearchOption.AllDirectories))
        {
            var path = Path.GetRelativePath(dir, full).Replace('\\', '/');
            if (path == "gitops/.lock" || TreePaths.IsTemporary(Path.GetFileName(path)))
            {
                continue;
            }
            var bytes = File.ReadAllBytes(full);
            if (path == List)
            {
                OwnedList.Parse(System.Text.Encoding.UTF8.GetString(bytes), List, "gitops", new HashSet<string>(), ownedListLines);
                Assert.Empty(ownedListLines);
                continue;
            }
            var old = sides.Before?.Bytes.GetValueOrDefault(path);
            var @new = sides.After.Bytes.GetValueOrDefault(path);
            Assert.True((old is not null && bytes.AsSpan().SequenceEqual(old)) || (@new is not null && bytes.AsSpan().SequenceEqual(@new)),
                $"{what}: {path} holds neither its old nor its new bytes ({bytes.Length} bytes)");
        }
    }

    /// <summary>The tree holds exactly the rendered files and the owned list, and no empty folder.</summary>
    private static void AssertExactly(string dir, GitOpsTree tree)
    {
        var gitops = Path.Combine(dir, "gitops");
        var files = Directory.EnumerateFiles(gitops, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
            .Where(p => p != "gitops/.lock")
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(tree.Bytes.Keys.Append(List).Order(StringComparer.Ordinal), files);
        foreach (var (path, bytes) in tree.Bytes)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(dir, path)).AsSpan().SequenceEqual(bytes), path);
        }
        Assert.Equal(new TreeWriter(dir, List).OwnedListBytes(tree), File.ReadAllBytes(Path.Combine(dir, List)));
        Assert.DoesNotContain(Directory.EnumerateDirectories(gitops, "*", SearchOption.AllDirectories), d => !Directory.EnumerateFileSystemEntries(d).Any());
    }

    private static (int Code, string Output) RunKilled(string host, string root, (int Environments, int Variant) after, long kill)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { host, "tree", "render", "--components", Components.ToString(), "--environments", after.Environments.ToString(),
                     "--variant", after.Variant.ToString(), "--root", root })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment[FileOperations.KillVariable] = kill.ToString();
        // A short run: quick start-up beats the benchmark host's fully optimised code.
        start.Environment["DOTNET_TieredCompilation"] = "1";
        start.Environment["DOTNET_gcServer"] = "0";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)), "the render neither finished nor died");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>The benchmarks host of the same configuration as this test assembly (built first: see the project file).</summary>
    private static string BenchmarksHost()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/', '\\')).Parent!.Name;
        var host = Path.Combine(Support.Paths.RepositoryRoot, "tests", "Lakehouse.Benchmarks", "bin", configuration, "net10.0", "Lakehouse.Benchmarks.dll");
        Assert.True(File.Exists(host), $"{host} is missing: build tests/Lakehouse.Benchmarks ({configuration})");
        return host;
    }

    /// <summary>
    /// A copy of a template tree as hard links (cp -al): safe because the writer never changes a file in
    /// place, it renames a new file over it or unlinks it, so the template's files keep their bytes.
    /// </summary>
    private static string Copy(string from, string to)
    {
        var copy = Process.Start(new ProcessStartInfo("cp", ["-al", from, to]) { UseShellExecute = false })!;
        copy.WaitForExit();
        Assert.Equal(0, copy.ExitCode);
        return to;
    }
}
