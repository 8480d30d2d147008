using System.Text;
using Lakehouse.ChartRestore;
using Lakehouse.Model.Versions;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Charts;

/// <summary>The chart restore: from a mirror without network, from a repository over HTTP(S), verified by digest.</summary>
public class RestoreTests
{
    private static readonly byte[] Demo = ChartFixtures.Archive("demo", "1.0.0", ("templates/service.yaml", "kind: Service\n"));

    private static string LockText(string repository, string digest, string name = "demo", string version = "1.0.0") => $"""
        lockVersion: 1
        charts:
          {name}:
            repository: {repository}
            version: {version}
            locked:
              {version}: {digest}
        images: {"{}"}
        """;

    private static Task<RestoreResult> Restore(ChartFixtures f, ChartLock chartLock, IChartSource source) =>
        new Restorer(new ChartCache(f.PathOf("cache")), source, "the test source").RestoreAsync(chartLock);

    [Fact]
    public async Task With_a_mirror_every_chart_comes_from_it_and_no_network_request_is_made()
    {
        using var f = new ChartFixtures();
        var mirror = f.Mirror("mirror", ("demo", "1.0.0", Demo));
        // The repository is an address that would fail: a closed port on loopback.
        var chartLock = f.Lock(LockText("https://127.0.0.1:1/charts", ContentDigest.OfArchive(Demo)));
        var network = new NoNetwork();
        using var output = new StringWriter();
        var code = await ChartRestoreCommand.RunAsync(["restore", "--root", f.Root, "--cache", f.PathOf("cache"), "--mirror", mirror], output, new HttpClient(network));
        Assert.True(code == 0, output.ToString());
        Assert.Equal(0, network.Requests);
        Assert.Contains("charts 1 restored, 0 up to date", output.ToString());
        // The cache layout h-hydrate reads (docs/charts.md): the archive, the extracted chart, the digest last.
        var cache = new ChartCache(f.PathOf("cache"));
        Assert.Equal(Demo, File.ReadAllBytes(cache.ArchivePath("demo", "1.0.0")));
        Assert.True(File.Exists(Path.Combine(cache.ChartFolder("demo", "1.0.0"), "Chart.yaml")));
        Assert.True(File.Exists(Path.Combine(cache.ChartFolder("demo", "1.0.0"), "templates", "service.yaml")));
        Assert.Equal(chartLock.Charts["demo"].Versions[0].Digest, cache.CompleteDigest("demo", "1.0.0"));
    }

    [Fact]
    public async Task A_second_restore_finds_every_entry_up_to_date_and_fetches_nothing()
    {
        using var f = new ChartFixtures();
        var chartLock = f.Lock(LockText("https://charts.example.com/", ContentDigest.OfArchive(Demo)));
        var source = new CountingSource(new MirrorSource(f.Mirror("mirror", ("demo", "1.0.0", Demo))));
        Assert.Equal(1, (await Restore(f, chartLock, source)).Restored);
        var again = await Restore(f, chartLock, source);
        Assert.Equal((0, 1), (again.Restored, again.UpToDate));
        Assert.Equal(1, source.Fetches);
    }

    [Fact]
    public async Task Builds_restoring_into_one_cache_at_once_both_succeed_and_leave_one_complete_entry()
    {
        using var f = new ChartFixtures();
        var charts = Enumerable.Range(0, 6).Select(i => ($"demo{i}", "1.0.0", ChartFixtures.Archive($"demo{i}", "1.0.0"))).ToArray();
        var lockText = "charts:\n" + string.Concat(charts.Select(c =>
            $"  {c.Item1}:\n    repository: https://charts.example.com/\n    version: 1.0.0\n    locked:\n      1.0.0: {ContentDigest.OfArchive(c.Item3)}\n"));
        var chartLock = f.Lock(lockText);
        var mirror = f.Mirror("mirror", charts);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Restore(f, chartLock, new MirrorSource(mirror)))));
        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("\n", r.Diagnostics)));
        var cache = new ChartCache(f.PathOf("cache"));
        Assert.All(charts, c => Assert.Equal(ContentDigest.OfArchive(c.Item3), ContentDigest.OfDirectory(cache.ChartFolder(c.Item1, "1.0.0"))));
        Assert.Empty(Directory.GetFileSystemEntries(f.PathOf("cache/.partial")));
    }

    [Fact]
    public async Task A_digest_mismatch_is_an_error_at_the_lock_entry_and_leaves_no_cache_entry()
    {
        using var f = new ChartFixtures();
        var changed = ChartFixtures.Archive("demo", "1.0.0", ("templates/service.yaml", "kind: Service # changed\n"));
        var chartLock = f.Lock(LockText("https://charts.example.com/", ContentDigest.OfArchive(Demo)));
        var result = await Restore(f, chartLock, new MirrorSource(f.Mirror("mirror", ("demo", "1.0.0", changed))));
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics).ToString();
        Assert.StartsWith("charts.lock.yaml(7,7): error LH0072: charts.demo.locked.1.0.0: the content of demo 1.0.0 from the test source has digest sha256:", error);
        Assert.Contains($"the lock says {ContentDigest.OfArchive(Demo)}", error);
        Assert.Null(new ChartCache(f.PathOf("cache")).CompleteDigest("demo", "1.0.0"));
        Assert.False(Directory.Exists(f.PathOf("cache/demo/1.0.0")));
    }

    [Fact]
    public async Task A_digested_chart_missing_from_the_mirror_is_an_error_naming_the_entry()
    {
        using var f = new ChartFixtures();
        var chartLock = f.Lock(LockText("https://charts.example.com/", ContentDigest.OfArchive(Demo)));
        var result = await Restore(f, chartLock, new MirrorSource(f.Mirror("mirror")));
        Assert.False(result.Succeeded);
        Assert.Matches(@"^charts\.lock\.yaml\(7,7\): error LH0073: charts\.demo\.locked\.1\.0\.0: demo 1\.0\.0 cannot be restored from the test source: the mirror .* has no demo 1\.0\.0 in its index\.yaml$",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public async Task An_unverified_chart_that_cannot_be_restored_is_a_warning_and_the_restore_succeeds()
    {
        using var f = new ChartFixtures();
        var chartLock = f.Lock(LockText("https://apache.github.io/superset", "unverified", "superset", "0.22.8"));
        var result = await Restore(f, chartLock, new MirrorSource(f.Mirror("mirror", ("demo", "1.0.0", Demo))));
        Assert.True(result.Succeeded);
        Assert.Equal(1, result.Skipped);
        Assert.StartsWith("charts.lock.yaml(7,7): warning LH0071: charts.superset.locked.0.22.8: superset 0.22.8 is unverified (no digest in the lock) and was not restored",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public async Task An_unverified_chart_that_can_be_restored_is_cached_with_a_warning_giving_its_digest_to_lock()
    {
        using var f = new ChartFixtures();
        var chartLock = f.Lock(LockText("https://charts.example.com/", "unverified"));
        var result = await Restore(f, chartLock, new MirrorSource(f.Mirror("mirror", ("demo", "1.0.0", Demo))));
        Assert.True(result.Succeeded);
        Assert.Contains($"its content digest is {ContentDigest.OfArchive(Demo)}: lock it", Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public async Task Without_a_mirror_the_chart_comes_from_its_repository_index_then_archive()
    {
        using var f = new ChartFixtures();
        using var repository = new LoopbackRepository(new()
        {
            ["/charts/index.yaml"] = Encoding.UTF8.GetBytes(ChartFixtures.Index([("demo", "1.0.0", "archives/demo-1.0.0.tgz")])),
            ["/charts/archives/demo-1.0.0.tgz"] = Demo,
        });
        f.Lock(LockText(repository.BaseUrl + "charts", ContentDigest.OfArchive(Demo)));
        using var output = new StringWriter();
        // No --mirror, no LAKEHOUSE_CHART_MIRROR and no ../shared/charts beside the fixture root.
        var code = await ChartRestoreCommand.RunAsync(["restore", "--root", f.Root, "--cache", f.PathOf("cache")], output);
        Assert.True(code == 0, output.ToString());
        Assert.Contains("from the charts' repositories", output.ToString());
        Assert.Equal(["/charts/index.yaml", "/charts/archives/demo-1.0.0.tgz"], repository.Requested);
        Assert.NotNull(new ChartCache(f.PathOf("cache")).CompleteDigest("demo", "1.0.0"));
    }

    [Fact]
    public async Task An_index_may_name_the_archive_by_an_absolute_url()
    {
        using var f = new ChartFixtures();
        var files = new Dictionary<string, byte[]> { ["/releases/demo-1.0.0.tgz"] = Demo };
        using var repository = new LoopbackRepository(files);
        files["/index.yaml"] = Encoding.UTF8.GetBytes(ChartFixtures.Index([("demo", "1.0.0", repository.BaseUrl + "releases/demo-1.0.0.tgz")]));
        var chartLock = f.Lock(LockText(repository.BaseUrl, ContentDigest.OfArchive(Demo)));
        using var http = new HttpClient();
        var result = await Restore(f, chartLock, new RepositorySource(http));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(["/index.yaml", "/releases/demo-1.0.0.tgz"], repository.Requested);
    }

    [Fact]
    public async Task A_repository_that_does_not_list_the_version_is_an_error_naming_the_entry_and_the_url()
    {
        using var f = new ChartFixtures();
        using var repository = new LoopbackRepository(new()
        {
            ["/index.yaml"] = Encoding.UTF8.GetBytes(ChartFixtures.Index([("demo", "0.9.0", "demo-0.9.0.tgz")])),
        });
        var chartLock = f.Lock(LockText(repository.BaseUrl, ContentDigest.OfArchive(Demo)));
        using var http = new HttpClient();
        var result = await Restore(f, chartLock, new RepositorySource(http));
        Assert.Equal($"charts.lock.yaml(7,7): error LH0073: charts.demo.locked.1.0.0: demo 1.0.0 cannot be restored from the test source: {repository.BaseUrl}index.yaml lists no demo 1.0.0",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public async Task A_git_chart_without_a_mirror_is_a_documented_error()
    {
        using var f = new ChartFixtures();
        var chartLock = f.Lock("""
            charts:
              marquez:
                git: https://github.com/MarquezProject/marquez.git
                path: chart
                version: 0.51.1
                locked:
                  0.51.1: sha256:52992e8f69383c698dfb45f3dbd2b4ee21b431a99a81199906a850839eb3411c
            """);
        var network = new NoNetwork();
        var result = await Restore(f, chartLock, new RepositorySource(new HttpClient(network)));
        Assert.Contains("error LH0073: charts.marquez.locked.0.51.1: marquez 0.51.1 cannot be restored from the test source: marquez 0.51.1 is a chart in Git", Assert.Single(result.Diagnostics).ToString());
        Assert.Equal(0, network.Requests);
    }

    [Fact]
    public async Task An_archive_escaping_its_chart_is_refused_and_nothing_is_written_outside_the_cache_entry()
    {
        using var f = new ChartFixtures();
        var evil = ChartFixtures.Tar(
            ChartFixtures.Entry(System.Formats.Tar.TarEntryType.RegularFile, "demo/Chart.yaml", "name: demo\n"),
            ChartFixtures.Entry(System.Formats.Tar.TarEntryType.RegularFile, "demo/../../escaped.txt", "x"));
        var chartLock = f.Lock(LockText("https://charts.example.com/", "unverified"));
        var result = await Restore(f, chartLock, new MirrorSource(f.Mirror("mirror", ("demo", "1.0.0", evil))));
        Assert.Contains("error LH0074: charts.demo.locked.1.0.0: the archive of demo 1.0.0 from the test source was refused: entry 'demo/../../escaped.txt'", Assert.Single(result.Diagnostics).ToString());
        Assert.Empty(Directory.GetFiles(f.Root, "escaped.txt", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(f.PathOf("cache/demo/1.0.0")));
    }

    [Fact]
    public async Task The_repository_lock_restores_and_verifies_from_the_shared_mirror()
    {
        var mirror = Path.GetFullPath(Path.Combine(Paths.RepositoryRoot, "..", "shared", "charts"));
        Assert.SkipUnless(File.Exists(Path.Combine(mirror, "index.yaml")), $"the chart mirror {mirror} is absent");
        using var f = new ChartFixtures();
        File.Copy(Path.Combine(Paths.RepositoryRoot, ChartLock.FileName), f.PathOf(ChartLock.FileName));
        using var output = new StringWriter();
        var code = await ChartRestoreCommand.RunAsync(["restore", "--root", f.Root, "--cache", f.PathOf("cache"), "--mirror", mirror], output, new HttpClient(new NoNetwork()));
        Assert.True(code == 0, output.ToString());
        // Every digested chart verified; exactly the four unverified ones (not in the mirror) reported.
        Assert.Contains("charts 14 restored, 0 up to date, 4 unverified and not restored", output.ToString());
        Assert.Equal(4, output.ToString().Split('\n').Count(l => l.Contains("warning LH0071")));
        Assert.Contains("charts.crossplane.locked.1.20.1", output.ToString());
        Assert.Contains("charts.dagster.locked.1.11.13", output.ToString());
        Assert.Contains("charts.external-secrets.locked.0.19.2", output.ToString());
        Assert.Contains("charts.superset.locked.0.22.8", output.ToString());
    }

    [Fact]
    public void The_build_ran_the_restore_before_compiling_the_definitions()
    {
        // dotnet build / dotnet test build definitions/, whose LakehouseRestoreCharts target leaves this stamp.
        var stamp = Path.Combine(Paths.RepositoryRoot, "definitions", "obj", "lakehouse-charts.stamp");
        Assert.True(File.Exists(stamp), $"{stamp} is missing: the restore target did not run");
        Assert.True(File.GetLastWriteTimeUtc(stamp) >= File.GetLastWriteTimeUtc(Path.Combine(Paths.RepositoryRoot, ChartLock.FileName)));
    }

    private sealed class CountingSource(IChartSource inner) : IChartSource
    {
        private int _fetches;

        public int Fetches => _fetches;

        public Task<byte[]> FetchAsync(LockedChart chart, string version, CancellationToken cancel)
        {
            Interlocked.Increment(ref _fetches);
            return inner.FetchAsync(chart, version, cancel);
        }
    }
}
