using System.Security.Cryptography;

namespace Lakehouse.Rendering.Tree;

/// <summary>
/// What a path the writer may touch looks like, in one place: a normalised relative path under the
/// tree's root folder, and the names of the writer's own temporary files.
/// </summary>
public static class TreePaths
{
    /// <summary>Every temporary file of the writer is named <c>.NAME.PID-RANDOM.lakehouse-tmp</c>, in the target's folder.</summary>
    public const string TemporarySuffix = ".lakehouse-tmp";

    /// <summary>Why <paramref name="path"/> is not a normalised relative path below <paramref name="treeRoot"/>/, or null when it is.</summary>
    public static string? Problem(string path, string treeRoot)
    {
        if (path.Length == 0)
        {
            return "the path is empty";
        }
        // One pass over the characters (the list of a large tree has tens of thousands of entries).
        foreach (var c in path)
        {
            if (c == '\0')
            {
                return "the path contains a NUL character";
            }
            if (char.IsControl(c))
            {
                return "the path contains a control character";
            }
            if (c == '\\')
            {
                return "the path contains a backslash (paths use '/')";
            }
        }
        if (path[0] == '/' || Path.IsPathRooted(path))
        {
            return "the path is absolute";
        }
        var segments = 0;
        var first = true;
        foreach (var range in path.AsSpan().Split('/'))
        {
            var segment = path.AsSpan(range);
            if (segment.Length == 0)
            {
                return "the path has an empty segment";
            }
            if (segment is "." or "..")
            {
                return $"the path has a '{segment}' segment";
            }
            if (first && !segment.SequenceEqual(treeRoot))
            {
                return $"the path is outside {treeRoot}/";
            }
            first = false;
            segments++;
        }
        return segments < 2 ? $"the path is outside {treeRoot}/" : null;
    }

    /// <summary>True for a file name the writer gives its temporary files.</summary>
    public static bool IsTemporary(string fileName) =>
        fileName.Length > TemporarySuffix.Length + 1 && fileName[0] == '.' && fileName.EndsWith(TemporarySuffix, StringComparison.Ordinal);

    /// <summary>A fresh temporary name beside <paramref name="full"/>: unique per process and attempt, recognised by <see cref="IsTemporary"/>.</summary>
    public static string TemporaryBeside(string full)
    {
        var name = Path.GetFileName(full);
        // Stay well under the 255-byte name limit of common file systems.
        if (name.Length > 180)
        {
            name = name[..180];
        }
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        return Path.Combine(Path.GetDirectoryName(full)!, $".{name}.{Environment.ProcessId}-{random}{TemporarySuffix}");
    }
}
