using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Lakehouse.ChartRestore;

/// <summary>
/// The digest the lock records for a chart version: of the chart's content, not of its archive, because the same
/// chart packaged twice (upstream's archive, the mirror's `helm package`) gives different .tgz bytes.
/// Definition (docs/charts.md#content-digest): take every regular file of the extracted chart, with each
/// subchart archive under a `charts/` folder replaced by its own files (at the paths it would extract to, so a
/// vendored subchart folder and its .tgz give the same digest); order them by relative path ('/'-separated,
/// ordinal UTF-8); sha256 over, per file, UTF-8 path, a 0 byte, the length as 8 bytes big-endian, the bytes.
/// Written "sha256:" + lower-case hex.
/// </summary>
public static class ContentDigest
{
    /// <summary>The digest of an extracted chart folder (its Chart.yaml at the top).</summary>
    public static string OfDirectory(string chartDirectory)
    {
        var files = new List<(string Path, byte[] Bytes)>();
        foreach (var file in Directory.EnumerateFiles(chartDirectory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(chartDirectory, file).Replace('\\', '/');
            Add(files, relative, File.ReadAllBytes(file));
        }
        return Hash(files);
    }

    /// <summary>The digest of a chart archive's content (entries below its top folder).</summary>
    public static string OfArchive(byte[] archive)
    {
        var files = new List<(string Path, byte[] Bytes)>();
        foreach (var (path, bytes) in ReadArchive(archive))
        {
            var slash = path.IndexOf('/');
            if (slash > 0)
            {
                Add(files, path[(slash + 1)..], bytes);
            }
        }
        return Hash(files);
    }

    private static void Add(List<(string Path, byte[] Bytes)> files, string path, byte[] bytes)
    {
        if (IsSubchartArchive(path))
        {
            var folder = path[..(path.LastIndexOf('/') + 1)];
            foreach (var (inner, innerBytes) in ReadArchive(bytes))
            {
                Add(files, folder + inner, innerBytes);
            }
            return;
        }
        files.Add((path, bytes));
    }

    private static bool IsSubchartArchive(string path) =>
        path.EndsWith(".tgz", StringComparison.Ordinal) && (path.StartsWith("charts/", StringComparison.Ordinal) || path.Contains("/charts/", StringComparison.Ordinal))
        && path.LastIndexOf("charts/", StringComparison.Ordinal) + "charts/".Length == path.LastIndexOf('/') + 1;

    private static IEnumerable<(string Path, byte[] Bytes)> ReadArchive(byte[] archive)
    {
        using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile)
            {
                // An empty file has no data stream; it still counts, with no bytes.
                using var copy = new MemoryStream();
                entry.DataStream?.CopyTo(copy);
                yield return (entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name, copy.ToArray());
            }
        }
    }

    private static string Hash(List<(string Path, byte[] Bytes)> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[8];
        foreach (var (path, bytes) in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(path));
            sha.AppendData([0]);
            System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(length, bytes.Length);
            sha.AppendData(length);
            sha.AppendData(bytes);
        }
        return "sha256:" + Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
