using Lakehouse.Model;
using Lakehouse.Model.Checks;

namespace Lakehouse.Tests.Model;

public class ChecksTests
{
    [Theory]
    [InlineData("10.1.2.3", "10.1.2.3")]
    [InlineData("jdbc:postgresql://172.16.0.9:5432/db", "172.16.0.9")]
    [InlineData("http://[2001:db8::7]:80", "2001:db8::7")]
    [InlineData("bind fe80::1 here", "fe80::1")]
    public void Finds_ip_literals(string text, string ip) => Assert.Equal(ip, IpLiteral.Find(text));

    [Theory]
    [InlineData("1.42.2")]
    [InlineData("RELEASE.2025-04-08T15-41-24Z")]
    [InlineData("1.2.3.4.5")]
    [InlineData("999.1.1.1")]
    [InlineData("PRINCIPAL_ROLE:ALL")]
    [InlineData("https://api.example.com:6443")]
    [InlineData("12:30:45")]
    public void Ignores_versions_and_names(string text) => Assert.Null(IpLiteral.Find(text));

    [Theory]
    [InlineData("AKIAIOSFODNN7EXAMPLE", "a cloud access key ID")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----", "a private key")]
    [InlineData("ghp_0123456789abcdefghijklmnopqrstuvwxyzAB", "a GitHub token")]
    [InlineData("postgresql://admin:hunter2@db.example.com:5432/x", "credentials embedded in a URL")]
    public void Recognises_secret_values(string text, string kind) => Assert.Equal(kind, SecretLiteral.Find(text));

    [Theory]
    [InlineData("password", true)]
    [InlineData("rootPassword", false)]
    [InlineData("db.password", true)]
    [InlineData("secret_key", true)]
    [InlineData("passwordAuthSecret", false)]
    [InlineData("existingSecret", false)]
    public void Recognises_credential_key_names(string key, bool expected) => Assert.Equal(expected, SecretLiteral.IsSecretKeyName(key));

    [Fact]
    public void Charts_must_be_pinned_to_exact_versions()
    {
        Assert.Throws<ArgumentException>(() => new HelmChart("https://trinodb.github.io/charts/", "trino", "1.x"));
        Assert.Throws<ArgumentException>(() => new HelmChart("https://trinodb.github.io/charts/", "trino", ">=1.0.0"));
        Assert.Throws<ArgumentException>(() => new HelmChart("http://insecure.example.com/", "trino", "1.0.0"));
        Assert.Equal("1.42.2", new HelmChart("https://trinodb.github.io/charts/", "trino", "1.42.2").Version);
    }

    [Fact]
    public void Images_must_not_be_latest() =>
        Assert.Equal("LH0011", Assert.Throws<Lakehouse.Model.Diagnostics.RuleViolationException>(() => new ContainerImage("trinodb/trino", "latest")).Diagnostic.Rule.Id);

    [Fact]
    public void Naming_derives_every_name_from_platform_and_environment()
    {
        var naming = new Naming("lakehouse", "prod");
        Assert.Equal("lakehouse-trino", naming.Namespace("trino"));
        Assert.Equal("lakehouse-prod-trino", naming.Application("trino"));
        Assert.Equal("lakehouse-prod", naming.Project);
        Assert.Equal("lakehouse-prod-warehouse", naming.Bucket("warehouse"));
        Assert.Throws<ArgumentException>(() => naming.Namespace("Not_A_Label"));
    }
}
