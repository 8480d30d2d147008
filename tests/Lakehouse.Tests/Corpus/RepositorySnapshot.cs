using System.Security.Cryptography;

namespace Lakehouse.Tests.Corpus;

/// <summary>
/// Every entry below a folder: a file by the hash of its bytes, a folder as such, a symbolic link by its
/// target (never followed). Two snapshots are equal when nothing was created, changed, moved or deleted.
/// </summary>
internal static class RepositorySnapshot
{
    public static SortedDictionary<string, string> Take(string root)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(new DirectoryInfo(root), root, entries);
        return entries;
    }

    /// <summary>Paths that differ between two snapshots (added, removed or changed), in order.</summary>
    public static IReadOnlyList<string> Differences(IDictionary<string, string> before, IDictionary<string, string> after) =>
        before.Keys.Union(after.Keys)
            .Where(k => !before.TryGetValue(k, out var b) || !after.TryGetValue(k, out var a) || a != b)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static void Walk(DirectoryInfo dir, string root, SortedDictionary<string, string> entries)
    {
        foreach (var entry in dir.EnumerateFileSystemInfos())
        {
            var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
            if (entry.LinkTarget is { } target)
            {
                entries[relative] = "link -> " + target;
            }
            else if (entry is DirectoryInfo sub)
            {
                entries[relative] = "folder";
                Walk(sub, root, entries);
            }
            else
            {
                entries[relative] = Hash(entry.FullName);
            }
        }
    }

    private static string Hash(string path)
    {
        try
        {
            return Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unreadable: " + e.GetType().Name;
        }
    }
}
