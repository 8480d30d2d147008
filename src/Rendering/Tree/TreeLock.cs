namespace Lakehouse.Rendering.Tree;

/// <summary>
/// The lock a render or check holds on a tree for its whole run: an exclusive OS lock (flock, through
/// FileShare.None) on gitops/.lock, released when the process ends however it ends. A second render
/// waits for it, up to a bound, then fails with LH0024.
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

    public void Dispose() => _stream.Dispose();
}
