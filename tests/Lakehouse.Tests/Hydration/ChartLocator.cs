using Lakehouse.ChartRestore;

namespace Lakehouse.Tests.Hydration;

/// <summary>
/// Finds a chart's files at a pinned version in the chart cache that the restore filled before compilation
/// (charts.lock.yaml -> LakehouseRestoreCharts -> <see cref="ChartCache"/>). The restore is the one place charts
/// come from: an entry is used only once its digest was verified and written (docs/charts.md).
/// </summary>
internal static class ChartLocator
{
    private static readonly ChartCache Cache = ChartCache.FromEnvironment();

    /// <summary>
    /// The chart's name: the Application's chart, or for a chart taken from a Git repository the repository's
    /// name (github.com/MarquezProject/marquez.git, path chart: marquez).
    /// </summary>
    public static string ChartName(ChartReference chart) => chart.Name;

    /// <summary>The folder holding Chart.yaml, or null when the restore could not obtain the chart (an unverified lock entry).</summary>
    public static Task<string?> Locate(ChartReference chart) => Task.FromResult(Lakehouse.Rendering.Review.Hydration.HelmTemplate.Locate(chart, Cache));
}
