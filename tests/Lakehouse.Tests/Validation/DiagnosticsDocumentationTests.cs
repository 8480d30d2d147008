using System.Text.RegularExpressions;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Validation;

/// <summary>docs/diagnostics.md documents every render-time rule of the catalogue, under its own heading with the rule in bold.</summary>
public class DiagnosticsDocumentationTests
{
    [Fact]
    public void Every_render_time_rule_has_a_section_stating_it()
    {
        var doc = File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "docs", "diagnostics.md"));
        var missing = Rules.All
            .Where(r => !Regex.IsMatch(doc, $@"^### {r.Id}\n\*\*[^*\n]+", RegexOptions.Multiline))
            .Select(r => $"{r.Id} {r.Title}")
            .ToList();
        Assert.Empty(missing);
    }
}
