using System.Text.Json.Nodes;
using Lakehouse.Tests.Hydration;

namespace Lakehouse.Tests.Observability;

/// <summary>One scrape target as Prometheus labels its series: the target's namespace and its job.</summary>
internal sealed record ScrapeTarget(string Namespace, string Job, string Monitor);

/// <summary>
/// The scrape targets of one hydrated environment, from every ServiceMonitor and PodMonitor it renders (chart-made
/// and the platform's own) and the Services and pods they select (operator-made ones included, as the monitor
/// check sees them). The job is what the Prometheus Operator makes it: a ServiceMonitor's target gets the Service's
/// jobLabel value or the Service's name, a PodMonitor's the pod's jobLabel value or NAMESPACE/NAME of the monitor.
/// </summary>
internal static class MonitorTargets
{
    public static IReadOnlyList<ScrapeTarget> Of(IEnumerable<Manifest> rendered)
    {
        var all = rendered.Concat(OperatorObjects.Of(rendered)).ToList();
        var services = all.Where(o => o.Kind == "Service" && o.Group.Length == 0).ToList();
        var pods = PodTemplate.Of(all).ToList();
        var targets = new List<ScrapeTarget>();
        foreach (var monitor in all.Where(o => o.Group == "monitoring.coreos.com" && o.Kind is "ServiceMonitor" or "PodMonitor"))
        {
            var spec = monitor.Body["spec"] as JsonObject ?? [];
            var namespaces = Namespaces(monitor, spec);
            var jobLabel = (string?)spec["jobLabel"];
            if (monitor.Kind == "ServiceMonitor")
            {
                targets.AddRange(services.Where(s => namespaces(s.Namespace) && Selectors.Matches(spec["selector"], s.Labels))
                    .Select(s => new ScrapeTarget(s.Namespace, (jobLabel is null ? null : (string?)s.Labels[jobLabel]) ?? s.Name, monitor.Id)));
            }
            else
            {
                targets.AddRange(pods.Where(p => namespaces(p.Owner.Namespace) && Selectors.Matches(spec["selector"], p.Labels))
                    .Select(p => new ScrapeTarget(p.Owner.Namespace, (jobLabel is null ? null : (string?)p.Labels[jobLabel]) ?? $"{monitor.Namespace}/{monitor.Name}", monitor.Id)));
            }
        }
        return [.. targets.Distinct()];
    }

    private static Func<string, bool> Namespaces(Manifest monitor, JsonObject spec)
    {
        var selector = spec["namespaceSelector"];
        if ((bool?)selector?["any"] == true)
        {
            return _ => true;
        }
        var names = selector?["matchNames"]?.AsArray().Select(n => (string?)n).ToList();
        return names is { Count: > 0 } ? ns => names.Contains(ns) : ns => ns == monitor.Namespace;
    }
}
