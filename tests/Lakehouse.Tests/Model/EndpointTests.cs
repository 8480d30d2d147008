using Lakehouse.Model;
using Lakehouse.Model.Diagnostics;

namespace Lakehouse.Tests.Model;

public class EndpointTests
{
    [Theory]
    [InlineData("https://api.prod.example.com:6443", "https", "api.prod.example.com", 6443, "")]
    [InlineData("http://minio.ns.svc.cluster.local:80/bucket", "http", "minio.ns.svc.cluster.local", 80, "/bucket")]
    public void Parses_scheme_dns_name_port_and_path(string text, string scheme, string host, int port, string path)
    {
        var endpoint = Endpoint.Parse(text);
        Assert.Equal((scheme, host, port, path), (endpoint.Scheme, endpoint.Host, endpoint.Port, endpoint.Path));
        Assert.Equal(text, endpoint.ToString());
    }

    [Theory]
    [InlineData("https://10.0.0.1:6443", "LH0001")]
    [InlineData("https://[fd00::1]:443", "LH0001")]
    [InlineData("api.example.com:443", "LH0003")]
    [InlineData("https://api.example.com", "LH0003")]
    [InlineData("https://user:pw@api.example.com:443", "LH0003")]
    [InlineData("ftp://files.example.com:21", "LH0003")]
    public void Rejects_ip_addresses_and_incomplete_endpoints(string text, string rule)
    {
        var e = Assert.Throws<RuleViolationException>(() => Endpoint.Parse(text));
        Assert.Equal(rule, e.Diagnostic.Rule.Id);
        // The diagnostic points at this test's line: the definition line that built the endpoint.
        Assert.EndsWith("EndpointTests.cs", e.Diagnostic.Location.Path);
        Assert.True(e.Diagnostic.Location.Line > 0);
    }

    [Fact]
    public void In_cluster_endpoints_derive_from_service_and_namespace()
    {
        var endpoint = Endpoint.InCluster("http", "minio", "lakehouse-object-storage", 80);
        Assert.Equal("http://minio.lakehouse-object-storage.svc.cluster.local:80", endpoint.ToString());
    }

    [Fact]
    public void Constructor_rejects_an_ip_host()
    {
        var e = Assert.Throws<RuleViolationException>(() => new Endpoint("https", "192.168.1.20", 443));
        Assert.Equal("LH0001", e.Diagnostic.Rule.Id);
        Assert.Contains("192.168.1.20", e.Message);
    }
}
