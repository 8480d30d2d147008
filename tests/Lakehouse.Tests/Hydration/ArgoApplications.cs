using System.Globalization;
using System.Text.Json.Nodes;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Hydration;

/// <summary>A chart source of an Application: a Helm repository chart, or a path in a Git repository.</summary>
internal sealed record ChartReference(string RepoUrl, string? Chart, string? GitPath, string Version);

/// <summary>
/// One committed Application, read from gitops/ENV/cluster (never re-derived from the model): what Argo CD
/// would render for it.
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
    /// <summary>The repository the Application was read from: value files and the overlay are relative to it.</summary>
    public string Root { get; init; } = Paths.RepositoryRoot;
}

/// <summary>An AppProject's destinations and cluster-scoped whitelist.</summary>
internal sealed record AppProject(string Name, IReadOnlySet<string> Namespaces, IReadOnlySet<(string Group, string Kind)> ClusterResources)
{
    public bool AllowsNamespace(string ns) => Namespaces.Contains(ns) || Namespaces.Contains("*");

    public bool AllowsClusterKind(string group, string kind) =>
        ClusterResources.Contains((group, kind)) || ClusterResources.Contains((group, "*")) || ClusterResources.Contains(("*", "*"));
}

internal static class ArgoApplications
{
    public static IReadOnlyList<string> Environments() =>
        Directory.GetDirectories(Path.Combine(Paths.RepositoryRoot, "gitops"))
            .Where(d => Directory.Exists(Path.Combine(d, "cluster")))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>The Applications committed under <paramref name="root"/> (default: this repository).</summary>
    public static IReadOnlyList<ArgoApplication> Read(string environment, string? root = null)
    {
        root ??= Paths.RepositoryRoot;
        var folder = Path.Combine(root, "gitops", environment, "cluster");
        return Directory.GetFiles(folder, "application-*.yaml").Order(StringComparer.Ordinal)
            .Select(f => Parse(environment, YamlFiles.Read(File.ReadAllText(f))!.AsObject()) with { Root = root })
            .ToList();
    }

    public static IReadOnlyList<AppProject> Projects(string environment, string? root = null)
    {
        var folder = Path.Combine(root ?? Paths.RepositoryRoot, "gitops", environment, "cluster");
        return Directory.GetFiles(folder, "appproject-*.yaml").Order(StringComparer.Ordinal)
            .SelectMany(f => YamlFiles.ReadAll(File.ReadAllText(f)))
            .OfType<JsonObject>()
            .Select(ParseProject)
            .ToList();
    }

    public static AppProject ParseProject(JsonObject project)
    {
        var spec = project["spec"]!;
        return new AppProject(
            (string)project["metadata"]!["name"]!,
            (spec["destinations"]?.AsArray() ?? []).Select(d => (string?)d!["namespace"] ?? "").ToHashSet(StringComparer.Ordinal),
            (spec["clusterResourceWhitelist"]?.AsArray() ?? []).Select(g => ((string?)g!["group"] ?? "", (string?)g["kind"] ?? "")).ToHashSet());
    }

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
            (string?)metadata["labels"]?["lakehouse.io/component"] ?? (string)metadata["name"]!,
            (string)spec["project"]!,
            (string)spec["destination"]!["namespace"]!,
            int.Parse((string?)metadata["annotations"]?["argocd.argoproj.io/sync-wave"] ?? "0", CultureInfo.InvariantCulture),
            chartSource is null ? null : new ChartReference(
                (string)chartSource["repoURL"]!, (string?)chartSource["chart"], (string?)chartSource["path"], (string)chartSource["targetRevision"]!),
            (string?)chartSource?["helm"]?["releaseName"],
            valueFiles,
            (string?)overlay?["path"]);
    }
}
