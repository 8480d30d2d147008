using System.Formats.Tar;
using System.IO.Compression;

namespace Lakehouse.ChartRestore;

/// <summary>An archive entry that would land outside its chart folder, or is not a file, folder or in-chart link.</summary>
public sealed class UnsafeArchiveException(string message) : Exception(message);

/// <summary>
/// Extracts a chart archive (.tgz, one top folder named after the chart) into a folder, refusing anything that
/// could write outside it: absolute paths, '..' segments, links whose target leaves the chart, device files.
/// A link inside the chart becomes a copy of its target, so the cache holds plain files only.
/// </summary>
public static class SafeExtractor
{
    public static void Extract(byte[] archive, string destination)
    {
        Directory.CreateDirectory(destination);
        var links = new List<(string Path, string Target)>();
        using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes)
            {
                continue;
            }
            var relative = ChartRelative(entry.Name);
            if (relative is null)
            {
                continue; // the top folder itself
            }
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(Inside(destination, relative, entry.Name));
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    var path = Inside(destination, relative, entry.Name);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    using (var file = File.Create(path))
                    {
                        entry.DataStream?.CopyTo(file);
                    }
                    break;
                case TarEntryType.SymbolicLink:
                    // A symbolic link's target is relative to the link's own folder.
                    var linkFolder = relative.Contains('/') ? relative[..relative.LastIndexOf('/')] : "";
                    links.Add((relative, LinkTarget(entry, linkFolder.Length == 0 ? entry.LinkName : linkFolder + "/" + entry.LinkName)));
                    break;
                case TarEntryType.HardLink:
                    // A hard link's target is an archive path, with the chart's top folder.
                    links.Add((relative, LinkTarget(entry, ChartRelative(entry.LinkName) ?? "")));
                    break;
                default:
                    throw new UnsafeArchiveException($"entry '{entry.Name}' is a {entry.EntryType}; a chart holds only files, folders and links inside it");
            }
        }
        foreach (var (path, target) in links)
        {
            var source = Path.Combine(destination, target);
            if (!File.Exists(source))
            {
                throw new UnsafeArchiveException($"link '{path}' points to '{target}', which is not a file of the chart");
            }
            var at = Inside(destination, path, path);
            Directory.CreateDirectory(Path.GetDirectoryName(at)!);
            File.Copy(source, at, overwrite: true);
        }
    }

    /// <summary>The entry's path below the archive's top folder; null for the top folder.</summary>
    private static string? ChartRelative(string name)
    {
        Check(name, name);
        var trimmed = name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name;
        var slash = trimmed.IndexOf('/');
        var rest = slash < 0 ? "" : trimmed[(slash + 1)..].TrimEnd('/');
        return rest.Length == 0 ? null : rest;
    }

    private static string LinkTarget(TarEntry entry, string target)
    {
        // '..' may appear in a link target as long as the resolved target stays in the chart.
        if (entry.LinkName.StartsWith('/') || entry.LinkName.Contains('\\') || entry.LinkName.Contains(':'))
        {
            throw new UnsafeArchiveException($"link '{entry.Name}' points to '{entry.LinkName}', outside the chart");
        }
        var normalised = Normalise(target)
            ?? throw new UnsafeArchiveException($"link '{entry.Name}' points to '{entry.LinkName}', outside the chart");
        return normalised;
    }

    // Resolves '.' and '..' within the chart; null when '..' would climb above it.
    private static string? Normalise(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }
            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }

    private static void Check(string path, string entry)
    {
        if (path.StartsWith('/') || path.Contains('\\') || path.Contains(':') || path.Split('/').Contains(".."))
        {
            throw new UnsafeArchiveException($"entry '{entry}' names '{path}': absolute paths and '..' are refused");
        }
    }

    private static string Inside(string destination, string relative, string entry)
    {
        var full = Path.GetFullPath(Path.Combine(destination, relative));
        var root = Path.GetFullPath(destination).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.Ordinal)
            ? full
            : throw new UnsafeArchiveException($"entry '{entry}' would be written outside the chart");
    }
}
