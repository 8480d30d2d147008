namespace Lakehouse.Tests.Support;

/// <summary>Where the repository and the shared upstream data are.</summary>
internal static class Paths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>
    /// Upstream charts and CRDs (read-only, never copied into the project): LAKEHOUSE_UPSTREAM, or
    /// ../shared/upstream beside the repository.
    /// </summary>
    public static string Upstream { get; } =
        Environment.GetEnvironmentVariable("LAKEHOUSE_UPSTREAM") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "upstream"));

    /// <summary>Skips the calling test with a clear message when the upstream data is absent.</summary>
    public static string RequireUpstream(string relative)
    {
        var path = Path.Combine(Upstream, relative);
        Assert.SkipUnless(File.Exists(path) || Directory.Exists(path),
            $"upstream data '{path}' is absent: set LAKEHOUSE_UPSTREAM to the folder holding argocd/ and charts/ (default ../shared/upstream)");
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lakehouse.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Lakehouse.sln not found above " + AppContext.BaseDirectory);
    }
}
