using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Lakehouse.Model.Diagnostics;

namespace Lakehouse.Rendering.Environments;

/// <summary>
/// Finds and reads env/*.yaml. Whatever the file system holds (a file where the folder should be, a
/// folder or a symbolic link where a file should be, an unreadable or oversized file, bytes that are not
/// UTF-8, a *.yml file that would otherwise be ignored) becomes a diagnostic naming the path: reading
/// never throws. Only regular files are read, never through a link, so the render's input is exactly
/// what env/ holds in Git.
/// </summary>
public static class EnvironmentFiles
{
    /// <summary>Env files are a few kilobytes; a megabyte is a mistake (or an attack), not configuration.</summary>
    public const int MaxBytes = 1024 * 1024;

    private static readonly UTF8Encoding Utf8Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The env files below <paramref name="root"/> in name order, as (repository-relative path, text);
    /// files that cannot be read are reported and left out. Null when the env/ folder itself is unusable.
    /// </summary>
    /// <param name="root">The repository root.</param>
    /// <param name="diagnostics">Receives every finding.</param>
    /// <param name="open">Opens a file for reading; tests substitute it to simulate I/O failures.</param>
    public static IReadOnlyList<(string Path, string Text)>? Read(string root, List<Diagnostic> diagnostics, Func<string, Stream>? open = null)
    {
        open ??= path => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var dir = System.IO.Path.Combine(root, "env");
        var folder = new DirectoryInfo(dir);
        if (folder.LinkTarget is { } folderLink)
        {
            diagnostics.Add(Error("env", $"env is a symbolic link (to '{folderLink}'); environment files are read only from the repository's own env/ folder"));
            return null;
        }
        if (File.Exists(dir))
        {
            diagnostics.Add(Error("env", "env is a file; environment files live in the folder env/ (env/<name>.yaml)"));
            return null;
        }
        if (!folder.Exists)
        {
            return [];
        }
        List<FileSystemInfo> entries;
        try
        {
            entries = folder.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            diagnostics.Add(Error("env", $"the folder env/ cannot be listed: {Relative(e.Message, dir, "env")}"));
            return null;
        }
        var files = new List<(string, string)>();
        foreach (var entry in entries)
        {
            var relative = "env/" + entry.Name;
            if (!entry.Name.EndsWith(".yaml", StringComparison.Ordinal))
            {
                if (entry.Name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || entry.Name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                {
                    var renamed = entry.Name[..entry.Name.LastIndexOf('.')] + ".yaml";
                    diagnostics.Add(new Diagnostic(Rules.YamlExtension, new SourceLocation(relative, 0, 0),
                        $"only env/*.yaml files are read, so this one would be ignored; rename it to env/{renamed}"));
                }
                continue;
            }
            if (Check(entry, relative) is { } refused)
            {
                diagnostics.Add(refused);
                continue;
            }
            if (ReadText(System.IO.Path.Combine(dir, entry.Name), relative, open, diagnostics) is { } text)
            {
                files.Add((relative, text));
            }
        }
        return files;
    }

    /// <summary>Decodes <paramref name="bytes"/> as UTF-8 (a leading byte-order mark is skipped); invalid bytes are an error at their line.</summary>
    public static string? Decode(string relative, ReadOnlySpan<byte> bytes, List<Diagnostic> diagnostics)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }
        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            var lineStart = bytes[..read].LastIndexOf((byte)'\n') + 1;
            var line = bytes[..read].Count((byte)'\n') + 1;
            var column = Utf8Strict.GetCharCount(bytes[lineStart..read]) + 1;
            diagnostics.Add(new Diagnostic(Rules.NotText, new SourceLocation(relative, line, column),
                $"byte 0x{bytes[read]:X2} is not valid UTF-8; save the file as UTF-8"));
            return null;
        }
        return new string(chars, 0, written);
    }

    private static Diagnostic? Check(FileSystemInfo entry, string relative)
    {
        if (entry.LinkTarget is { } target)
        {
            var resolved = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(entry.FullName)!, target);
            return Path.Exists(resolved)
                ? Error(relative, $"{relative} is a symbolic link (to '{target}'); env files are regular files, read from env/ only")
                : Error(relative, $"{relative} is a symbolic link to '{target}', which does not exist");
        }
        if (entry is DirectoryInfo)
        {
            return Error(relative, $"{relative} is a folder; an environment is one file, env/<name>.yaml");
        }
        return null;
    }

    private static string? ReadText(string full, string relative, Func<string, Stream> open, List<Diagnostic> diagnostics)
    {
        byte[] bytes;
        int length;
        try
        {
            using var stream = open(full);
            bytes = new byte[MaxBytes + 1];
            length = 0;
            int n;
            while (length < bytes.Length && (n = stream.Read(bytes, length, bytes.Length - length)) > 0)
            {
                length += n;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException or NotSupportedException)
        {
            diagnostics.Add(Error(relative, $"{relative} cannot be read: {Relative(e.Message, full, relative)}"));
            return null;
        }
        if (length > MaxBytes)
        {
            var within = bytes.AsSpan(0, MaxBytes);
            var line = within.Count((byte)'\n') + 1;
            var column = MaxBytes - (within.LastIndexOf((byte)'\n') + 1) + 1;
            diagnostics.Add(new Diagnostic(Rules.YamlLimit, new SourceLocation(relative, line, column),
                $"the file is larger than {MaxBytes} bytes (1 MiB), the limit for an environment file; the limit is crossed here"));
            return null;
        }
        return Decode(relative, bytes.AsSpan(0, length), diagnostics);
    }

    // The system's message names the absolute path; diagnostics name repository-relative ones, the same on every machine.
    private static string Relative(string message, string full, string relative) =>
        message.Replace(full, relative, StringComparison.Ordinal);

    private static Diagnostic Error(string path, string message) =>
        new(Rules.UnreadableEnvironment, new SourceLocation(path, 0, 0), message);
}
