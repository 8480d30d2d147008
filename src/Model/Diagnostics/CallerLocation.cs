namespace Lakehouse.Model.Diagnostics;

/// <summary>
/// Turns a compiler-supplied [CallerFilePath] into a repository-relative location. Builds map the
/// repository root to "/_/" (PathMap in Directory.Build.props, or the package's build props), so
/// locations, and the gitops/ headers that name them, are the same whatever the clone's absolute path.
/// </summary>
public static class CallerLocation
{
    private const string MappedRoot = "/_/";

    public static SourceLocation From(string file, int line)
    {
        var path = file.Replace('\\', '/');
        if (path.StartsWith(MappedRoot, StringComparison.Ordinal))
        {
            path = path[MappedRoot.Length..];
        }
        return new SourceLocation(path, line, 1);
    }
}
