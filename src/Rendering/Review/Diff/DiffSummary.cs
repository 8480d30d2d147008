using System.Text;

namespace Lakehouse.Rendering.Review.Diff;

/// <summary>The Markdown a pull request shows: per environment, the Applications that change and how.</summary>
internal static class DiffSummary
{
    /// <summary>The hidden first line the PR workflow finds its own comment by.</summary>
    public const string Marker = "<!-- lakehouse-diff -->";

    public static string Markdown(string baseRef, IReadOnlyList<ApplicationChange> changes, bool hydrated)
    {
        var text = new StringBuilder();
        text.Append(Marker).Append('\n');
        text.Append("## Lakehouse diff: `").Append(baseRef).Append("` → this change\n\n");
        var changed = changes.Where(c => c.Status != "unchanged").ToList();
        var environments = changed.Select(c => c.Environment).Distinct(StringComparer.Ordinal).Count();
        text.Append(changed.Count == 0
            ? "No Application changes in any environment."
            : $"{changed.Count} Application(s) change in {environments} environment(s); {changes.Count - changed.Count} unchanged.");
        text.Append(hydrated
            ? " Objects come from hydrating both sides with Helm and Kustomize; Secret data is redacted.\n"
            : " Not hydrated (--no-hydrate): charts and values only.\n");
        foreach (var environment in changed.GroupBy(c => c.Environment).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append("\n### ").Append(environment.Key).Append('\n');
            foreach (var change in environment.OrderBy(c => c.Component, StringComparer.Ordinal))
            {
                text.Append("\n**").Append(change.Component).Append("** (").Append(change.Status).Append(")\n");
                foreach (var line in change.Lines)
                {
                    var indent = line.StartsWith("  ", StringComparison.Ordinal);
                    text.Append(indent ? "  - " : "- ").Append(line.TrimStart()).Append('\n');
                }
            }
        }
        var notHydrated = changes.Where(c => c.NotHydrated).Select(c => $"{c.Component} ({c.Environment})").ToList();
        if (hydrated && notHydrated.Count > 0)
        {
            text.Append("\nNot hydrated (chart not in the chart cache here; charts, images and values compared only): ")
                .Append(string.Join(", ", notHydrated)).Append(".\n");
        }
        return text.ToString();
    }
}
