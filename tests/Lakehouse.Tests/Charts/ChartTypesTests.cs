using System.Text.RegularExpressions;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Versions;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Charts;

/// <summary>
/// docs/charts.md "Charts without generated types": every locked chart has a generated
/// Lakehouse.Catalogue.Charts.&lt;Chart&gt;Values except the ones that section lists, each locked unverified.
/// </summary>
public partial class ChartTypesTests
{
    private const string Section = "## Charts without generated types";

    [Fact]
    public void Charts_without_generated_values_types_are_exactly_those_docs_list_and_each_is_locked_unverified()
    {
        var chartLock = RepositoryChartLock();
        var untyped = Untyped(chartLock.Charts.Keys, GeneratedValuesTypes());

        Assert.Equal(Documented(File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "docs", "charts.md"))), untyped);
        Assert.Equal(["crossplane", "dagster", "external-secrets", "superset"], untyped);
        Assert.All(untyped, chart =>
        {
            var locked = chartLock.Charts[chart];
            Assert.Null(locked.Versions.Single(v => v.Version == locked.Version).Digest);
        });
    }

    [Fact]
    public void A_chart_losing_its_generated_type_is_caught_against_the_documented_list()
    {
        var types = GeneratedValuesTypes().Where(t => t != "TrinoValues").ToHashSet(StringComparer.Ordinal);
        var untyped = Untyped(RepositoryChartLock().Charts.Keys, types);

        Assert.Contains("trino", untyped);
        Assert.NotEqual(Documented(File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "docs", "charts.md"))), untyped);
    }

    [Fact]
    public void The_documented_list_is_read_from_its_section_only()
    {
        const string docs = """
            # Charts
            **trino** - their charts could not be obtained (elsewhere, not the section)

            ## Charts without generated types

            Two charts have no such type: **dagster, superset** - their charts could not be obtained (locked ...)

            ## The cache
            """;

        Assert.Equal(["dagster", "superset"], Documented(docs));
        Assert.Throws<InvalidOperationException>(() => Documented("# Charts\nno such section\n"));
    }

    [Theory]
    [InlineData("cloudnative-pg", "CloudnativePgValues")]
    [InlineData("spark-operator", "SparkOperatorValues")]
    [InlineData("cluster", "ClusterValues")]
    public void A_chart_name_maps_to_its_generated_type_name(string chart, string type) =>
        Assert.Equal(type, ValuesTypeName(chart));

    /// <summary>The generator's name for a chart's values record: the chart name in Pascal case + "Values".</summary>
    private static string ValuesTypeName(string chart) =>
        string.Concat(chart.Split('-', '.', '_').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..])) + "Values";

    private static List<string> Untyped(IEnumerable<string> charts, IReadOnlySet<string> types) =>
        charts.Where(c => !types.Contains(ValuesTypeName(c))).Order(StringComparer.Ordinal).ToList();

    private static HashSet<string> GeneratedValuesTypes() =>
        typeof(Lakehouse.Catalogue.ChartValues).Assembly.GetTypes()
            .Where(t => t.Namespace == "Lakehouse.Catalogue.Charts")
            .Select(t => t.Name)
            .ToHashSet(StringComparer.Ordinal);

    private static ChartLock RepositoryChartLock()
    {
        var diagnostics = new List<Diagnostic>();
        return ChartLock.Load(Paths.RepositoryRoot, diagnostics) ?? throw new InvalidOperationException(string.Join("\n", diagnostics));
    }

    /// <summary>The charts the docs section names in bold before "- their charts could not be obtained".</summary>
    private static List<string> Documented(string docs)
    {
        var start = docs.IndexOf(Section, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"docs/charts.md has no section '{Section}'");
        }
        var end = docs.IndexOf("\n## ", start + Section.Length, StringComparison.Ordinal);
        var section = end < 0 ? docs[start..] : docs[start..end];
        var list = DocumentedList().Match(section);
        if (!list.Success)
        {
            throw new InvalidOperationException($"section '{Section}' names no charts as **a, b** - their charts could not be obtained");
        }
        return list.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Order(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"\*\*([a-z0-9, -]+)\*\* - their charts could not be obtained")]
    private static partial Regex DocumentedList();
}
