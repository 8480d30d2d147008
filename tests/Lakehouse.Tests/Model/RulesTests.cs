using Lakehouse.Model.Diagnostics;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Model;

/// <summary>The catalogue of rules: stable, unique ids, each documented.</summary>
public class RulesTests
{
    [Fact]
    public void Every_rule_is_in_the_catalogue_once_and_documented()
    {
        var declared = typeof(Rules).GetFields().Where(f => f.FieldType == typeof(Rule)).Select(f => (Rule)f.GetValue(null)!).ToList();
        Assert.Equal(declared.Select(r => r.Id).Order(), Rules.All.Select(r => r.Id).Order());
        Assert.Equal(Rules.All.Count, Rules.All.Select(r => r.Id).Distinct().Count());
        var docs = File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "docs", "diagnostics.md"));
        var undocumented = Rules.All.Where(r => !docs.Contains($"### {r.Id}\n", StringComparison.Ordinal)).Select(r => r.Id).ToList();
        Assert.True(undocumented.Count == 0, "not documented in docs/diagnostics.md: " + string.Join(", ", undocumented));
    }
}
