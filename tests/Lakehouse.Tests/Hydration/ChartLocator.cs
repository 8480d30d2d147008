using System.Formats.Tar;
using System.IO.Compression;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Hydration;

/// <summary>
/// Finds a chart's files at a pinned version. The one place that knows where charts come from, so the
/// integrator can switch it to h-lock's restore: first the restored cache
/// ($LAKEHOUSE_CHART_CACHE or ~/.lakehouse/charts, &lt;name&gt;/&lt;version&gt;/chart/ complete once .digest exists),
/// then, until the lock lands, the mirror's index.yaml and archive ($LAKEHOUSE_CHART_MIRROR or ../shared/charts),
/// extracted into a temporary folder outside the source tree.
/// </summary>
internal static class ChartLocator
{
    private static readonly Dictionary<string, Task<string?>> Extracted = new(StringComparer.Ordinal);

    public static string CacheRoot =>
        Environment.GetEnvironmentVariable("LAKEHOUSE_CHART_CACHE") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".lakehouse", "charts");

    public static string MirrorRoot =>
        Environment.GetEnvironmentVariable("LAKEHOUSE_CHART_MIRROR") is { Length: > 0 } mirror
            ? Path.GetFullPath(mirror)
            : Path.GetFullPath(Path.Combine(Paths.RepositoryRoot, "..", "shared", "charts"));

    /// <summary>
    /// The chart's name: the Application's chart, or for a chart taken from a Git repository the repository's
    /// name (github.com/MarquezProject/marquez.git, path chart: marquez).
    /// </summary>
    public static string ChartName(ChartReference chart) =>
        chart.Chart ?? Path.GetFileNameWithoutExtension(chart.RepoUrl.TrimEnd('/'));

    /// <summary>The folder holding Chart.yaml, or null when neither the cache nor the mirror has the chart.</summary>
    public static Task<string?> Locate(ChartReference chart)
    {
        var name = ChartName(chart);
        var restored = Path.Combine(CacheRoot, name, chart.Version);
        if (File.Exists(Path.Combine(restored, ".digest")) && File.Exists(Path.Combine(restored, "chart", "Chart.yaml")))
        {
            return Task.FromResult<string?>(Path.Combine(restored, "chart"));
        }
        lock (Extracted)
        {
            var key = name + "@" + chart.Version;
            if (!Extracted.TryGetValue(key, out var task))
            {
                task = Task.Run(() => FromMirror(name, chart.Version));
                Extracted[key] = task;
            }
            return task;
        }
    }

    private static string? FromMirror(string name, string version)
    {
        var index = Path.Combine(MirrorRoot, "index.yaml");
        if (!File.Exists(index))
        {
            return null;
        }
        var entries = YamlFiles.Read(File.ReadAllText(index))?["entries"]?[name]?.AsArray();
        var entry = entries?.FirstOrDefault(e => (string?)e?["version"] == version);
        var url = (string?)entry?["urls"]?[0];
        if (url is null)
        {
            return null;
        }
        var archive = Path.Combine(MirrorRoot, url);
        // Keyed by the archive's content, so a changed mirror never serves a stale extraction.
        string digest;
        using (var stream = File.OpenRead(archive))
        {
            digest = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream))[..16].ToLowerInvariant();
        }
        var target = Path.Combine(Path.GetTempPath(), "lakehouse-hydration", "charts", $"{name}-{version}-{digest}");
        if (File.Exists(Path.Combine(target, name, "Chart.yaml")))
        {
            return Path.Combine(target, name);
        }
        // Extract beside the target and move it into place, so a concurrent test run never reads half a chart.
        var staging = target + "." + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(staging);
        using (var file = File.OpenRead(archive))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        {
            TarFile.ExtractToDirectory(gzip, staging, overwriteFiles: true);
        }
        try
        {
            Directory.Move(staging, target);
        }
        catch (IOException) when (Directory.Exists(target))
        {
            Directory.Delete(staging, recursive: true);
        }
        return Path.Combine(target, name);
    }
}
