using System.Text.RegularExpressions;
using Lakehouse.Definitions;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Rendering;

/// <summary>
/// Every name derived from the platform follows its name: the reference platform renamed "acme" (and its
/// env files' own data renamed too, so what is left comes from the code) renders no "lakehouse" except
/// the product's own marks, decided here: the generated-by header ("Lakehouse GitOps"), the provenance
/// line naming the source files, the annotation and label keys of the product (lakehouse.io/...), its
/// mount paths and manager label, the environment schema (generated from the product's types, the same
/// for every platform), and the user's own words in definitions/ (the jobs' SQL schema).
/// </summary>
public class PlatformRenameTests
{
    // The product's own marks, not derived from the platform: its name in the generated-by header, its
    // annotation and label keys, the provenance line naming the source files (the definitions file keeps
    // its name), and the environment schema, generated from the product's configuration types.
    // The product's mount paths inside containers (/etc/lakehouse/..., /opt/lakehouse/...) and its name as
    // the manager of what it renders (app.kubernetes.io/managed-by: lakehouse-gitops) are the same for
    // every platform too.
    private static readonly Regex ProductMarks = new(@"Lakehouse GitOps|lakehouse-gitops|lakehouse\.io/|/etc/lakehouse/|/opt/lakehouse/|^# Sources: .*$", RegexOptions.CultureInvariant);

    // The user's own words in definitions/ (a job's SQL naming a schema 'lakehouse', say) are data written
    // there, not names derived from the platform: every token of definitions/*.cs code holding the word,
    // except the platform's name itself (today there are none).
    private static IReadOnlyList<string> UserTokens() =>
        Directory.GetFiles(Path.Combine(Paths.RepositoryRoot, "definitions"), "*.cs")
            .SelectMany(File.ReadAllLines)
            .Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal) && !l.Contains("Name =>", StringComparison.Ordinal))
            .SelectMany(l => Regex.Matches(l, @"[\w.]*lakehouse[\w.]*").Select(m => m.Value))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(t => t.Length)
            .ToList();

    private const string ProductSchema = "env/environment.schema.json";

    [Fact]
    public void A_renamed_platform_renders_no_name_derived_from_the_old_one()
    {
        var environments = new[] { "dev", "staging", "prod", "aws" }
            .Select(n => Render.Environment(n, Render.EnvironmentText(n).Replace("lakehouse", "acme", StringComparison.Ordinal)))
            .ToList();
        var outcome = RenderPipeline.Render(new TestPlatform(new LakehousePlatform().Define, "acme"), environments);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        var userTokens = UserTokens();
        string WithoutAllowed(string line) => userTokens.Aggregate(ProductMarks.Replace(line, ""), (l, t) => l.Replace(t, "", StringComparison.Ordinal));
        var leftovers = outcome.Tree!.Files
            .Where(f => f.Key != ProductSchema)
            .SelectMany(f => f.Value.Split('\n').Select((line, i) => (f.Key, Line: i + 1, Text: line)))
            .Where(l => WithoutAllowed(l.Text).Contains("lakehouse", StringComparison.OrdinalIgnoreCase)
                || l.Key.Contains("lakehouse", StringComparison.OrdinalIgnoreCase))
            .Select(l => $"{l.Key}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(leftovers.Count == 0, $"{leftovers.Count} line(s) still name 'lakehouse':\n" + string.Join("\n", leftovers.Take(60)));
        Assert.Contains(outcome.Tree.Files.Keys, k => k.Contains("acme", StringComparison.Ordinal));
    }
}
