using System.Text;

namespace Lakehouse.Tests.Hydration;

/// <summary>The component x environment table (objects, failures) of a hydration run, as Markdown.</summary>
internal static class HydrationReport
{
    public static string Table(IReadOnlyList<EnvironmentHydration> environments, IReadOnlyDictionary<string, IReadOnlyList<Finding>> findings)
    {
        var components = environments.SelectMany(e => e.Applications.Select(a => a.Application.Component)).Distinct().Order(StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        text.Append("# Hydration: objects / failures per component and environment\n\n");
        text.Append($"helm {HelmTool.Version} template (--kube-version {Hydrator.KubeVersion}, --include-crds, the platform's CRD APIs) + kubectl kustomize of every committed Application.\n\n");
        text.Append("| component | ").Append(string.Join(" | ", environments.Select(e => e.Environment))).Append(" |\n");
        text.Append("|---|").Append(string.Concat(environments.Select(_ => "---|"))).Append('\n');
        foreach (var component in components)
        {
            text.Append("| ").Append(component).Append(" | ");
            text.Append(string.Join(" | ", environments.Select(e =>
            {
                var app = e.Applications.FirstOrDefault(a => a.Application.Component == component);
                if (app is null)
                {
                    return "-";
                }
                var failures = findings[e.Environment].Count(f => f.Component == component);
                var cell = $"{app.Objects.Count} / {failures}";
                return app.NotHydrated is null ? cell : $"{cell} (overlay only; chart {Hydrator.NotObtainable})";
            })));
            text.Append(" |\n");
        }
        text.Append("| **total** | ").Append(string.Join(" | ", environments.Select(e => $"{e.Objects.Count()} / {findings[e.Environment].Count}"))).Append(" |\n\n");
        var notHydrated = environments.SelectMany(e => e.Applications.Where(a => a.NotHydrated is not null)
            .Select(a => $"{a.Application.Component} ({ChartLocator.ChartName(a.Application.Chart!)} {a.Application.Chart!.Version}) in {e.Environment}")).ToList();
        if (notHydrated.Count > 0)
        {
            text.Append("Not hydrated, chart not obtainable here: ").Append(string.Join("; ", notHydrated)).Append(".\n\n");
        }
        var wall = System.Diagnostics.Stopwatch.GetElapsedTime(environments.Min(e => e.StartedAt), environments.Max(e => e.FinishedAt));
        text.Append("Render time per environment (environments hydrate concurrently, at most one helm or kubectl per core): ")
            .Append(string.Join(", ", environments.Select(e => $"{e.Environment} {e.Elapsed.TotalSeconds:F1} s")))
            .Append($"; all environments {wall.TotalSeconds:F1} s wall clock ({environments.Sum(e => e.Applications.Count * 3 + e.Applications.Count(a => a.Application.OverlayPath is not null) * 2)} tool runs).\n");
        foreach (var finding in findings.SelectMany(f => f.Value.Select(x => (Env: f.Key, x))))
        {
            text.Append("- ").Append(finding.Env).Append(' ').Append(finding.x).Append('\n');
        }
        return text.ToString();
    }
}
