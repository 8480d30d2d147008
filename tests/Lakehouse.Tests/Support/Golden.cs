using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Lakehouse.Tests.Support;

/// <summary>
/// Snapshot tests against committed golden files under tests/Lakehouse.Tests/Golden. On a mismatch the
/// failure shows a line diff; LAKEHOUSE_ACCEPT=1 writes the new output as the golden file instead.
/// </summary>
internal static class Golden
{
    private static string Directory => Path.Combine(Paths.RepositoryRoot, "tests", "Lakehouse.Tests", "Golden");

    public static bool Accepting => Environment.GetEnvironmentVariable("LAKEHOUSE_ACCEPT") == "1";

    public static void Verify(string name, string actual)
    {
        var path = Path.Combine(Directory, name);
        if (Accepting)
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }
        Assert.True(File.Exists(path), $"golden file {path} is missing; run the tests with LAKEHOUSE_ACCEPT=1 to create it");
        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            Assert.Fail($"output differs from golden file {name} (run with LAKEHOUSE_ACCEPT=1 to accept):\n{Diff(expected, actual)}");
        }
    }

    public static string Diff(string expected, string actual)
    {
        var model = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var sb = new StringBuilder();
        var lines = model.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            var changedNearby = Enumerable.Range(Math.Max(0, i - 2), Math.Min(lines.Count, i + 3) - Math.Max(0, i - 2))
                .Any(j => lines[j].Type != ChangeType.Unchanged);
            if (!changedNearby)
            {
                continue;
            }
            var prefix = lines[i].Type switch { ChangeType.Inserted => "+ ", ChangeType.Deleted => "- ", _ => "  " };
            sb.Append(prefix).Append(lines[i].Text).Append('\n');
        }
        return sb.ToString();
    }
}
