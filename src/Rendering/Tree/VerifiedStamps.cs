using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lakehouse.Rendering.Tree;

/// <summary>A file's size and modification time as the tree's scan saw them (lstat, never through a link).</summary>
public readonly record struct FileStamp(long Length, long LastWriteTicks);

/// <summary>
/// What the writer last found in the files of its tree: for each file, its size and modification time at a
/// moment its bytes were known to have a given SHA-256. A file whose size and time are still those, and
/// whose expected bytes have that hash, holds the expected bytes without being read: a re-render of an
/// unchanged tree reads no file (the size/time test git, make and ninja rely on).
/// <para>
/// Kept in the lock file (gitops/.lock, never committed), so a fresh clone has none and reads everything
/// once. A stamp is recorded only for a file older than <see cref="Margin"/> when the render took the
/// lock: a later write to it lands in a later tick of the file system's clock, whatever its granularity,
/// so it changes the time and the file is read again. A hand edit that restores both the size and the
/// nanosecond time of the file is not noticed. The content carries its own SHA-256: a torn or edited
/// record is ignored as a whole, never half-trusted.
/// </para>
/// </summary>
public sealed class VerifiedStamps
{
    /// <summary>How old a file must be before its stamp is trusted: file-system clock ticks and a render's own writes are far shorter.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    private const string Magic = "lakehouse-verified-stamps 1 ";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Dictionary<string, (FileStamp Stamp, string Sha256)> _entries;

    private VerifiedStamps(Dictionary<string, (FileStamp, string)> entries) => _entries = entries;

    public static VerifiedStamps Empty => new(new Dictionary<string, (FileStamp, string)>(StringComparer.Ordinal));

    public int Count => _entries.Count;

    /// <summary>True when <paramref name="path"/> was verified to hold bytes hashing to <paramref name="sha256"/> and still has that stamp.</summary>
    public bool Vouches(string path, FileStamp onDisk, string sha256) =>
        _entries.TryGetValue(path, out var entry) && entry.Stamp == onDisk && entry.Sha256 == sha256;

    /// <summary>The record of files that hold known bytes now, from the files' stamps and hashes, keeping only files older than the cut-off.</summary>
    public static VerifiedStamps Of(IEnumerable<(string Path, FileStamp Stamp, string Sha256)> verified, DateTime lockedAtUtc)
    {
        var cutoff = (lockedAtUtc - Margin).Ticks;
        var entries = new Dictionary<string, (FileStamp, string)>(StringComparer.Ordinal);
        foreach (var (path, stamp, sha256) in verified)
        {
            if (stamp.LastWriteTicks < cutoff)
            {
                entries[path] = (stamp, sha256);
            }
        }
        return new VerifiedStamps(entries);
    }

    /// <summary>True when both records hold the same entries (nothing to save).</summary>
    public bool SameAs(VerifiedStamps other) =>
        other._entries.Count == _entries.Count
        && _entries.All(e => other._entries.TryGetValue(e.Key, out var o) && o == e.Value);

    /// <summary>Reads a record; anything that is not exactly a record this class wrote is an empty one.</summary>
    public static VerifiedStamps Parse(ReadOnlySpan<byte> content)
    {
        var newline = content.IndexOf((byte)'\n');
        if (newline < 0)
        {
            return Empty;
        }
        var header = Utf8.GetString(content[..newline]);
        var body = content[(newline + 1)..];
        if (!header.StartsWith(Magic, StringComparison.Ordinal) || header[Magic.Length..] != Convert.ToHexStringLower(SHA256.HashData(body)))
        {
            return Empty;
        }
        var entries = new Dictionary<string, (FileStamp, string)>(StringComparer.Ordinal);
        // "SHA256 LENGTH TICKS PATH\n": the path last, so it may hold any character but a newline. Read from the
        // bytes field by field: the record of a large tree is megabytes.
        while (!body.IsEmpty)
        {
            var end = body.IndexOf((byte)'\n');
            if (end < 0)
            {
                return Empty;
            }
            var line = body[..end];
            body = body[(end + 1)..];
            if (line.Length < 70 || line[64] != (byte)' ')
            {
                return Empty;
            }
            var sha256 = line[..64];
            var rest = line[65..];
            var space = rest.IndexOf((byte)' ');
            if (space < 0 || !long.TryParse(rest[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                return Empty;
            }
            rest = rest[(space + 1)..];
            space = rest.IndexOf((byte)' ');
            if (space < 0 || !long.TryParse(rest[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                return Empty;
            }
            entries[Utf8.GetString(rest[(space + 1)..])] = (new FileStamp(length, ticks), Encoding.ASCII.GetString(sha256));
        }
        return new VerifiedStamps(entries);
    }

    public byte[] ToBytes()
    {
        var body = new ArrayBufferWriter<byte>(_entries.Count * 120 + 64);
        foreach (var (path, (stamp, sha256)) in _entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            Utf8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{sha256} {stamp.Length} {stamp.LastWriteTicks} {path}\n"), body);
        }
        var header = Utf8.GetBytes(Magic + Convert.ToHexStringLower(SHA256.HashData(body.WrittenSpan)) + "\n");
        return [.. header, .. body.WrittenSpan];
    }
}
