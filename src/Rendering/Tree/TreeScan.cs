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

    private TreeScan(Dictionary<string, EntryKind> entries) => _entries = entries;

    public IReadOnlyDictionary<string, EntryKind> Entries => _entries;

    public EntryKind? KindOf(string path) => _entries.TryGetValue(path, out var kind) ? kind : null;

    /// <summary>Scans <paramref name="repositoryRoot"/>/<paramref name="folder"/>; an absent folder is an empty scan.</summary>
    public static TreeScan Of(string repositoryRoot, string folder)
    {
        var entries = new Dictionary<string, EntryKind>(StringComparer.Ordinal);
        var full = Path.TrimEndingDirectorySeparator(Path.Combine(repositoryRoot, folder));
        if (Lstat(full) != EntryKind.Directory)
        {
            return new TreeScan(entries);
        }
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = 0,
            IgnoreInaccessible = false,
            ReturnSpecialDirectories = false,
        };
        var enumeration = new FileSystemEnumerable<(string Path, EntryKind Kind)>(full,
            (ref FileSystemEntry entry) =>
                // entry.Directory is full or a folder below it: the relative path without normalising anything.
                (string.Concat(folder, entry.Directory[full.Length..], "/", entry.FileName), KindOf(ref entry)),
            options)
        {
            // Never descend into a link, whatever it points to.
            ShouldRecursePredicate = (ref FileSystemEntry entry) => KindOf(ref entry) == EntryKind.Directory,
        };
        foreach (var (path, kind) in enumeration)
        {
            entries[path] = kind;
        }
        return new TreeScan(entries);
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
