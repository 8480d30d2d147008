using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lakehouse.Rendering.Review.Explain;

/// <summary>A scalar of a YAML file: its key path (a.b[0].c), text, style and where it is.</summary>
internal sealed record YamlScalar(string KeyPath, string Text, ScalarStyle Style, Mark Start, Mark End);

/// <summary>Key paths and positions of a YAML document's values (one document).</summary>
internal static class YamlPositions
{
    public static IReadOnlyList<YamlScalar> Scalars(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var result = new List<YamlScalar>();
        foreach (var document in stream.Documents)
        {
            Walk(document.RootNode, "", result);
        }
        return result;
    }

    /// <summary>The key path of the value on <paramref name="line"/> (1-based): the deepest key or item that starts there.</summary>
    public static string? KeyPathAt(string text, int line)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        string? found = null;
        foreach (var document in stream.Documents)
        {
            Find(document.RootNode, "", line, ref found);
        }
        return found;
    }

    private static void Find(YamlNode node, string path, int line, ref string? found)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    var child = Join(path, ((YamlScalarNode)key).Value ?? "");
                    if (key.Start.Line == line)
                    {
                        found = child;
                    }
                    Find(value, child, line, ref found);
                }
                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    var child = $"{path}[{i}]";
                    if (sequence.Children[i].Start.Line == line)
                    {
                        found = child;
                    }
                    Find(sequence.Children[i], child, line, ref found);
                }
                break;
        }
    }

    private static void Walk(YamlNode node, string path, List<YamlScalar> result)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    Walk(value, Join(path, ((YamlScalarNode)key).Value ?? ""), result);
                }
                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Walk(sequence.Children[i], $"{path}[{i}]", result);
                }
                break;
            case YamlScalarNode scalar:
                result.Add(new YamlScalar(path, scalar.Value ?? "", scalar.Style, scalar.Start, scalar.End));
                break;
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
