using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Lakehouse.Rendering.Environments;

/// <summary>
/// Walks a YAML text's event stream once, before anything is built from it, and refuses what the
/// loader must never see: nesting deeper than <see cref="MaxDepth"/> (the node builder recurses, so a
/// 100k-deep document would overflow the stack), aliases beyond <see cref="MaxAliases"/> or expanding
/// to more than <see cref="MaxExpandedNodes"/> nodes (the "billion laughs" bomb), a second document,
/// explicit tags, keys that are not scalars, duplicate keys, control characters. The event parser is
/// iterative and stops at the first finding, so this pass is linear in the file and cannot crash.
/// Syntax errors are located here too: YamlDotNet reports some at (1,1) or without any position.
/// Shared: the render (LH0009, LH0030-LH0036) and the compile-time env check in src/Generators (linked
/// there, netstandard2.0, so this file uses only YamlDotNet and the base library) run the same pass.
/// </summary>
internal static class YamlPreflight
{
    /// <summary>Which rule a finding breaks; the render maps each to its LH id.</summary>
    public enum Kind
    {
        InvalidYaml,
        Limit,
        NotText,
        MultipleDocuments,
        ExplicitTag,
        KeyShape,
    }

    /// <summary>A reason not to load the text, at a 1-based line and column.</summary>
    public sealed class Finding(Kind kind, int line, int column, string message)
    {
        public Kind Kind { get; } = kind;
        public int Line { get; } = line;
        public int Column { get; } = column;
        public string Message { get; } = message;
    }

    public const int MaxDepth = 64;
    public const int MaxAliases = 100;
    public const int MaxExpandedNodes = 100_000;

    private sealed class Frame(bool isMapping, bool isFlow, Mark start)
    {
        public bool IsMapping { get; } = isMapping;
        public bool IsFlow { get; } = isFlow;
        public Mark Start { get; } = start;
        public bool ExpectingKey { get; set; } = isMapping;
        public Dictionary<string, Mark> Keys { get; } = new(StringComparer.Ordinal);
        public long Nodes { get; set; } = 1;
        public AnchorName Anchor { get; init; }
    }

    /// <summary>The first reason <paramref name="text"/> must not be loaded, or null when it is safe to load.</summary>
    public static Finding? Check(string text)
    {
        if (ControlCharacter(text) is { } control)
        {
            return control;
        }
        var parser = new Parser(new StringReader(text));
        var frames = new Stack<Frame>();
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        long expanded = 0;
        var aliases = 0;
        var documents = 0;
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                last = e.End;
                switch (e)
                {
                    case DocumentStart start when !start.IsImplicit || documents > 0:
                        if (++documents > 1)
                        {
                            return At(Kind.MultipleDocuments, e.Start,
                                "a second YAML document starts here; an environment file holds exactly one (remove this '---' and what follows, or move it to its own env/<name>.yaml)");
                        }
                        break;
                    case DocumentStart:
                        documents++;
                        break;
                    case AnchorAlias alias:
                        if (Key(frames, e) is { } aliasKey)
                        {
                            return aliasKey;
                        }
                        if (!anchors.TryGetValue(alias.Value.Value, out var size))
                        {
                            return At(Kind.InvalidYaml, e.Start, $"alias '*{alias.Value.Value}' names no anchor defined before it");
                        }
                        if (++aliases > MaxAliases)
                        {
                            return At(Kind.Limit, e.Start, $"more than {MaxAliases} aliases in one file; write the values out");
                        }
                        expanded += size;
                        if (expanded > MaxExpandedNodes)
                        {
                            return At(Kind.Limit, e.Start,
                                $"aliases expand the document beyond {MaxExpandedNodes} nodes here (an alias bomb?); write the values out");
                        }
                        Count(frames, size);
                        break;
                    case NodeEvent node:
                        if (!node.Tag.IsEmpty)
                        {
                            return At(Kind.ExplicitTag, e.Start,
                                $"explicit YAML tag '{Shown(node.Tag)}': tags are not read, write the value plainly (quote it to make it a string)");
                        }
                        if (Key(frames, node) is { } badKey)
                        {
                            return badKey;
                        }
                        expanded++;
                        if (expanded > MaxExpandedNodes)
                        {
                            return At(Kind.Limit, e.Start, $"more than {MaxExpandedNodes} values in one file");
                        }
                        if (node is Scalar)
                        {
                            if (!node.Anchor.IsEmpty)
                            {
                                anchors[node.Anchor.Value] = 1;
                            }
                            Count(frames, 1);
                            break;
                        }
                        if (frames.Count >= MaxDepth)
                        {
                            return At(Kind.Limit, e.Start, $"nesting deeper than {MaxDepth} levels; environment files are shallow maps");
                        }
                        var isFlow = node is MappingStart { Style: MappingStyle.Flow } or SequenceStart { Style: SequenceStyle.Flow };
                        frames.Push(new Frame(node is MappingStart, isFlow, e.Start) { Anchor = node.Anchor });
                        break;
                    case MappingEnd or SequenceEnd:
                        var done = frames.Pop();
                        if (!done.Anchor.IsEmpty)
                        {
                            anchors[done.Anchor.Value] = done.Nodes;
                        }
                        Count(frames, done.Nodes);
                        break;
                }
            }
        }
        catch (Exception e)
        {
            return SyntaxError(text, e, frames, last);
        }
        return null;
    }

    // A node in key position of a block or flow mapping: only scalars, each once.
    private static Finding? Key(Stack<Frame> frames, ParsingEvent node)
    {
        if (frames.Count == 0 || !frames.Peek().IsMapping)
        {
            return null;
        }
        var map = frames.Peek();
        var isKey = map.ExpectingKey;
        map.ExpectingKey = !isKey;
        if (!isKey)
        {
            return null;
        }
        switch (node)
        {
            case Scalar scalar:
                if (map.Keys.TryGetValue(scalar.Value, out var first))
                {
                    return At(Kind.KeyShape, node.Start,
                        $"duplicate key '{scalar.Value}' (first at line {first.Line}); each key appears once in a map");
                }
                map.Keys[scalar.Value] = node.Start;
                return null;
            case AnchorAlias:
                return At(Kind.KeyShape, node.Start, "an alias as a key; keys are plain names");
            default:
                return At(Kind.KeyShape, node.Start, "a complex key (a list or map used as a key, '? ...'); keys are plain names");
        }
    }

    private static void Count(Stack<Frame> frames, long nodes)
    {
        if (frames.Count > 0)
        {
            frames.Peek().Nodes += nodes;
        }
    }

    /// <summary>
    /// Where a syntax error really is. YamlDotNet throws InvalidOperationException without a position for
    /// an unclosed flow collection, and reports a tab in the indentation at (1,1).
    /// </summary>
    private static Finding SyntaxError(string text, Exception e, Stack<Frame> frames, Mark last)
    {
        var message = e.InnerException?.Message ?? e.Message;
        var mark = e is YamlException y ? y.Start : Mark.Empty;
        var positioned = mark.Index > 0 || (mark.Line > 1) || (last.Index == 0 && e is YamlException);
        if (message.IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0 && TabInIndentation(text, last) is { } tab)
        {
            return new Finding(Kind.InvalidYaml, tab.Line, tab.Column,
                "a tab in the indentation; indent with spaces");
        }
        if ((!positioned || message.IndexOf("flow", StringComparison.OrdinalIgnoreCase) >= 0) && frames.FirstOrDefault(f => f.IsFlow) is { } open)
        {
            var bracket = open.IsMapping ? "{" : "[";
            var closer = open.IsMapping ? "}" : "]";
            return At(Kind.InvalidYaml, open.Start, $"the '{bracket}' opened here is never closed with '{closer}'");
        }
        if (message.IndexOf("multiline plain scalar", StringComparison.Ordinal) >= 0 && NextToken(text, last) is { } scalarStart)
        {
            // The scanner reports where the run-on scalar ends; the mistake is where it starts (a line indented too little).
            return new Finding(Kind.InvalidYaml, scalarStart.Line, scalarStart.Column,
                $"{message} The value starting here runs on into the next lines; check this line's indentation");
        }
        if (!positioned)
        {
            mark = last.Line > 0 ? last : new Mark(0, 1, 1);
        }
        return At(Kind.InvalidYaml, mark, $"{message}");
    }

    /// <summary>The first tab in a line's leading whitespace, from the line of the last good event on.</summary>
    private static (int Line, int Column)? TabInIndentation(string text, Mark from)
    {
        var line = 1;
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }
            if (line >= from.Line)
            {
                for (var i = start; i < end && text[i] is ' ' or '\t' or '-'; i++)
                {
                    if (text[i] == '\t')
                    {
                        return (line, i - start + 1);
                    }
                }
            }
            start = end + 1;
            line++;
        }
        return null;
    }

    /// <summary>The first character after <paramref name="from"/> that is not white space, a line break or a comment.</summary>
    private static (int Line, int Column)? NextToken(string text, Mark from)
    {
        var line = (int)from.Line;
        var column = (int)from.Column;
        var comment = false;
        for (var i = (int)from.Index; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                column = 1;
                comment = false;
                continue;
            }
            if (!comment && c == '#')
            {
                comment = true;
            }
            if (!comment && c is not (' ' or '\t' or '\r' or '|' or '>'))
            {
                return (line, column);
            }
            column++;
        }
        return null;
    }

    /// <summary>YAML allows tab, line feed and carriage return, and no other C0 or C1 control character.</summary>
    private static Finding? ControlCharacter(string text)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
                continue;
            }
            if ((c < 0x20 && c is not ('\t' or '\r')) || (c >= 0x7F && c <= 0x9F && c != 0x85) || c is '\uFFFE' or '\uFFFF')
            {
                var name = c == 0 ? " (NUL)" : "";
                return new Finding(Kind.NotText, line, i - lineStart + 1,
                    $"control character U+{(int)c:X4}{name}; an environment file is UTF-8 text");
            }
        }
        return null;
    }

    private static string Shown(TagName tag) => tag.Value.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal)
        ? "!!" + tag.Value.Substring("tag:yaml.org,2002:".Length)
        : tag.Value;

    private static Finding At(Kind kind, Mark mark, string message) => new(kind, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column), message);
}
