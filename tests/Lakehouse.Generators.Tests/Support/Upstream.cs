namespace Lakehouse.Generators.Tests.Support;

/// <summary>Upstream charts and CRDs: LAKEHOUSE_UPSTREAM, or ../shared/upstream beside the repository.</summary>
internal static class Upstream
{
    public static string Root { get; } =
        Environment.GetEnvironmentVariable("LAKEHOUSE_UPSTREAM") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(Path.Combine(Golden.RepositoryRoot, "..", "shared", "upstream"));

    public static string Require(string relative)
    {
        var path = Path.Combine(Root, relative);
        Assert.SkipUnless(File.Exists(path), $"upstream data '{path}' is absent: set LAKEHOUSE_UPSTREAM (default ../shared/upstream)");
        return path;
    }
}
