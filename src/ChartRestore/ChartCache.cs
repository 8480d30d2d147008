namespace Lakehouse.ChartRestore;

/// <summary>
/// The chart cache, outside every source tree (docs/charts.md): &lt;root&gt;/&lt;name&gt;/&lt;version&gt;/ holds
/// &lt;name&gt;-&lt;version&gt;.tgz (the archive as obtained), chart/ (it, extracted) and .digest (the content
/// digest, written last: its presence means the entry is complete).
/// </summary>
public sealed class ChartCache(string root)
{
    public const string RootVariable = "LAKEHOUSE_CHART_CACHE";

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>LAKEHOUSE_CHART_CACHE, else ~/.lakehouse/charts.</summary>
    public static ChartCache FromEnvironment() =>
        new(Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".lakehouse", "charts"));

    public string EntryFolder(string name, string version) => Path.Combine(Root, name, version);

    public string ArchivePath(string name, string version) => Path.Combine(EntryFolder(name, version), $"{name}-{version}.tgz");

    public string ChartFolder(string name, string version) => Path.Combine(EntryFolder(name, version), "chart");

    public string DigestPath(string name, string version) => Path.Combine(EntryFolder(name, version), ".digest");

    /// <summary>The digest of a complete entry, or null when the entry is absent or was left incomplete.</summary>
    public string? CompleteDigest(string name, string version) =>
        File.Exists(DigestPath(name, version)) ? File.ReadAllText(DigestPath(name, version)).Trim() : null;

    /// <summary>
    /// Stores an archive whose content has digest <paramref name="digest"/>: extracted beside the entry first, then
    /// moved into place, the digest file last, so a reader never sees half an entry.
    /// </summary>
    public void Store(string name, string version, byte[] archive, string extracted, string digest)
    {
        var folder = EntryFolder(name, version);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(ArchivePath(name, version), archive);
        Directory.Move(extracted, ChartFolder(name, version));
        File.WriteAllText(DigestPath(name, version), digest + "\n");
    }

    /// <summary>A fresh folder under the cache root to extract into (same volume, so the final move is a rename).</summary>
    public string Scratch()
    {
        var path = Path.Combine(Root, ".partial", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
