using System.Buffers;
using System.Text;
using Lakehouse.Model.Diagnostics;

namespace Lakehouse.Rendering.Tree;

/// <summary>One line of the owned list: a file the renderer owns and the SHA-256 of bytes it wrote there (null in a list of an older version).</summary>
public sealed record OwnedEntry(string Path, string? Sha256);

/// <summary>
/// The owned list (gitops/.generated): which files a render wrote, each with the SHA-256 of its bytes,
/// so the next render may delete what it no longer renders and can tell a hand edit from its own
/// output. The list is data to check, not to trust: every entry must be a normalised relative path
/// under the tree's folder, or the list is refused at its line and nothing is written or deleted.
/// While a render changes files the list is "pending": it names the old and the new files (a path may
/// appear with two hashes), so a crash at any point leaves every file the render touched known.
/// </summary>
public sealed class OwnedList
{
    public const string Header = "# Files owned by Lakehouse GitOps, with the SHA-256 of each: 'dotnet build' rewrites and deletes only these. Do not edit.";
    public const string PendingMarker = "# pending: a render was changing the files below; the next render repairs the tree.";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdef");

    public OwnedList(IReadOnlyList<OwnedEntry> entries, bool pending)
    {
        Entries = entries;
        Pending = pending;
    }

    public static OwnedList Empty { get; } = new([], pending: false);

    public IReadOnlyList<OwnedEntry> Entries { get; }

    /// <summary>True when the list was written by a render that has not finished.</summary>
    public bool Pending { get; }

    /// <summary>The owned paths.</summary>
    public HashSet<string> Paths() => Entries.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);

    /// <summary>The hashes the list knows for each path (two while a render is pending); a null hash knows every content.</summary>
    public Dictionary<string, List<string?>> Hashes()
    {
        var hashes = new Dictionary<string, List<string?>>(StringComparer.Ordinal);
        foreach (var entry in Entries)
        {
            if (!hashes.TryGetValue(entry.Path, out var list))
            {
                hashes[entry.Path] = list = [];
            }
            list.Add(entry.Sha256);
        }
        return hashes;
    }

    /// <summary>
    /// Reads a list. <paramref name="listPath"/> is where it is (for positions); <paramref name="ownedByRule"/>
    /// are files owned without the list (the list itself, the env schema): an older list named them, and
    /// an entry naming one grants nothing, so it is skipped.
    /// </summary>
    public static OwnedList Parse(string text, string listPath, string treeRoot, IReadOnlySet<string> ownedByRule, List<Diagnostic> errors)
    {
        var entries = new List<OwnedEntry>();
        var pending = false;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 && i == lines.Length - 1)
            {
                break;
            }
            if (line.StartsWith('#'))
            {
                pending |= line == PendingMarker;
                continue;
            }
            var (hash, path, column) = Split(line);
            if (ownedByRule.Contains(path))
            {
                continue;
            }
            if (TreePaths.Problem(path, treeRoot) is { } problem)
            {
                errors.Add(new Diagnostic(Rules.OwnedPathOutsideTree, new SourceLocation(listPath, i + 1, column),
                    $"owned-list entry '{Printable(path)}' is refused: {problem}; a render only owns files under {treeRoot}/. Nothing was written or deleted; remove the line (or the list, to start over)"));
                continue;
            }
            entries.Add(new OwnedEntry(path, hash));
        }
        return new OwnedList(entries, pending);
    }

    /// <summary>The list's bytes: a header, the pending marker while a render runs, then one "sha256 path" line per entry in path order.</summary>
    public byte[] ToBytes()
    {
        // Straight to UTF-8: the list of a large tree is megabytes, no need for a UTF-16 copy as well.
        var bytes = new ArrayBufferWriter<byte>(Entries.Count * 120 + 256);
        void Line(params string?[] parts)
        {
            foreach (var part in parts)
            {
                if (part is not null)
                {
                    Utf8.GetBytes(part, bytes);
                }
            }
            bytes.Write("\n"u8);
        }
        Line(Header);
        if (Pending)
        {
            Line(PendingMarker);
        }
        // A final list comes in path order with one entry per path; a pending one merges two lists.
        var ordered = Pending
            ? Entries.Distinct().OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Sha256, StringComparer.Ordinal).ToList()
            : Entries;
        foreach (var entry in ordered)
        {
            Line(entry.Sha256, entry.Sha256 is null ? null : " ", entry.Path);
        }
        return bytes.WrittenSpan.ToArray();
    }

    /// <summary>A line is "SHA256 PATH" (64 lower-case hex digits and a space), or just "PATH" in a list of an older version.</summary>
    private static (string? Hash, string Path, int Column) Split(string line)
    {
        if (line.Length > 65 && line[64] == ' ' && !line.AsSpan(0, 64).ContainsAnyExcept(HexDigits))
        {
            return (line[..64], line[65..], 66);
        }
        return (null, line, 1);
    }

    private static string Printable(string path) =>
        string.Concat(path.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
