using System.Text.Json.Nodes;
using Lakehouse.Model.Checks;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Validation;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Validation;

/// <summary>
/// The scan of every rendered value and manifest (LH0002 credentials, LH0001 IP addresses): silent on the
/// real tree, and finding each literal of issue 10 at the component's definition line.
/// </summary>
public class LiteralScanTests
{
    [Fact]
    public void The_real_tree_has_no_finding_in_any_component_of_any_environment()
    {
        var findings = new List<string>();
        var credentialKeys = new SortedSet<string>(StringComparer.Ordinal);
        var scanned = 0;
        foreach (var environment in Render.Reference.Platform!.Environments)
        {
            foreach (var component in environment.Components)
            {
                var diagnostics = new List<Diagnostic>();
                var where = $"component '{component.Name}' in environment '{environment.Name}'";
                SpecValidator.Scan(component.Spec.Values, "values", component.Name, where, SourceLocation.None, diagnostics);
                foreach (var manifest in component.Spec.Manifests)
                {
                    SpecValidator.Scan(manifest.Body, manifest.Id, component.Name, where, SourceLocation.None, diagnostics);
                }
                findings.AddRange(diagnostics.Select(d => d.ToString()));
                Collect(component.Spec.Values, credentialKeys);
                scanned++;
            }
        }
        Assert.True(scanned >= 40, $"only {scanned} components scanned");
        Assert.Empty(findings);
        // Not vacuous: the tree holds credential-named keys, each allowed by a documented rule (a Secret's
        // own name, entries of a referenced Secret), none by a list of our keys.
        Assert.Superset(new SortedSet<string>(["awsSecretAccessKey", "existingSecret", "passwordAuthSecret", "usersExistingSecret"]), credentialKeys);
    }

    private static void Collect(JsonNode? node, ISet<string> keys)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    if (CredentialName.IsCredential(k) && v is JsonValue)
                    {
                        keys.Add(k);
                    }
                    Collect(v, keys);
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Collect(item, keys);
                }
                break;
        }
    }

    public static TheoryData<string, string> CredentialLiterals => new()
    {
        { """{"auth": {"adminPassword": "hunter2"}}""", "values.auth.adminPassword" },
        { """{"dbPassword": "hunter2"}""", "values.dbPassword" },
        { """{"s3": {"secretKey": "wJalrXUtnFEMI"}}""", "values.s3.secretKey" },
        { """{"s3": {"accessKey": "minioadmin"}}""", "values.s3.accessKey" },
        { """{"gitlab": {"token": "glpat-abc"}}""", "values.gitlab.token" },
        { """{"apiKey": "abc123"}""", "values.apiKey" },
        { """{"oidc": {"clientSecret": "s3cr3t"}}""", "values.oidc.clientSecret" },
        { """{"tls": {"privateKey": "MIIEvQIBADANBg"}}""", "values.tls.privateKey" },
        { """{"DB_PASSWORD": "hunter2"}""", "values.DB_PASSWORD" },
        { """{"db-password": "hunter2"}""", "values.db-password" },
        { """{"spark.hadoop.fs.s3a.secret.key": "hunter2"}""", "values.spark.hadoop.fs.s3a.secret.key" },
        { """{"admin_credentials": "admin:admin"}""", "values.admin_credentials" },
        { """{"redis": {"password": 12345}}""", "values.redis.password" },
        { """{"existingSecret": "hunter2"}""", "values.existingSecret" },
        { """{"secret": {"name": "x-creds", "password": "hunter2"}}""", "values.secret.password" },
        { """{"secret": [{"secretName": "x-creds", "password": "hunter2"}]}""", "values.secret[0].password" },
        // "unused: reason" only with a reason; the word alone is a literal like any other.
        { """{"flaskServerSecretKey": "unused:"}""", "values.flaskServerSecretKey" },
        { """{"flaskServerSecretKey": "unused"}""", "values.flaskServerSecretKey" },
    };

    [Theory]
    [MemberData(nameof(CredentialLiterals))]
    public void A_literal_under_a_credential_name_is_LH0002_at_the_definition_line(string overrides, string path)
    {
        var (line, errors) = RenderWith(overrides);
        Assert.Equal($"tests/Lakehouse.Tests/Validation/LiteralScanTests.cs({line},1): error LH0002: component 'x' in environment 'dev': '{path}' sets a credential literally; use a SecretRef", Assert.Single(errors));
    }

    [Theory]
    [InlineData("""{"metadata": {"url": "postgresql://orchestrator:hunter2@db.example.com:5432/x"}}""", "values.metadata.url", "credentials embedded in a URL")]
    [InlineData("""{"broker": {"dsn": "redis://:hunter2@valkey.example.com:6379/0"}}""", "values.broker.dsn", "credentials embedded in a URL")]
    [InlineData("""{"connectionString": "Host=db.example.com;Username=a;Password=hunter2"}""", "values.connectionString", "a password in a connection string")]
    [InlineData("""{"jdbcUrl": "jdbc:postgresql://db.example.com:5432/x?user=a&password=hunter2"}""", "values.jdbcUrl", "a password in a connection string")]
    [InlineData("""{"broker": {"url": "redis://superset:hunter{2}@valkey.example.com:6379/0"}}""", "values.broker.url", "credentials embedded in a URL")]
    public void A_connection_string_with_a_password_is_LH0002(string overrides, string path, string kind)
    {
        var (_, errors) = RenderWith(overrides);
        Assert.Contains($"error LH0002: component 'x' in environment 'dev': '{path}' contains what looks like {kind}; use a SecretRef", Assert.Single(errors));
    }

    [Theory]
    [InlineData("""{"auth": {"existingSecret": "x-admin", "passwordKey": "admin-password", "userKey": "admin-user"}}""")]
    [InlineData("""{"storage": {"secret": {"name": "x-s3", "awsAccessKeyId": "access-key", "awsSecretAccessKey": "secret-key"}}}""")]
    [InlineData("""{"secret": [{"envName": "AWS_SECRET_ACCESS_KEY", "secretName": "x-s3-credentials", "secretKey": "secret-key"}]}""")]
    [InlineData("""{"env": [{"name": "PASSWORD", "valueFrom": {"secretKeyRef": {"name": "x-db", "key": "password"}}}]}""")]
    [InlineData("""{"s3": {"secretKey": "${ENV:S3_SECRET_KEY}", "accessKey": "$(ACCESS_KEY)", "token": "env:TOKEN", "password": "file:/etc/x/password"}}""")]
    [InlineData("""{"tls": {"sslKeyPath": "/etc/tls/tls.key", "privateKey": "/etc/tls/tls.key", "keystore": "keystore.p12", "keySecretName": "x-tls"}}""")]
    [InlineData("""{"cassandra": {"keyspace": "x"}, "affinity": {"topologyKey": "kubernetes.io/hostname"}, "keyOfSecretAccessKey": "secret-key"}""")]
    [InlineData("""{"passwordFile": "/run/secrets/password", "tokenUrl": "https://auth.example.com:443/token", "authenticationType": "PASSWORD", "passwordSecretName": "x-db"}""")]
    [InlineData("""{"db": {"url": "postgresql://orchestrator:$(PASSWORD)@db.example.com:5432/x", "dsn": "Host=db.example.com;Password=${ENV:PGPASSWORD}"}}""")]
    [InlineData("""{"password": "", "enableToken": true, "existingSecret": true}""")]
    [InlineData("""{"config": "VALKEY_URL = f\"redis://superset:{quote(os.environ['REDIS_PASSWORD'])}@valkey.example.com:6379/0\""}""")]
    [InlineData("""{"flaskServerSecretKey": "unused: the auth app that reads it is off"}""")]
    public void References_and_names_of_credentials_are_allowed(string overrides)
    {
        var outcome = RenderPipeline.Render(Platform(overrides, out _), Fixtures.ReferenceEnvironments);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
    }

    public static TheoryData<string, string, string> IpLiterals => new()
    {
        { """{"s3": {"endpoint": "http://167772161:9000"}}""", "values.s3.endpoint", "167772161" },
        { """{"cluster": {"server": "https://167772161:6443"}}""", "values.cluster.server", "167772161" },
        { """{"url": "http://0xA000001:9000/x"}""", "values.url", "0xA000001" },
        { """{"url": "http://0x0a.0.0.1:9000"}""", "values.url", "0x0a.0.0.1" },
        { """{"url": "http://012.0.0.1:9000"}""", "values.url", "012.0.0.1" },
        { """{"url": "http://10.1:9000"}""", "values.url", "10.1" },
        { """{"url": "http://[::1]:80/"}""", "values.url", "::1" },
        { """{"peer": "[fd00::7]:2380"}""", "values.peer", "fd00::7" },
        { """{"bind": "::ffff:10.0.0.1"}""", "values.bind", "10.0.0.1" },
        { """{"target": "167772161:9000"}""", "values.target", "167772161" },
        { """{"target": "0xA000001:9000"}""", "values.target", "0xA000001" },
        { """{"db": {"host": "167772161"}}""", "values.db.host", "167772161" },
        { """{"db": {"serverAddress": "0xA000001"}}""", "values.db.serverAddress", "0xA000001" },
        { """{"args": ["--advertise=10.0.0.9:7000"]}""", "values.args[0]", "10.0.0.9" },
    };

    [Theory]
    [MemberData(nameof(IpLiterals))]
    public void An_ip_address_in_any_notation_is_LH0001(string overrides, string path, string ip)
    {
        var (line, errors) = RenderWith(overrides);
        Assert.Equal($"tests/Lakehouse.Tests/Validation/LiteralScanTests.cs({line},1): error LH0001: component 'x' in environment 'dev': '{path}' contains the IP address '{ip}'; use a DNS name", Assert.Single(errors));
    }

    [Fact]
    public void A_host_written_as_a_yaml_number_is_LH0001()
    {
        var (_, errors) = RenderWith("""{"db": {"host": 167772161}}""");
        Assert.Contains("error LH0001: component 'x' in environment 'dev': 'values.db.host' is the IP address 167772161 written as a number; use a DNS name", Assert.Single(errors));
    }

    [Theory]
    [InlineData("""{"replicaCount": 167772161, "workers": "167772161", "size": "167772161"}""")]
    [InlineData("""{"version": "1.42.2", "semver": "v2.10.3-rc.1", "timeout": "1:30", "user": "1000:1000", "ratio": "16:9"}""")]
    [InlineData("""{"image": "trinodb/trino:480", "memory": "4096Mi", "schedule": "0 2 * * *", "retention": "720h"}""")]
    [InlineData("""{"url": "https://minio.example.com:9000/x", "host": "db.example.com", "server": "https://api.example.com:6443"}""")]
    public void Numbers_versions_and_names_are_not_addresses(string overrides)
    {
        var outcome = RenderPipeline.Render(Platform(overrides, out _), Fixtures.ReferenceEnvironments);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
    }

    [Fact]
    public void A_manifest_is_scanned_like_values()
    {
        var diagnostics = new List<Diagnostic>();
        var manifest = JsonNode.Parse("""{"kind": "ConfigMap", "data": {"adminPassword": "hunter2", "endpoint": "http://167772161:9000"}}""");
        SpecValidator.Scan(manifest, "ConfigMap/x", "x", "component 'x' in environment 'dev'", SourceLocation.None, diagnostics);
        Assert.Equal(
            ["LH0002: component 'x' in environment 'dev': 'ConfigMap/x.data.adminPassword' sets a credential literally; use a SecretRef",
             "LH0001: component 'x' in environment 'dev': 'ConfigMap/x.data.endpoint' contains the IP address '167772161'; use a DNS name"],
            diagnostics.Select(d => $"{d.Rule.Id}: {d.Message}"));
    }

    [Theory]
    [InlineData("connector.name=iceberg\niceberg.jdbc-catalog.connection-password=hunter2\n", "iceberg.jdbc-catalog.connection-password")]
    [InlineData("import os\nSECRET_KEY = \"s3cr3t-value\"\n", "SECRET_KEY")]
    [InlineData("auth:\n  adminPassword: 'hunter2'\n", "adminPassword")]
    [InlineData("[client]\napi_key = abc123\n", "api_key")]
    [InlineData("clientSecret: \"$hunter2\"\n", "clientSecret")]
    [InlineData("clientSecret: \"$argocd-oidc:not a key\"\n", "clientSecret")]
    public void A_credential_in_a_file_carried_by_a_value_is_LH0002(string file, string setting)
    {
        var diagnostics = new List<Diagnostic>();
        var manifest = new JsonObject { ["data"] = new JsonObject { ["config"] = file } };
        SpecValidator.Scan(manifest, "ConfigMap/x", "x", "component 'x' in environment 'dev'", SourceLocation.None, diagnostics);
        Assert.Equal($"component 'x' in environment 'dev': 'ConfigMap/x.data.config' sets the credential '{setting}' literally in the file it carries; use a SecretRef", Assert.Single(diagnostics).Message);
    }

    [Theory]
    [InlineData("s3.aws-secret-key=${ENV:S3_SECRET_KEY}\niceberg.rest-catalog.oauth2.credential=${ENV:X}\n")]
    [InlineData("import os\nSECRET_KEY = os.environ[\"SUPERSET_SECRET_KEY\"]\nPASSWORD = get_password()\n")]
    [InlineData("spark.hadoop.fs.s3a.secret.key: $(AWS_SECRET_ACCESS_KEY)\npasswordFile: /etc/secrets/password\ntopologyKey: kubernetes.io/hostname\n")]
    [InlineData("name: \"Lakehouse\"\nclientID: \"lakehouse-dev-argocd\"\nclientSecret: \"$argocd-oidc:client-secret\"\n")]
    public void References_in_a_carried_file_are_allowed(string file)
    {
        var diagnostics = new List<Diagnostic>();
        SpecValidator.Scan(new JsonObject { ["config"] = file }, "values", "x", "component 'x'", SourceLocation.None, diagnostics);
        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("https://167772161:6443", "167772161")]
    [InlineData("https://0xA000001:6443", "0xA000001")]
    [InlineData("https://0x0a.0.0.1:6443", "0x0a.0.0.1")]
    [InlineData("https://[::1]:6443", "::1")]
    [InlineData("https://[::ffff:10.0.0.1]:6443", "10.0.0.1")]
    public void An_ip_address_in_any_notation_in_an_env_file_is_LH0001_at_its_value(string server, string ip)
    {
        var yaml = Render.EnvironmentText("dev").Replace("https://api.dev.lakehouse.example.com:6443", server);
        var diagnostics = Render.EnvironmentDiagnostics("dev", yaml).Select(d => d.ToString()).ToList();
        Assert.Contains($"env/dev.yaml(4,11): error LH0001: cluster.server: '{ip}' is an IP address; use a DNS name", diagnostics);
    }

    [Theory]
    [InlineData("adminPassword")]
    [InlineData("api_key")]
    [InlineData("client-secret")]
    public void A_credential_key_in_any_spelling_in_an_env_file_is_LH0002(string key)
    {
        var yaml = Render.EnvironmentText("dev").Replace("  revision: main", $"  revision: main\n  {key}: hunter2");
        var diagnostics = Render.EnvironmentDiagnostics("dev", yaml).Select(d => d.ToString()).ToList();
        Assert.Contains(diagnostics, d => d.Contains($"error LH0002: gitOps.{key}: '{key}' holds a credential", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://167772161:9000")]
    [InlineData("http://0xA000001:9000")]
    [InlineData("http://10.1:9000")]
    [InlineData("http://[::1]:9000")]
    public void An_endpoint_built_in_a_definition_with_an_ip_in_any_notation_is_LH0001(string url)
    {
        var e = Assert.Throws<Lakehouse.Model.Diagnostics.RuleViolationException>(() => Lakehouse.Model.Endpoint.Parse(url));
        Assert.Equal("LH0001", e.Diagnostic.Rule.Id);
    }

    private static (int Line, IReadOnlyList<string> Errors) RenderWith(string overrides)
    {
        var platform = Platform(overrides, out var line);
        var outcome = RenderPipeline.Render(platform, Fixtures.ReferenceEnvironments.Take(1).ToList());
        Assert.False(outcome.Succeeded);
        return (line(), outcome.Diagnostics.Select(d => d.ToString()).ToList());
    }

    private static TestPlatform Platform(string overrides, out Func<int> line)
    {
        var at = 0;
        line = () => at;
        return new TestPlatform((p, _) =>
        {
            at = Fixtures.Line() + 1;
            p.Add(new StubComponent("x") { ValueOverrides = (JsonObject)JsonNode.Parse(overrides)! });
        });
    }
}
