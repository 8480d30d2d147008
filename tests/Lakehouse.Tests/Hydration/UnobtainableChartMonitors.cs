using Lakehouse.Tests.Observability;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Hydration;

/// <summary>
/// The scrape targets of a chart that cannot be obtained here (external-secrets, locked `unverified`), as its own
/// template makes them: hydration cannot render the chart, so neither its ServiceMonitor nor its metrics Service is
/// among the hydrated objects, and the alert checks take the controller's target from here when the Application's
/// committed values switch the monitor on. After upstream external-secrets v0.19.2,
/// deploy/charts/external-secrets/templates/servicemonitor.yaml and service.yaml: ServiceMonitor FULLNAME-metrics
/// selecting Service FULLNAME-metrics (port metrics) in the release's namespace, where FULLNAME is the release name
/// when it contains the chart's name. What cannot be checked: that the chart really renders them (docs/secrets.md).
/// </summary>
internal static class UnobtainableChartMonitors
{
    public static IEnumerable<ScrapeTarget> Targets(EnvironmentHydration hydrated)
    {
        foreach (var app in hydrated.Applications.Where(a => a.NotHydrated is not null && a.Application.Chart?.Name == UnobtainableCrds.Chart))
        {
            var values = app.Application.ValueFiles.Select(f => YamlFiles.Read(File.ReadAllText(Path.Combine(Paths.RepositoryRoot, f)))).LastOrDefault();
            if ((bool?)values?["serviceMonitor"]?["enabled"] != true)
            {
                continue;
            }
            var release = app.Application.ReleaseName ?? app.Application.Component;
            var fullName = release.Contains(UnobtainableCrds.Chart, StringComparison.Ordinal) ? release : $"{release}-{UnobtainableCrds.Chart}";
            yield return new ScrapeTarget(app.Application.Namespace, $"{fullName}-metrics", $"{app.Application.Namespace}/{fullName}-metrics (chart {UnobtainableCrds.Chart}, not hydrated)");
        }
    }
}
