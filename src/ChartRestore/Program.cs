using System.Diagnostics;
using Lakehouse.ChartRestore;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Versions;

// lakehouse-chart-restore restore --root <repository> [--cache <folder>] [--mirror <folder>] [--default-lock <file>] [--chart-list <file>]
// lakehouse-chart-restore digest <chart folder or .tgz>
return await ChartRestoreCommand.RunAsync(args, Console.Out);

/// <summary>The command line the build's LakehouseRestoreCharts target runs.</summary>
public static class ChartRestoreCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, HttpClient? http = null)
    {
        var verb = args.FirstOrDefault();
        if (verb == "digest" && args.Length == 2)
        {
            var path = args[1];
            output.WriteLine(Directory.Exists(path) ? ContentDigest.OfDirectory(path) : ContentDigest.OfArchive(File.ReadAllBytes(path)));
            return 0;
        }
        var root = Option(args, "--root");
        if (verb != "restore" || root is null)
        {
            output.WriteLine("usage: restore --root <repository root> [--cache <folder>] [--mirror <folder>] [--default-lock <file>] [--chart-list <file>] | digest <chart folder or .tgz>");
            return 2;
        }
        root = Path.GetFullPath(root);
        // A repository's first build with the package: start from the package's lock, as NuGet writes its lock file
        // on the first restore; the user commits it and owns every version from then on.
        var lockPath = Path.Combine(root, ChartLock.FileName);
        if (!File.Exists(lockPath) && Option(args, "--default-lock") is { } defaultLock && File.Exists(defaultLock))
        {
            File.Copy(defaultLock, lockPath);
            output.WriteLine($"lakehouse: wrote {ChartLock.FileName} from the package's default lock (every chart and image of the catalogue at the versions this package was tested with); commit it: from now on its versions are yours.");
        }
        var diagnostics = new List<Diagnostic>();
        var chartLock = ChartLock.Load(root, diagnostics);
        if (chartLock is null)
        {
            diagnostics.ForEach(d => output.WriteLine(d));
            return 1;
        }
        var cache = Option(args, "--cache") is { } c ? new ChartCache(c) : ChartCache.FromEnvironment();
        var mirror = MirrorFolder(root, Option(args, "--mirror"));
        if (mirror is { Exists: false })
        {
            output.WriteLine(new Diagnostic(Rules.ChartUnavailable, new SourceLocation(ChartLock.FileName, 0, 0),
                $"the chart mirror {mirror.Value.Path} ({MirrorSource.Variable}) has no index.yaml"));
            return 1;
        }
        using var client = http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
        IChartSource source = mirror is { } m ? new MirrorSource(m.Path) : new RepositorySource(client);
        var from = mirror is { } f ? $"the mirror {f.Path}" : "its repository";
        var clock = Stopwatch.StartNew();
        var result = await new Restorer(cache, source, from).RestoreAsync(chartLock);
        foreach (var d in result.Diagnostics)
        {
            output.WriteLine(d);
        }
        output.WriteLine($"lakehouse: charts {result.Restored} restored, {result.UpToDate} up to date, {result.Skipped} unverified and not restored, from {(mirror is null ? "the charts' repositories" : "the mirror " + mirror.Value.Path)} into {cache.Root} ({clock.ElapsedMilliseconds} ms).");
        if (result.Succeeded && Option(args, "--chart-list") is { } list)
        {
            WriteChartList(list, chartLock, cache);
        }
        return result.Succeeded ? 0 : 1;
    }

    /// <summary>
    /// The catalogue's build reads this list to hand each chart's restored values (and CRDs) to the type
    /// generator: one line per chart at the version every environment deploys by default,
    /// <c>name|version|chart folder</c>. A chart that could not be restored (unverified, LH0071) is left out,
    /// so its components get no generated types rather than types of another version.
    /// </summary>
    private static void WriteChartList(string path, ChartLock chartLock, ChartCache cache)
    {
        var lines = chartLock.Charts.Values
            .Where(c => cache.CompleteDigest(c.Name, c.Version) is not null)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => $"{c.Name}|{c.Version}|{cache.ChartFolder(c.Name, c.Version)}");
        var text = string.Join("\n", lines) + "\n";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (!File.Exists(path) || File.ReadAllText(path) != text)
        {
            File.WriteAllText(path, text);
        }
    }

    /// <summary>--mirror, else LAKEHOUSE_CHART_MIRROR, else ../shared/charts beside the repository when it exists.</summary>
    private static (string Path, bool Exists)? MirrorFolder(string root, string? option)
    {
        var configured = option ?? Environment.GetEnvironmentVariable(MirrorSource.Variable);
        if (configured is { Length: > 0 })
        {
            var path = Path.GetFullPath(configured, root);
            return (path, File.Exists(Path.Combine(path, "index.yaml")));
        }
        var beside = Path.GetFullPath(Path.Combine(root, "..", "shared", "charts"));
        return Directory.Exists(beside) ? (beside, true) : null;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
