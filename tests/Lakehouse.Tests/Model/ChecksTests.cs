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
    [InlineData("rootPassword", true)]
    [InlineData("adminPassword", true)]
    [InlineData("db.password", true)]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("db-passwd", true)]
    [InlineData("secret_key", true)]
    [InlineData("secretKey", true)]
    [InlineData("accessKey", true)]
    [InlineData("AWS_SECRET_ACCESS_KEY", true)]
    [InlineData("apiKey", true)]
    [InlineData("APIKey", true)]
    [InlineData("api-key", true)]
    [InlineData("privateKey", true)]
    [InlineData("private_key", true)]
    [InlineData("clientSecret", true)]
    [InlineData("token", true)]
    [InlineData("bearerToken", true)]
    [InlineData("credentials", true)]
    [InlineData("spark.hadoop.fs.s3a.secret.key", true)]
    [InlineData("existingSecret", true)] // a Secret's name is allowed by its value (the naming rule), not by its key
    [InlineData("key", false)]
    [InlineData("topologyKey", false)]
    [InlineData("passwordKey", false)]
    [InlineData("userKey", false)]
    [InlineData("keyOfSecretAccessKey", false)]
    [InlineData("sslKeyPath", false)]
    [InlineData("keySecretName", false)]
    [InlineData("passwordFile", false)]
    [InlineData("keystore", false)]
    [InlineData("keyspace", false)]
    [InlineData("tokenUrl", false)]
    [InlineData("authenticationType", false)]
    [InlineData("awsAccessKeyId", false)]
    [InlineData("volumesPerServer", false)]
    public void Recognises_credential_key_names(string key, bool expected) => Assert.Equal(expected, SecretLiteral.IsSecretKeyName(key));

    [Theory]
    [InlineData("apiKey", new[] { "api", "key" })]
    [InlineData("APIKey", new[] { "api", "key" })]
    [InlineData("AWS_SECRET_ACCESS_KEY", new[] { "aws", "secret", "access", "key" })]
    [InlineData("s3Endpoint", new[] { "s", "3", "endpoint" })]
    [InlineData("spark.hadoop.fs-x", new[] { "spark", "hadoop", "fs", "x" })]
    public void Splits_names_in_every_spelling(string name, string[] words) => Assert.Equal(words, KeyWords.Split(name));

    [Theory]
    [InlineData("http://167772161:9000", "167772161")]
    [InlineData("https://167772161:6443", "167772161")]
    [InlineData("http://0xA000001:9000", "0xA000001")]
    [InlineData("http://0x0a.0x0.0.01:80", "0x0a.0x0.0.01")]
    [InlineData("http://10.0.1:80", "10.0.1")]
    [InlineData("http://user@10.1:80", "10.1")]
    [InlineData("http://[::1]:80", "::1")]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1")]
    [InlineData("167772161:9000", "167772161")]
    public void Finds_ip_literals_in_every_notation(string text, string ip) => Assert.Equal(ip, IpLiteral.Find(text));

    [Theory]
    [InlineData("host", "167772161", "167772161")]
    [InlineData("serverAddress", "0xA000001:80", "0xA000001")]
    [InlineData("endpoint", "10.1", "10.1")]
    [InlineData("replicas", "167772161", null)]
    [InlineData("volumesPerServer", "4", null)]
    public void Integer_forms_count_only_in_a_host_position(string key, string text, string? ip) => Assert.Equal(ip, IpLiteral.Find(text, key));

    [Theory]
    [InlineData("http://0x1g:80")]
    [InlineData("http://256.0.0.1.2:80")]
    [InlineData("1:30")]
    [InlineData("1000:1000")]
    [InlineData("http://4294967296:80")]
    [InlineData("http://minio-0.example.com:9000")]
    public void Ignores_what_no_url_parser_reads_as_an_address(string text) => Assert.Null(IpLiteral.Find(text));

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
