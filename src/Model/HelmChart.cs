using System.Text.RegularExpressions;

namespace Lakehouse.Model;

/// <summary>An upstream Helm chart at an exact version, as Argo CD fetches it.</summary>
public sealed partial record HelmChart
{
    public string RepositoryUrl { get; }
    public string Name { get; }
    public string Version { get; }

    /// <summary>
    /// For a chart published only in a Git repository (no Helm repository): its folder in that repository,
    /// with <see cref="Version"/> the release tag. Null for charts from a Helm or OCI repository.
    /// </summary>
    public string? GitPath { get; private init; }

    /// <summary>A chart kept in a Git repository at folder <paramref name="path"/>, pinned to tag <paramref name="tag"/>.</summary>
    public static HelmChart FromGit(string repositoryUrl, string path, string name, string tag)
    {
        if (!repositoryUrl.EndsWith(".git", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Git repository '{repositoryUrl}' must be the clone URL ending in .git", nameof(repositoryUrl));
        }
        return new HelmChart(repositoryUrl, name, tag) { GitPath = path };
    }

    public HelmChart(string repositoryUrl, string name, string version)
    {
        if (!Uri.TryCreate(repositoryUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "oci"))
        {
            throw new ArgumentException($"chart repository '{repositoryUrl}' must be an https:// or oci:// URL", nameof(repositoryUrl));
        }
        if (!ExactVersion().IsMatch(version))
        {
            throw new ArgumentException($"chart '{name}' version '{version}' is not pinned to an exact version", nameof(version));
        }
        RepositoryUrl = repositoryUrl;
        Name = name;
        Version = version;
    }

    // Semantic version without ranges or wildcards: 1.42.2, 0.11.0, 88.5.3-rc.1.
    [GeneratedRegex(@"^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ExactVersion();

    public override string ToString() => GitPath is null ? $"{Name} {Version} from {RepositoryUrl}" : $"{Name} {Version} from {RepositoryUrl} ({GitPath})";
}
