namespace Lakehouse.Rendering.Tree;

/// <summary>
/// The lock a render or check holds on a tree for its whole run: an exclusive OS lock (flock, through
/// FileShare.None) on gitops/.lock, released when the process ends however it ends. A second render
/// waits for it, up to a bound, then fails with LH0024. The file's content is the writer's
/// <see cref="VerifiedStamps"/>: read and replaced only while the lock is held.
/// </summary>
public sealed class TreeLock : IDisposable
{
    private readonly FileStream _stream;

    private TreeLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock, waiting up to <paramref name="wait"/>; null when another process still holds it.</summary>
    public static TreeLock? Acquire(string lockFile, TimeSpan wait, Action? waiting = null)
    {
        var deadline = DateTime.UtcNow + wait;
        var announced = false;
        while (true)
        {
            try
            {
                return new TreeLock(new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline && File.Exists(lockFile))
            {
                if (!announced)
                {
                    waiting?.Invoke();
                    announced = true;
                }
                Thread.Sleep(50);
            }
            catch (IOException) when (File.Exists(lockFile))
            {
                return null;
            }
        }
    }

    /// <summary>When the lock was taken (the local clock).</summary>
    public DateTime TakenAtUtc { get; } = DateTime.UtcNow;

    /// <summary>The lock file's content (an old, empty or unreadable file reads as nothing).</summary>
    public byte[] ReadContent()
    {
        try
        {
            _stream.Position = 0;
            var content = new byte[_stream.Length];
            _stream.ReadExactly(content);
            return content;
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>Replaces the lock file's content; a failure leaves a record that fails its own checksum, so it is ignored.</summary>
    public void ReplaceContent(byte[] content)
    {
        try
        {
            _stream.Position = 0;
            _stream.SetLength(0);
            _stream.Write(content);
            _stream.Flush();
        }
        catch (IOException)
        {
            // Only the next render's speed depends on it.
        }
    }

    public void Dispose() => _stream.Dispose();
}
