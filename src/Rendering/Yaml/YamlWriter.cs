using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lakehouse.Model.Yaml;

namespace Lakehouse.Rendering.Yaml;

/// <summary>
/// The one YAML writer for every file in the tree: keys in the order the model built them, two-space
/// indent with indented sequences, LF line ends, strings double-quoted whenever they would read back as
/// another type or are not safe as plain scalars, multi-line strings as literal blocks, and a header
/// comment naming the sources.
/// </summary>
/// <remarks>
/// Written directly from the JSON tree into a StringBuilder rather than through YamlDotNet's event
/// emitter: the scale benchmark (docs/performance.md) spent most of its render time in the emitter's
/// per-scalar analysis. The output is read back with YamlDotNet in the tests, so the two agree.
/// </remarks>
public static class YamlWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Builders kept per thread between documents: a render writes tens of thousands of files.</summary>
    [ThreadStatic]
    private static StringBuilder? _cached;

    /// <summary>One YAML document, preceded by "# " comment lines from <paramref name="header"/>.</summary>
    public static string Write(JsonNode? document, IEnumerable<string> header)
    {
        var sb = Rent();
        Document(sb, document, header);
        var text = sb.ToString();
        Return(sb);
        return text;
    }

    /// <summary>
    /// The same document as <see cref="Write"/>, as the UTF-8 bytes (no byte order mark) the tree writes: encoded
    /// straight from the builder, without the intermediate string.
    /// </summary>
    public static byte[] WriteUtf8(JsonNode? document, IEnumerable<string> header)
    {
        var sb = Rent();
        Document(sb, document, header);
        return Encode(sb);
    }

    /// <summary>The builder's text as UTF-8, straight from its buffer; the builder goes back to the thread.</summary>
    private static byte[] Encode(StringBuilder sb)
    {
        byte[] bytes;
        var chunks = sb.GetChunks();
        if (chunks.MoveNext() && chunks.Current.Length == sb.Length)
        {
            var span = chunks.Current.Span;
            bytes = new byte[Utf8.GetByteCount(span)];
            Utf8.GetBytes(span, bytes);
        }
        else
        {
            // Several chunks could split a surrogate pair between them: encode the whole text at once.
            bytes = Utf8.GetBytes(sb.ToString());
        }
        Return(sb);
        return bytes;
    }

    private static StringBuilder Rent()
    {
        var sb = _cached ?? new StringBuilder(16 * 1024);
        _cached = null;
        return sb;
    }

    private static void Return(StringBuilder sb)
    {
        // Clearing keeps one buffer of the whole capacity; a rare huge document is not kept alive.
        if (sb.Capacity <= 1024 * 1024)
        {
            sb.Clear();
            _cached = sb;
        }
    }

    private static void Header(StringBuilder sb, IEnumerable<string> header)
    {
        foreach (var line in header)
        {
            sb.Append("# ").Append(line).Append('\n');
        }
    }

    private static void Document(StringBuilder sb, JsonNode? document, IEnumerable<string> header)
    {
        Header(sb, header);
        switch (document)
        {
            case JsonObject { Count: > 0 } map:
                WriteMap(sb, map, 0, firstLineWritten: false);
                break;
            case JsonArray { Count: > 0 } list:
                WriteList(sb, list, 0);
                break;
            default:
                WriteInline(sb, document, 0);
                sb.Append('\n');
                break;
        }
    }

    private static void WriteMap(StringBuilder sb, JsonObject map, int indent, bool firstLineWritten)
    {
        var first = true;
        foreach (var (key, value) in map)
        {
            if (!(first && firstLineWritten))
            {
                sb.Append(' ', indent);
            }
            first = false;
            WriteScalarString(sb, key, indent, asKey: true);
            sb.Append(':');
            WriteValue(sb, value, indent);
        }
    }

    private static void WriteList(StringBuilder sb, JsonArray list, int indent)
    {
        foreach (var item in list)
        {
            sb.Append(' ', indent).Append('-');
            switch (item)
            {
                case JsonObject { Count: > 0 } map:
                    sb.Append(' ');
                    WriteMap(sb, map, indent + 2, firstLineWritten: true);
                    break;
                case JsonArray { Count: > 0 } inner:
                    sb.Append('\n');
                    WriteList(sb, inner, indent + 2);
                    break;
                default:
                    sb.Append(' ');
                    WriteInline(sb, item, indent + 2);
                    sb.Append('\n');
                    break;
            }
        }
    }

    /// <summary>What follows "key:": a nested block on the next lines, or " scalar".</summary>
    private static void WriteValue(StringBuilder sb, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 } map:
                sb.Append('\n');
                WriteMap(sb, map, indent + 2, firstLineWritten: false);
                break;
            case JsonArray { Count: > 0 } list:
                sb.Append('\n');
                WriteList(sb, list, indent + 2);
                break;
            default:
                sb.Append(' ');
                WriteInline(sb, value, indent + 2);
                sb.Append('\n');
                break;
        }
    }

    /// <summary>A scalar, an empty collection ({} or [], kept visible as "explicitly empty"), or a literal block.</summary>
    private static void WriteInline(StringBuilder sb, JsonNode? node, int blockIndent)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject:
                sb.Append("{}");
                break;
            case JsonArray:
                sb.Append("[]");
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        WriteScalarString(sb, value.GetValue<string>(), blockIndent, asKey: false);
                        break;
                    case JsonValueKind.True:
                        sb.Append("true");
                        break;
                    case JsonValueKind.False:
                        sb.Append("false");
                        break;
                    case JsonValueKind.Number:
                        sb.Append(value.ToJsonString());
                        break;
                    default:
                        sb.Append("null");
                        break;
                }
                break;
        }
    }

    private static void WriteScalarString(StringBuilder sb, string text, int blockIndent, bool asKey)
    {
        if (!asKey && text.Contains('\n', StringComparison.Ordinal) && CanBeLiteral(text))
        {
            WriteLiteral(sb, text, blockIndent);
        }
        else if (IsPlainSafe(text))
        {
            sb.Append(text);
        }
        else
        {
            WriteDoubleQuoted(sb, text);
        }
    }

    /// <summary>
    /// Plain only when a YAML reader can neither misread the type nor the structure: no indicator at the
    /// start, no ": " or " #" inside, no surrounding spaces, printable characters only.
    /// </summary>
    internal static bool IsPlainSafe(string text)
    {
        if (text.Length == 0 || PlainScalars.NeedsQuotes(text) || text[0] == ' ' || text[^1] == ' ' || text[^1] == ':')
        {
            return false;
        }
        switch (text[0])
        {
            case '-' or '?' or ':' when text.Length == 1 || text[1] == ' ':
            case ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`':
                return false;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ' || c == '\u007f' || char.IsSurrogate(c) || c is '\u0085' or '\u2028' or '\u2029' or '\ufeff')
            {
                return false;
            }
            if ((c == ':' && i + 1 < text.Length && text[i + 1] == ' ') || (c == '#' && text[i - 1] == ' '))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A literal block keeps text exactly when it has no tabs or other control characters and does not start with a space.</summary>
    private static bool CanBeLiteral(string text)
    {
        if (text[0] is ' ' or '\n')
        {
            return false;
        }
        foreach (var c in text)
        {
            if ((c < ' ' && c != '\n') || c == '\u007f' || char.IsSurrogate(c) || c is '\u0085' or '\u2028' or '\u2029' or '\ufeff')
            {
                return false;
            }
        }
        return true;
    }

    private static void WriteLiteral(StringBuilder sb, string text, int indent)
    {
        var trailing = 0;
        for (var i = text.Length - 1; i >= 0 && text[i] == '\n'; i--)
        {
            trailing++;
        }
        // Chomping: "|" keeps one final newline, "|-" none, "|+" all of them.
        sb.Append(trailing switch { 0 => "|-", 1 => "|", _ => "|+" }).Append('\n');
        var body = text.AsSpan(0, text.Length - trailing);
        foreach (var line in body.EnumerateLines())
        {
            if (line.Length > 0)
            {
                sb.Append(' ', indent).Append(line);
            }
            sb.Append('\n');
        }
        for (var i = 1; i < trailing; i++)
        {
            sb.Append('\n');
        }
        // The caller appends the newline that ends the value; a literal block already ended its last line.
        sb.Length--;
    }

    private static void WriteDoubleQuoted(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case < ' ' or '\u007f' or '\u0085' or '\u2028' or '\u2029' or '\ufeff':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
