using System;

namespace Lakehouse.Model.Configuration;

/// <summary>
/// What makes two environments the same target: the same cluster API server (scheme, host and port
/// compared without case, the path without a trailing slash, so two clusters behind one proxy stay apart)
/// or the same domain. Two env files sharing either would deploy over each other (LH0041 / LH1207).
/// Plain C# without newer APIs: linked into the compile-time env check in src/Generators.
/// </summary>
public static class EnvironmentTargets
{
    /// <summary>The form two servers are compared in.</summary>
    public static string ServerKey(string server)
    {
        if (!Uri.TryCreate(server.Trim(), UriKind.Absolute, out var uri))
        {
            return server.Trim().ToLowerInvariant();
        }
        return $"{uri.Scheme.ToLowerInvariant()}://{uri.Host.ToLowerInvariant()}:{uri.Port}{uri.AbsolutePath.TrimEnd('/')}";
    }

    /// <summary>The form two domains are compared in (DNS names are case-insensitive; a trailing dot is the root).</summary>
    public static string DomainKey(string domain) => domain.Trim().TrimEnd('.').ToLowerInvariant();
}
