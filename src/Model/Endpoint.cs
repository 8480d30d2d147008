using System.Runtime.CompilerServices;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Checks;

namespace Lakehouse.Model;

/// <summary>
/// Where a service answers: scheme, DNS name and port, never an IP address.
/// In-cluster endpoints derive from service and namespace names; external ones come from env/.
/// </summary>
public sealed record Endpoint
{
    private static readonly string[] Schemes = ["http", "https", "grpc", "grpcs", "postgresql", "redis", "rediss", "thrift", "s3"];

    public string Scheme { get; }
    public string Host { get; }
    public int Port { get; }

    /// <summary>Path after the port, starting with '/', or empty.</summary>
    public string Path { get; }

    public Endpoint(string scheme, string host, int port, string path = "",
        [CallerFilePath] string callerFile = "", [CallerLineNumber] int callerLine = 0)
    {
        var at = CallerLocation.From(callerFile, callerLine);
        if (IpLiteral.IsIpAddress(host) || IpLiteral.Find(host) is not null)
        {
            throw Violation(Diagnostics.Rules.IpAddressLiteral, at, $"endpoint host '{host}' is an IP address; use a DNS name");
        }
        if (!Schemes.Contains(scheme))
        {
            throw Violation(Diagnostics.Rules.InvalidEndpoint, at, $"endpoint scheme '{scheme}' is not one of {string.Join(", ", Schemes)}");
        }
        if (!DnsName.IsHostName(host))
        {
            throw Violation(Diagnostics.Rules.InvalidEndpoint, at, $"endpoint host '{host}' is not a DNS name");
        }
        if (port is < 1 or > 65535)
        {
            throw Violation(Diagnostics.Rules.InvalidEndpoint, at, $"endpoint port {port} is out of range 1-65535");
        }
        if (path.Length > 0 && path[0] != '/')
        {
            throw Violation(Diagnostics.Rules.InvalidEndpoint, at, $"endpoint path '{path}' must start with '/'");
        }
        Scheme = scheme;
        Host = host;
        Port = port;
        Path = path;
    }

    /// <summary>Parses "scheme://dns-name:port[/path]"; the port is required, there is no implied default.</summary>
    public static Endpoint Parse(string value, [CallerFilePath] string callerFile = "", [CallerLineNumber] int callerLine = 0)
    {
        var at = CallerLocation.From(callerFile, callerLine);
        if (TryParseParts(value, out var scheme, out var host, out var port, out var path, out var error))
        {
            return new Endpoint(scheme, host, port, path, callerFile, callerLine);
        }
        var rule = IpLiteral.Find(value) is not null ? Diagnostics.Rules.IpAddressLiteral : Diagnostics.Rules.InvalidEndpoint;
        throw Violation(rule, at, $"endpoint '{value}': {error}");
    }

    /// <summary>The in-cluster DNS name of a Service: service.namespace.svc.cluster.local.</summary>
    public static Endpoint InCluster(string scheme, string service, string @namespace, int port, string path = "",
        [CallerFilePath] string callerFile = "", [CallerLineNumber] int callerLine = 0) =>
        new(scheme, $"{service}.{@namespace}.svc.cluster.local", port, path, callerFile, callerLine);

    /// <summary>Splits an endpoint string; <paramref name="error"/> says what is wrong when it returns false.</summary>
    public static bool TryParseParts(string value, out string scheme, out string host, out int port, out string path, out string error)
    {
        scheme = host = path = error = "";
        port = 0;
        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            error = "has no scheme (expected scheme://dns-name:port)";
            return false;
        }
        scheme = value[..schemeEnd];
        var rest = value[(schemeEnd + 3)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        path = slash < 0 ? "" : rest[slash..];
        if (authority.Contains('@', StringComparison.Ordinal))
        {
            error = "carries credentials; use a SecretRef";
            return false;
        }
        var colon = authority.LastIndexOf(':');
        if (colon < 0 || authority.EndsWith(']'))
        {
            error = "has no port (expected scheme://dns-name:port)";
            return false;
        }
        host = authority[..colon];
        if (!int.TryParse(authority[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port))
        {
            error = $"port '{authority[(colon + 1)..]}' is not a number";
            return false;
        }
        if (IpLiteral.IsIpAddress(host))
        {
            error = $"host '{host}' is an IP address; use a DNS name";
            return false;
        }
        return true;
    }

    public Uri ToUri() => new(ToString());

    public override string ToString() => $"{Scheme}://{Host}:{Port}{Path}";

    /// <summary>The same endpoint with another path.</summary>
    public Endpoint WithPath(string path) => new(Scheme, Host, Port, path);

    private static RuleViolationException Violation(Rule rule, SourceLocation at, string message) =>
        new(new Diagnostic(rule, at, message));
}
