using System.Text.Json.Nodes;

namespace Lakehouse.Tests.Hydration.Checks;

/// <summary>
/// Every ServiceMonitor selects at least one Service rendered (or created by an operator) in the
/// environment, in the namespaces its namespaceSelector names (its own namespace by default), and every
/// endpoint's port names a port of a selected Service; every PodMonitor likewise selects pod templates and
/// names one of their container ports. A monitor that selects nothing scrapes nothing, silently.
/// </summary>
internal static class MonitorCheck
{
    public const string Name = "monitors";

    /// <summary>
    /// <paramref name="unhydrated"/>: namespaces whose chart could not be rendered here; a monitor there
    /// selects the chart's objects, which are unknown, so it is not judged (the table lists those charts).
    /// </summary>
    public static IEnumerable<Finding> Check(IEnumerable<Manifest> rendered, IReadOnlySet<string>? unhydrated = null)
    {
        var all = rendered.Concat(OperatorObjects.Of(rendered)).ToList();
        var services = all.Where(o => o.Kind == "Service" && o.Group.Length == 0).ToList();
        var pods = PodTemplate.Of(all).ToList();
        foreach (var monitor in all.Where(o => o.Group == "monitoring.coreos.com" && o.Kind is "ServiceMonitor" or "PodMonitor" && unhydrated?.Contains(o.Namespace) != true))
        {
            var spec = monitor.Body["spec"] as JsonObject ?? [];
            var namespaces = Namespaces(monitor, spec);
            if (monitor.Kind == "ServiceMonitor")
            {
                var selected = services.Where(s => namespaces(s.Namespace) && Selectors.Matches(spec["selector"], s.Labels)).ToList();
                if (selected.Count == 0)
                {
                    yield return new Finding(Name, monitor.Application.Component, monitor.Id, $"selects no Service (selector {spec["selector"]?.ToJsonString()})");
                    continue;
                }
                var ports = selected.SelectMany(s => s.Body["spec"]?["ports"]?.AsArray().OfType<JsonObject>() ?? []).ToList();
                // targetPort names a container port of the pods behind the selected Services.
                var backing = pods.Where(p => selected.Any(s => s.Namespace == p.Owner.Namespace && Selectors.Matches(new JsonObject { ["matchLabels"] = s.Body["spec"]?["selector"]?.DeepClone() }, p.Labels))).ToList();
                var containerPorts = backing.SelectMany(p => p.Containers).SelectMany(c => c.Container["ports"]?.AsArray().OfType<JsonObject>() ?? []).ToList();
                foreach (var endpoint in spec["endpoints"]?.AsArray().OfType<JsonObject>() ?? [])
                {
                    if ((string?)endpoint["port"] is { } port && !ports.Any(p => (string?)p["name"] == port))
                    {
                        yield return new Finding(Name, monitor.Application.Component, monitor.Id,
                            $"endpoint port '{port}' is not a port of {string.Join(", ", selected.Select(s => s.Id))} (ports: {string.Join(", ", ports.Select(p => (string?)p["name"] ?? p["port"]?.ToString()))})");
                    }
                    if (endpoint["targetPort"] is JsonValue target && !containerPorts.Any(p => p["name"]?.ToString() == target.ToString() || p["containerPort"]?.ToString() == target.ToString()))
                    {
                        yield return new Finding(Name, monitor.Application.Component, monitor.Id,
                            $"endpoint targetPort '{target}' is not a container port of the pods behind {string.Join(", ", selected.Select(s => s.Id))} (ports: {string.Join(", ", containerPorts.Select(p => (string?)p["name"] ?? p["containerPort"]?.ToString()))})");
                    }
                }
            }
            else
            {
                var selected = pods.Where(p => namespaces(p.Owner.Namespace) && Selectors.Matches(spec["selector"], p.Labels)).ToList();
                if (selected.Count == 0)
                {
                    yield return new Finding(Name, monitor.Application.Component, monitor.Id, $"selects no pod (selector {spec["selector"]?.ToJsonString()})");
                    continue;
                }
                var ports = selected.SelectMany(p => p.Containers).SelectMany(c => c.Container["ports"]?.AsArray().OfType<JsonObject>() ?? []).ToList();
                foreach (var endpoint in spec["podMetricsEndpoints"]?.AsArray().OfType<JsonObject>() ?? [])
                {
                    if ((string?)endpoint["port"] is { } port && !ports.Any(p => (string?)p["name"] == port))
                    {
                        yield return new Finding(Name, monitor.Application.Component, monitor.Id,
                            $"endpoint port '{port}' is not a container port of {string.Join(", ", selected.Select(p => p.Owner.Id))} (ports: {string.Join(", ", ports.Select(p => (string?)p["name"] ?? p["containerPort"]?.ToString()))})");
                    }
                }
            }
        }
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
