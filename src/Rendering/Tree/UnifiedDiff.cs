using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.Model;

namespace Lakehouse.Rendering.Tree;

/// <summary>A unified diff (as git prints it) between committed and rendered text, for drift reports.</summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    public static string Format(string path, string? before, string? after)
    {
        var sb = new StringBuilder();
        sb.Append("--- ").Append(before is null ? "/dev/null" : $"a/{path}").Append('\n');
        sb.Append("+++ ").Append(after is null ? "/dev/null" : $"b/{path}").Append('\n');
        var result = Differ.Instance.CreateDiffs(before ?? "", after ?? "", ignoreWhiteSpace: false, ignoreCase: false, LineChunker.Instance);
        var a = result.PiecesOld;
        var b = result.PiecesNew;
        var blocks = result.DiffBlocks;
        var i = 0;
        while (i < blocks.Count)
        {
            // Merge blocks whose context would overlap into one hunk.
            var first = blocks[i];
            var last = first;
            var j = i + 1;
            while (j < blocks.Count && blocks[j].DeleteStartA - (last.DeleteStartA + last.DeleteCountA) <= 2 * Context)
            {
                last = blocks[j++];
            }
            var startA = Math.Max(0, first.DeleteStartA - Context);
            var endA = Math.Min(a.Count, last.DeleteStartA + last.DeleteCountA + Context);
            var startB = Math.Max(0, first.InsertStartB - Context);
            var endB = Math.Min(b.Count, last.InsertStartB + last.InsertCountB + Context);
            sb.Append($"@@ -{startA + 1},{endA - startA} +{startB + 1},{endB - startB} @@\n");
            var posA = startA;
            for (var k = i; k < j; k++)
            {
                var block = blocks[k];
                for (; posA < block.DeleteStartA; posA++)
                {
                    sb.Append(' ').Append(a[posA]).Append('\n');
                }
                for (var d = 0; d < block.DeleteCountA; d++)
                {
                    sb.Append('-').Append(a[block.DeleteStartA + d]).Append('\n');
                }
                for (var n = 0; n < block.InsertCountB; n++)
                {
                    sb.Append('+').Append(b[block.InsertStartB + n]).Append('\n');
                }
                posA = block.DeleteStartA + block.DeleteCountA;
            }
            for (; posA < endA; posA++)
            {
                sb.Append(' ').Append(a[posA]).Append('\n');
            }
            i = j;
        }
        return sb.ToString();
    }
}
