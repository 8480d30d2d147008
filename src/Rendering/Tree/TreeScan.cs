using System.IO.Enumeration;

namespace Lakehouse.Rendering.Tree;

/// <summary>What an entry on disk is, read without following links (lstat).</summary>
public enum EntryKind
{
    File,
    Directory,
    SymbolicLink,
}

/// <summary>
/// Every entry under the tree's folder, by repository-relative path, read once without following a
/// symbolic link (the enumeration reports a link as a link and never descends into it). One pass
/// serves the confinement checks, leftover and foreign-file detection and the compare.
/// </summary>
public sealed class TreeScan
{
    private readonly Dictionary<string, EntryKind> _entries;
    private readonly Dictionary<string, FileStamp> _stamps;

    private TreeScan(Dictionary<string, EntryKind> entries, Dictionary<string, FileStamp> stamps)
    {
        _entries = entries;
        _stamps = stamps;
    }

    public IReadOnlyDictionary<string, EntryKind> Entries => _entries;

    /// <summary>The size and modification time of a file found by the scan (the same lstat that told its kind).</summary>
    public FileStamp? StampOf(string path) => _stamps.TryGetValue(path, out var stamp) ? stamp : null;

    public EntryKind? KindOf(string path) => _entries.TryGetValue(path, out var kind) ? kind : null;

    /// <summary>Scans <paramref name="repositoryRoot"/>/<paramref name="folder"/>; an absent folder is an empty scan.</summary>
    public static TreeScan Of(string repositoryRoot, string folder)
    {
        var entries = new Dictionary<string, EntryKind>(StringComparer.Ordinal);
        var stamps = new Dictionary<string, FileStamp>(StringComparer.Ordinal);
        var full = Path.TrimEndingDirectorySeparator(Path.Combine(repositoryRoot, folder));
        if (Lstat(full) != EntryKind.Directory)
        {
            return new TreeScan(entries, stamps);
        }
        // Level by level, each level's folders on every core: one lstat per entry (the kind and the stamp),
        // and a tree of tens of thousands of files has thousands of folders to spread.
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = false,
            AttributesToSkip = 0,
            IgnoreInaccessible = false,
            ReturnSpecialDirectories = false,
        };
        var level = new List<(string Full, string Relative)> { (full, folder) };
        while (level.Count > 0)
        {
            var found = new List<(string Path, EntryKind Kind, FileStamp Stamp)>[level.Count];
            Parallel.For(0, level.Count, i =>
            {
                var (directory, relative) = level[i];
                found[i] = [.. new FileSystemEnumerable<(string, EntryKind, FileStamp)>(directory,
                    (ref FileSystemEntry entry) =>
                    {
                        var kind = KindOf(ref entry);
                        return (string.Concat(relative, "/", entry.FileName), kind,
                            kind == EntryKind.File ? new FileStamp(entry.Length, entry.LastWriteTimeUtc.UtcTicks) : default);
                    },
                    options)];
            });
            var next = new List<(string, string)>();
            foreach (var (path, kind, stamp) in found.SelectMany(f => f))
            {
                entries[path] = kind;
                switch (kind)
                {
                    case EntryKind.File:
                        stamps[path] = stamp;
                        break;
                    // Never descend into a link, whatever it points to.
                    case EntryKind.Directory:
                        next.Add((Path.Combine(repositoryRoot, path), path));
                        break;
                }
            }
            level = next;
        }
        return new TreeScan(entries, stamps);
    }

    /// <summary>What <paramref name="full"/> is, without following a link; null when nothing is there.</summary>
    public static EntryKind? Lstat(string full)
    {
        var info = new FileInfo(full);
        if (info.LinkTarget is not null)
        {
            return EntryKind.SymbolicLink;
        }
        if (Directory.Exists(full))
        {
            return EntryKind.Directory;
        }
        return info.Exists ? EntryKind.File : null;
    }

    private static EntryKind KindOf(ref FileSystemEntry entry) =>
        (entry.Attributes & FileAttributes.ReparsePoint) != 0 ? EntryKind.SymbolicLink
        : entry.IsDirectory ? EntryKind.Directory
        : EntryKind.File;
}
