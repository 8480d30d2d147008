using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Lakehouse.Rendering.Tree;

/// <summary>
/// The whole rendered tree in memory: repository-relative path to file content, in ordinal path order.
/// Content is kept as the UTF-8 bytes that will be written (half the memory of strings, no second
/// encoding pass in the writer); <see cref="Files"/> reads it as text. Renderers add files from several
/// threads; the order of additions never shows in the result.
/// </summary>
public sealed class GitOpsTree
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly SortedDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    /// <summary>The files as UTF-8 bytes, exactly as they are written.</summary>
    public IReadOnlyDictionary<string, byte[]> Bytes => _files;

    /// <summary>The files as text.</summary>
    public IReadOnlyDictionary<string, string> Files => new TextView(_files);

    public void Add(string path, string content)
    {
        var bytes = Utf8.GetBytes(content);
        lock (_files)
        {
            if (!_files.TryAdd(path, bytes))
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

    /// <summary>A read-only text view that decodes a file when it is read.</summary>
    private sealed class TextView(SortedDictionary<string, byte[]> files) : IReadOnlyDictionary<string, string>
    {
        public string this[string key] => Utf8.GetString(files[key]);

        public IEnumerable<string> Keys => files.Keys;

        public IEnumerable<string> Values => files.Values.Select(Utf8.GetString);

        public int Count => files.Count;

        public bool ContainsKey(string key) => files.ContainsKey(key);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
        {
            var found = files.TryGetValue(key, out var bytes);
            value = found ? Utf8.GetString(bytes!) : null;
            return found;
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
            files.Select(p => KeyValuePair.Create(p.Key, Utf8.GetString(p.Value))).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
