using Lakehouse.Definitions;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Rendering.Environments;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Environments;

/// <summary>
/// No input crashes the reader: seeded random edits of env/dev.yaml (YAML punctuation, anchors, tags,
/// control characters, huge numbers, deleted and repeated lines) either load or fail with located
/// diagnostics; what loads also renders or fails with diagnostics. Seeded, so a failure reproduces.
/// </summary>
public class EnvironmentFuzzTests
{
    private static readonly string[] Pieces =
    [
        ":", ": ", "-", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "*b ", "!", "!!str ", "!!int ", "? ", "|", ">", "'", "\"",
        "#", "\t", " ", "  ", "\n", "\n---\n", "\n...\n", "%YAML 1.2", "@", "`", "\0", "\u0007", "é", "\uFEFF", "1e400", "-1e400",
        "0x1F", "~", "null", "true", "10.0.0.1", "https://10.0.0.1:6443", "<<: *a", "&a [*a]", "\r", "\\", "\u2028", "99999999999999999999",
    ];

    [Fact]
    public void Random_edits_of_an_env_file_never_throw()
    {
        var random = new Random(20261130);
        var original = Render.EnvironmentText("dev");
        var rendered = 0;
        for (var i = 0; i < 1500; i++)
        {
            var text = Mutate(original, random, 1 + random.Next(4));
            var diagnostics = new List<Diagnostic>();
            var config = Run(i, text, () => EnvironmentLoader.Load("env/dev.yaml", text, diagnostics));
            Assert.True(config is not null || diagnostics.Count > 0, $"edit {i}: neither a configuration nor a diagnostic");
            Assert.All(diagnostics, d => Assert.Matches(@"^env/dev\.yaml(\(\d+,\d+\))?: error LH\d{4}: ", d.ToString()));
            if (config is not null && rendered < 25)
            {
                rendered++;
                var outcome = Run(i, text, () => RenderPipeline.Render(new LakehousePlatform(), [config]));
                Assert.True(outcome.Succeeded || outcome.Diagnostics.Count > 0, $"edit {i}: a render without a tree or a diagnostic");
            }
        }
    }

    private static T Run<T>(int edit, string text, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e)
        {
            Assert.Fail($"edit {edit} threw {e.GetType().Name}: {e.Message}\n--- input ---\n{text}");
            throw;
        }
    }

    private static string Mutate(string text, Random random, int edits)
    {
        for (var n = 0; n < edits; n++)
        {
            var at = random.Next(text.Length + 1);
            switch (random.Next(4))
            {
                case 0 or 1:
                    text = text.Insert(at, Pieces[random.Next(Pieces.Length)]);
                    break;
                case 2:
                    text = text.Remove(at, Math.Min(random.Next(1, 12), text.Length - at));
                    break;
                default:
                    var lines = text.Split('\n').ToList();
                    var line = random.Next(lines.Count);
                    lines.Insert(random.Next(lines.Count), lines[line]);
                    text = string.Join('\n', lines);
                    break;
            }
        }
        return text;
    }
}
