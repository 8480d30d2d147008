// The Application model lives in the library (the diff command hydrates through it); tests name it unqualified.
global using ArgoApplication = Lakehouse.Rendering.Review.Hydration.ArgoApplication;
global using ChartReference = Lakehouse.Rendering.Review.Hydration.ChartReference;

using System.Text.Json.Nodes;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Hydration;

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

    /// <summary>Reads an Application object (the library's parser, which the diff command uses too).</summary>
    public static ArgoApplication Parse(string environment, JsonObject application) => ArgoApplication.Parse(environment, application);
}
