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
    /// Stores an archive whose content, extracted at <paramref name="extracted"/> (a <see cref="Scratch"/> folder), has
    /// digest <paramref name="digest"/>. The whole entry is assembled beside the cache and renamed into place, so a
    /// reader (or another build restoring at the same time) sees no entry or a complete one, never half of one.
    /// </summary>
    public void Store(string name, string version, byte[] archive, string extracted, string digest)
    {
        var staged = Path.Combine(Path.GetDirectoryName(extracted)!, "entry");
        Directory.CreateDirectory(staged);
        File.WriteAllBytes(Path.Combine(staged, $"{name}-{version}.tgz"), archive);
        Directory.Move(extracted, Path.Combine(staged, "chart"));
        File.WriteAllText(Path.Combine(staged, ".digest"), digest + "\n");
        var folder = EntryFolder(name, version);
        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        // Another build may store the same entry at the same moment: whoever renames first wins, the others find
        // the entry complete with the same digest (a few attempts cover an entry moved away under them).
        for (var attempt = 1; ; attempt++)
        {
            if (CompleteDigest(name, version) == digest)
            {
                return;
            }
            try
            {
                if (Directory.Exists(folder))
                {
                    // An incomplete or stale entry: move it aside first (a rename), then remove it.
                    var stale = Scratch();
                    Directory.Move(folder, Path.Combine(stale, "stale"));
                    Directory.Delete(stale, recursive: true);
                }
                Directory.Move(staged, folder);
                return;
            }
            catch (IOException) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>A fresh folder under the cache root to work in (same volume, so the final move is a rename); the caller deletes it.</summary>
    public string Scratch()
    {
        var path = Path.Combine(Root, ".partial", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
