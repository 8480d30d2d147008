using System.Diagnostics;
using System.Globalization;

namespace Lakehouse.Rendering.Tree;

/// <summary>
/// Every change the tree writer makes to the file system goes through here, one operation at a time:
/// create a folder, write a file through a temporary file and a rename, delete a file, remove an empty
/// folder. Counting them gives tests a seam to stop a render at any point: with
/// <see cref="KillVariable"/>=N in the environment the process kills itself (SIGKILL, nothing flushed or
/// cleaned) just before its Nth operation, halfway through the bytes when that operation is a write.
/// </summary>
public sealed class FileOperations
{
    /// <summary>The key under which a failed operation's exception carries the path it was changing.</summary>
    public const string PathKey = "Lakehouse.Path";

    /// <summary>Test-only: the 1-based operation before which the process kills itself.</summary>
    public const string KillVariable = "LAKEHOUSE_TEST_KILL_AT_OPERATION";

    private readonly long _killAt;
    private readonly long _failAt;
    private readonly Func<string, Exception>? _failure;

    /// <param name="killAt">Kill the process before this operation (0: never).</param>
    /// <param name="failAt">Throw <paramref name="failure"/> instead of this operation (0: never).</param>
    /// <param name="failure">The exception to throw, given the operation's path: a test seam for refusals (a read-only folder, a full disk) that a test run as root cannot provoke.</param>
    public FileOperations(long killAt = 0, long failAt = 0, Func<string, Exception>? failure = null)
    {
        _killAt = killAt;
        _failAt = failAt;
        _failure = failure;
    }

    /// <summary>The operations of the process: armed by <see cref="KillVariable"/> when it is set.</summary>
    public static FileOperations FromEnvironment() =>
        long.TryParse(Environment.GetEnvironmentVariable(KillVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? new FileOperations(killAt: n)
            : new FileOperations();

    private long _count;

    /// <summary>Operations done so far (the writer writes files on several threads).</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>When set, each operation is recorded here as "kind path" (tests map a kill point to what it interrupted).</summary>
    public List<string>? Journal { get; init; }

    public void CreateDirectory(string full)
    {
        Step("mkdir", full);
        Directory.CreateDirectory(full);
    }

    public void DeleteFile(string full)
    {
        Step("unlink", full);
        File.Delete(full);
    }

    public void DeleteEmptyDirectory(string full)
    {
        Step("rmdir", full);
        Directory.Delete(full, recursive: false);
    }

    /// <summary>
    /// Writes <paramref name="bytes"/> to a new temporary file beside <paramref name="full"/> (created
    /// exclusively: never through an existing file or link) and renames it over the target, so the
    /// target holds its old bytes or its new bytes, never a part. <paramref name="flush"/> forces the
    /// bytes to disk before the rename.
    /// </summary>
    public void WriteAtomically(string full, byte[] bytes, bool flush = false)
    {
        try
        {
            WriteThroughTemporary(full, bytes, flush);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            e.Data[PathKey] = full;
            throw;
        }
    }

    private void WriteThroughTemporary(string full, ReadOnlySpan<byte> bytes, bool flush)
    {
        Step("create", full);
        var temporary = CreateTemporary(full, out var handle);
        using (handle)
        {
            if (Step("write", temporary, partial: true) is { } kill)
            {
                RandomAccess.Write(handle, bytes[..(bytes.Length / 2)], 0);
                kill();
            }
            RandomAccess.Write(handle, bytes, 0);
            if (flush)
            {
                RandomAccess.FlushToDisk(handle);
            }
        }
        Step("rename", full);
        File.Move(temporary, full, overwrite: true);
    }

    private static string CreateTemporary(string full, out Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        for (var attempt = 1; ; attempt++)
        {
            var temporary = TreePaths.TemporaryBeside(full);
            try
            {
                // CreateNew: O_CREAT|O_EXCL, which fails on any existing entry, a symbolic link included.
                // FileShare.ReadWrite: no advisory lock system call per file.
                handle = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                return temporary;
            }
            catch (IOException) when (attempt < 3 && Path.Exists(temporary))
            {
                // A name taken by a leftover of an earlier process with the same id: draw another.
            }
        }
    }

    /// <summary>Counts an operation; kills or fails here when armed. With <paramref name="partial"/>, returns the kill to run after a partial write.</summary>
    private Action? Step(string kind, string path, bool partial = false)
    {
        var count = Interlocked.Increment(ref _count);
        if (Journal is { } journal)
        {
            lock (journal)
            {
                journal.Add(kind + " " + path);
            }
        }
        if (count == _failAt && _failure is not null)
        {
            throw _failure(path);
        }
        if (count != _killAt)
        {
            return null;
        }
        if (partial)
        {
            return Kill;
        }
        Kill();
        return null;
    }

    private static void Kill()
    {
        Process.GetCurrentProcess().Kill();
        Thread.Sleep(Timeout.Infinite);
    }
}
