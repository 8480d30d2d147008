using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Lakehouse.Rendering.Tree;

/// <summary>
/// The whole rendered tree in memory: repository-relative path to file content, in ordinal path order.
/// Content is kept as the UTF-8 bytes that will be written (half the memory of strings, no second
/// encoding pass in the writer); <see cref="Files"/> reads it as text. Renderers add files from several
/// threads; the order of additions never shows in the result. Additions go to a lock-free queue (tens of
/// thousands of files arrive from every core at once: a sorted map under one lock, and then a concurrent
/// dictionary, whose few striped locks and resizes under all of them, kept the other core waiting); the
/// sorted view is built, and a path added twice reported, when the tree is read.
/// </summary>
public sealed class GitOpsTree
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly ConcurrentQueue<KeyValuePair<string, byte[]>> _added = new();
    private SortedView? _sorted;

    /// <summary>The files as UTF-8 bytes, exactly as they are written, in ordinal path order.</summary>
    public IReadOnlyDictionary<string, byte[]> Bytes => Sorted();

    /// <summary>The files as text.</summary>
    public IReadOnlyDictionary<string, string> Files => new TextView(Sorted());

    public void Add(string path, string content) => Add(path, Utf8.GetBytes(content));

    /// <summary>Adds a file as the UTF-8 bytes it is written as (no byte order mark).</summary>
    public void Add(string path, byte[] content)
    {
        _added.Enqueue(KeyValuePair.Create(path, content));
        Volatile.Write(ref _sorted, null);
    }

    public bool Contains(string path) => Sorted().ContainsKey(path);

    /// <summary>The sorted view, rebuilt only after files were added since it was last built.</summary>
    private SortedView Sorted()
    {
        if (Volatile.Read(ref _sorted) is { } sorted)
        {
            return sorted;
        }
        var pairs = _added.ToArray();
        Array.Sort(pairs, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var byPath = new Dictionary<string, byte[]>(pairs.Length, StringComparer.Ordinal);
        foreach (var (path, bytes) in pairs)
        {
            if (!byPath.TryAdd(path, bytes))
            {
                throw new InvalidOperationException($"two renderers wrote '{path}'");
            }
        }
        sorted = new SortedView(pairs, byPath);
        Volatile.Write(ref _sorted, sorted);
        return sorted;
    }

    /// <summary>The files in ordinal path order for enumeration, with a hash map for look-ups.</summary>
    private sealed class SortedView(KeyValuePair<string, byte[]>[] ordered, Dictionary<string, byte[]> byPath) : IReadOnlyDictionary<string, byte[]>
    {
        public byte[] this[string key] => byPath[key];

        public IEnumerable<string> Keys => ordered.Select(p => p.Key);

        public IEnumerable<byte[]> Values => ordered.Select(p => p.Value);

        public int Count => ordered.Length;

        public bool ContainsKey(string key) => byPath.ContainsKey(key);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out byte[] value) => byPath.TryGetValue(key, out value);

        public IEnumerator<KeyValuePair<string, byte[]>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, byte[]>>)ordered).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A read-only text view that decodes a file when it is read.</summary>
    private sealed class TextView(IReadOnlyDictionary<string, byte[]> files) : IReadOnlyDictionary<string, string>
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
