using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Lakehouse.Generators.Tests.Support;

/// <summary>Golden files under tests/Lakehouse.Generators.Tests/Golden; LAKEHOUSE_ACCEPT=1 writes new output.</summary>
internal static class Golden
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static void Verify(string name, string actual)
    {
        var path = Path.Combine(RepositoryRoot, "tests", "Lakehouse.Generators.Tests", "Golden", name);
        if (Environment.GetEnvironmentVariable("LAKEHOUSE_ACCEPT") == "1")
        {
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }
        Assert.True(File.Exists(path), $"golden file {path} is missing; run with LAKEHOUSE_ACCEPT=1 to create it");
        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            var diff = InlineDiffBuilder.Diff(expected, actual);
            var lines = diff.Lines.Where(l => l.Type != ChangeType.Unchanged).Take(40)
                .Select(l => (l.Type == ChangeType.Inserted ? "+ " : "- ") + l.Text);
            Assert.Fail($"generated source differs from {name} (LAKEHOUSE_ACCEPT=1 to accept):\n{string.Join("\n", lines)}");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lakehouse.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Lakehouse.sln not found");
    }
}
