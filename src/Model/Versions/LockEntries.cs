using Lakehouse.Model.Diagnostics;

namespace Lakehouse.Model.Versions;

/// <summary>One chart of the lock: where it comes from, the version every environment deploys, and all locked versions.</summary>
/// <param name="Name">The chart's name, as its repository's index and components name it.</param>
/// <param name="Source">The Helm repository URL, or for a Git chart the clone URL (ending in .git).</param>
/// <param name="GitPath">The chart's folder in the Git repository; null for a Helm repository.</param>
/// <param name="Version">The version every environment deploys unless its env file picks another locked one.</param>
/// <param name="Versions">Every locked version, the default included.</param>
/// <param name="Location">Where the chart's key stands in the lock.</param>
public sealed record LockedChart(string Name, string Source, string? GitPath, string Version, IReadOnlyList<LockedVersion> Versions, SourceLocation Location)
{
    public bool IsGit => GitPath is not null;

    public bool Locks(string version) => Versions.Any(v => v.Version == version);

    /// <summary>The chart at <paramref name="version"/>, as components and Argo CD Applications name it.</summary>
    public HelmChart At(string version) => IsGit ? HelmChart.FromGit(Source, GitPath!, Name, version) : new HelmChart(Source, Name, version);
}

/// <summary>A locked chart version. For a Git chart the version is the tag checked out.</summary>
/// <param name="Version">The exact version (for a Git chart, the tag).</param>
/// <param name="Digest">sha256 of the chart's content (docs/charts.md); null when the lock marks it unverified.</param>
/// <param name="Location">Where the version's key stands in the lock.</param>
public sealed record LockedVersion(string Version, string? Digest, SourceLocation Location);

/// <summary>An image's default repository and tag, under the key components look it up by.</summary>
public sealed record LockedImage(string Key, string Repository, string Tag, SourceLocation Location)
{
    public ContainerImage WithTag(string tag) => new(Repository, tag);
}
