namespace Lakehouse.Model.Diagnostics;

/// <summary>
/// Turns a compiler-supplied [CallerFilePath] into a repository-relative location, so output and
/// messages are the same on every machine whatever the clone's absolute path.
/// </summary>
public static class CallerLocation
{
    private static string? _root;

    /// <summary>The repository root that relative paths are computed against; set once by the render host.</summary>
    public static void UseRoot(string root) => _root = Path.GetFullPath(root).Replace('\\', '/').TrimEnd('/') + "/";

    public static SourceLocation From(string file, int line)
    {
        var path = file.Replace('\\', '/');
        if (path.StartsWith("/_/", StringComparison.Ordinal))
        {
            path = path[3..];
        }
        else if (_root is not null && path.StartsWith(_root, StringComparison.Ordinal))
        {
            path = path[_root.Length..];
        }
        return new SourceLocation(path, line, 1);
    }
}
