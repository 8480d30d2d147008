namespace Lakehouse.Tests.Observability;

/// <summary>
/// The checks on one alert expression, as functions the tests run on the rendered rules and on fixtures that
/// must fail them: it parses as PromQL, it reads only metric names an exporter exposes, and each of its
/// selectors that names a job or a namespace selects a target some monitor of the environment scrapes.
/// </summary>
internal static class AlertChecks
{
    /// <summary>Syntax errors, as text; empty when the expression parses.</summary>
    public static IEnumerable<string> SyntaxProblems(ParsedExpression parsed) =>
        parsed.Errors.Select(e => $"syntax error at {e.From}: '{parsed.Expr[..e.From]}' >>> '{parsed.Expr[e.From..]}'");

    /// <summary>Metric names no exporter is known to expose.</summary>
    public static IEnumerable<string> UnknownMetrics(ParsedExpression parsed) =>
        parsed.Selectors.Select(s => s.Metric).Where(m => m is null || ExporterMetrics.SourceOf(m) is null)
            .Select(m => m is null ? "a selector without a metric name" : $"metric '{m}' is exposed by no exporter the tests know of (chart dashboards and rules, ExporterMetrics.Documented)");

    /// <summary>
    /// Selectors whose namespace and job matchers no scrape target satisfies. kube-state-metrics' series
    /// (kube_*) carry the namespace of the object they describe, not of the target: their namespace matcher
    /// must match a namespace the environment renders.
    /// </summary>
    public static IEnumerable<string> UnselectedTargets(ParsedExpression parsed, IReadOnlyList<ScrapeTarget> targets, IReadOnlyCollection<string> namespaces)
    {
        foreach (var selector in parsed.Selectors)
        {
            var objectNamespace = selector.Metric?.StartsWith("kube_", StringComparison.Ordinal) == true;
            var ns = selector.Matchers.Where(m => m.Label == "namespace").ToList();
            var job = selector.Matchers.Where(m => m.Label == "job").ToList();
            if (ns.Count == 0 && job.Count == 0)
            {
                continue;
            }
            var selected = objectNamespace
                ? ns.All(m => namespaces.Any(m.Holds)) && (job.Count == 0 || targets.Any(t => job.All(m => m.Holds(t.Job))))
                : targets.Any(t => ns.All(m => m.Holds(t.Namespace)) && job.All(m => m.Holds(t.Job)));
            if (!selected)
            {
                yield return $"{selector.Metric}{{{string.Join(", ", selector.Matchers.Select(m => $"{m.Label}{m.Op}\"{m.Value}\""))}}} selects no target a ServiceMonitor or PodMonitor of the environment scrapes";
            }
        }
    }
}
