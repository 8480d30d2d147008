namespace Lakehouse.Rendering.Tree;

/// <summary>
/// The whole rendered tree in memory: repository-relative path to file text, in ordinal path order.
/// Renderers add files from several threads; the order of additions never shows in the result.
/// </summary>
public sealed class GitOpsTree
{
    private readonly SortedDictionary<string, string> _files = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Files => _files;

    public void Add(string path, string content)
    {
        lock (_files)
        {
            if (!_files.TryAdd(path, content))
            {
                throw new InvalidOperationException($"two renderers wrote '{path}'");
            }
        }
    }

    public bool Contains(string path)
    {
        lock (_files)
        {
            return _files.ContainsKey(path);
        }
    }
}
