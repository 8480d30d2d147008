namespace Lakehouse.Rendering.Tree;

/// <summary>The whole rendered tree in memory: repository-relative path to file text, in ordinal path order.</summary>
public sealed class GitOpsTree
{
    private readonly SortedDictionary<string, string> _files = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Files => _files;

    public void Add(string path, string content)
    {
        if (!_files.TryAdd(path, content))
        {
            throw new InvalidOperationException($"two renderers wrote '{path}'");
        }
    }

    public bool Contains(string path) => _files.ContainsKey(path);
}
