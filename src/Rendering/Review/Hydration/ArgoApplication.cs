using System.Globalization;
using System.Text.Json.Nodes;

namespace Lakehouse.Rendering.Review.Hydration;

/// <summary>A chart source of an Application: a Helm repository chart, or a path in a Git repository.</summary>
internal sealed record ChartReference(string RepoUrl, string? Chart, string? GitPath, string Version)
{
    /// <summary>
    /// The chart's name: the Application's chart, or for a chart taken from a Git repository the repository's
    /// name (github.com/MarquezProject/marquez.git, path chart: marquez).
    /// </summary>
    public string Name => Chart ?? Path.GetFileNameWithoutExtension(RepoUrl.TrimEnd('/'));
}

/// <summary>
/// One rendered Application, read from the tree (never re-derived from the model): what Argo CD would render
/// for it. Value files and the overlay path are relative to the repository root.
/// </summary>
internal sealed record ArgoApplication(
    string Environment,
    string Name,
    string Component,
    string Project,
    string Namespace,
    int Wave,
    ChartReference? Chart,
    string? ReleaseName,
    IReadOnlyList<string> ValueFiles,
    string? OverlayPath)
{
    /// <summary>The label every component Application carries: the root Application has none.</summary>
    public const string ComponentLabel = "lakehouse.io/component";

    public const string EnvironmentLabel = "lakehouse.io/environment";

    /// <summary>The repository the Application was read from, when its reader says (value files and the overlay are relative to it).</summary>
    public string? Root { get; init; }

    /// <summary>Reads an Application object (its multi-source form: chart, $values ref, overlay path).</summary>
    public static ArgoApplication Parse(string environment, JsonObject application)
    {
        var metadata = application["metadata"]!;
        var spec = application["spec"]!;
        var sources = spec["sources"]?.AsArray().OfType<JsonObject>().ToList() ?? [spec["source"]!.AsObject()];
        var chartSource = sources.FirstOrDefault(s => s["chart"] is not null || s["helm"] is not null);
        var refs = sources.Where(s => s["ref"] is not null).Select(s => "$" + (string)s["ref"]!).ToList();
        var overlay = sources.FirstOrDefault(s => s["path"] is not null && s["helm"] is null && s["chart"] is null);
        var valueFiles = (chartSource?["helm"]?["valueFiles"]?.AsArray() ?? []).Select(v => (string)v!)
            .Select(v => refs.Aggregate(v, (path, reference) => path.StartsWith(reference + "/", StringComparison.Ordinal) ? path[(reference.Length + 1)..] : path))
            .ToList();
        return new ArgoApplication(
            environment,
            (string)metadata["name"]!,
            (string?)metadata["labels"]?[ComponentLabel] ?? (string)metadata["name"]!,
            (string)spec["project"]!,
            (string)spec["destination"]!["namespace"]!,
            int.Parse((string?)metadata["annotations"]?["argocd.argoproj.io/sync-wave"] ?? "0", CultureInfo.InvariantCulture),
            chartSource is null ? null : new ChartReference(
                (string)chartSource["repoURL"]!, (string?)chartSource["chart"], (string?)chartSource["path"], (string)chartSource["targetRevision"]!),
            (string?)chartSource?["helm"]?["releaseName"],
            valueFiles,
            (string?)overlay?["path"]);
    }

    /// <summary>
    /// Every component Application under <paramref name="treeFolder"/> of <paramref name="root"/>, found by reading
    /// the objects (kind Application with the component label), not by folder names, so any layout of the tree
    /// works. In environment, then name order.
    /// </summary>
    public static IReadOnlyList<ArgoApplication> Scan(string root, string treeFolder = "gitops")
    {
        var folder = Path.Combine(root, treeFolder);
        if (!Directory.Exists(folder))
        {
            return [];
        }
        var found = new List<ArgoApplication>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            if (!text.Contains("kind: Application\n", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var document in YamlNodes.ReadAll(text).OfType<JsonObject>())
            {
                if ((string?)document["kind"] == "Application"
                    && document["metadata"]?["labels"]?[ComponentLabel] is not null
                    && (string?)document["metadata"]?["labels"]?[EnvironmentLabel] is { } environment)
                {
                    found.Add(Parse(environment, document));
                }
            }
        }
        return found.OrderBy(a => a.Environment, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal).ToList();
    }
}
