using Lakehouse.Rendering.Environments;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Environments;

/// <summary>Bad environment files fail with the rule, the file, the line and the column.</summary>
public class EnvironmentLoaderTests
{
    private static string Dev => Render.EnvironmentText("dev");

    private static string Only(string yaml)
    {
        var diagnostics = Render.EnvironmentDiagnostics("dev", yaml);
        Assert.True(diagnostics.Count == 1, "expected exactly one diagnostic, got:\n" + string.Join("\n", diagnostics));
        return diagnostics[0].ToString();
    }

    [Fact]
    public void The_committed_environments_load_without_findings()
    {
        foreach (var name in new[] { "dev", "staging", "prod", "aws" })
        {
            Assert.Empty(Render.EnvironmentDiagnostics(name, Render.EnvironmentText(name)));
        }
    }

    [Fact]
    public void An_ip_address_is_reported_at_its_value()
    {
        var yaml = Dev.Replace("https://api.dev.lakehouse.example.com:6443", "https://10.20.0.5:6443");
        Assert.Equal("env/dev.yaml(4,11): error LH0001: cluster.server: '10.20.0.5' is an IP address; use a DNS name", Only(yaml));
    }

    [Fact]
    public void A_secret_value_is_reported()
    {
        var yaml = Dev.Replace("  revision: main", "  revision: main\n  token: ghp_0123456789abcdefghijklmnopqrstuvwxyzAB");
        var diagnostics = Render.EnvironmentDiagnostics("dev", yaml).Select(d => d.ToString()).ToList();
        Assert.Contains("env/dev.yaml(8,10): error LH0002: gitOps.token: the value looks like a GitHub token; keep it in a Kubernetes Secret and reference it", diagnostics);
    }

    [Fact]
    public void A_credential_key_with_a_literal_is_reported_even_when_the_value_looks_harmless()
    {
        var yaml = Dev.Replace("  revision: main", "  revision: main\n  password: hunter2");
        var diagnostics = Render.EnvironmentDiagnostics("dev", yaml).Select(d => d.ToString()).ToList();
        Assert.Contains("env/dev.yaml(8,13): error LH0002: gitOps.password: 'password' holds a credential; secrets are never written in env files, reference a Secret instead", diagnostics);
    }

    [Fact]
    public void An_unknown_key_suggests_the_closest_one()
    {
        var yaml = Dev.Replace("  workers: 1", "  wrokers: 1");
        var diagnostics = Render.EnvironmentDiagnostics("dev", yaml).Select(d => d.ToString()).ToList();
        Assert.Contains(diagnostics, d => d.StartsWith("env/dev.yaml(27,3): error LH0004: unknown key 'trino.wrokers'; did you mean 'workers'?", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_type_is_reported_at_the_value()
    {
        var yaml = Dev.Replace("  workers: 1", "  workers: many");
        Assert.Equal("env/dev.yaml(27,12): error LH0005: trino.workers: a whole number is expected (found \"many\")", Only(yaml));
    }

    [Fact]
    public void A_quoted_number_is_a_string_not_a_number()
    {
        var yaml = Dev.Replace("  workers: 1", "  workers: \"1\"");
        Assert.Contains("LH0005: trino.workers: a whole number is expected", Only(yaml));
    }

    [Fact]
    public void An_out_of_range_number_is_reported()
    {
        var yaml = Dev.Replace("  workers: 1", "  workers: 5000");
        Assert.Equal("env/dev.yaml(27,12): error LH0005: trino.workers: 5000 is out of range 0..500", Only(yaml));
    }

    [Fact]
    public void An_endpoint_without_port_is_reported()
    {
        var yaml = Dev.Replace("https://api.dev.lakehouse.example.com:6443", "https://api.dev.lakehouse.example.com");
        Assert.Equal("env/dev.yaml(4,11): error LH0003: cluster.server: endpoint 'https://api.dev.lakehouse.example.com' has no port (expected scheme://dns-name:port)", Only(yaml));
    }

    [Fact]
    public void An_endpoint_without_scheme_is_reported()
    {
        var yaml = Dev.Replace("https://api.dev.lakehouse.example.com:6443", "api.dev.lakehouse.example.com:6443");
        Assert.Equal("env/dev.yaml(4,11): error LH0003: cluster.server: endpoint 'api.dev.lakehouse.example.com:6443' has no scheme (expected scheme://dns-name:port)", Only(yaml));
    }

    [Fact]
    public void A_missing_required_key_is_reported_at_its_parent()
    {
        var yaml = Dev.Replace("  revision: main\n", "");
        Assert.Equal("env/dev.yaml(5,1): error LH0005: required key 'gitOps.revision' is missing", Only(yaml));
    }

    [Fact]
    public void An_unknown_backend_lists_the_choices()
    {
        var yaml = Dev.Replace("  backend: rest", "  backend: graphql");
        Assert.Equal("env/dev.yaml(20,12): error LH0005: catalog.backend: 'graphql' is not one of: rest, external-rest, jdbc, hive, glue", Only(yaml));
    }

    [Fact]
    public void A_backend_without_its_section_is_reported()
    {
        var start = Dev.IndexOf("  minio:", StringComparison.Ordinal);
        var end = Dev.IndexOf("catalog:", StringComparison.Ordinal);
        var yaml = Dev.Remove(start, end - start);
        Assert.Equal("env/dev.yaml(10,12): error LH0005: storage.backend is 'minio' but the storage.minio section is missing", Only(yaml));
    }

    [Fact]
    public void Invalid_yaml_is_reported_with_its_position()
    {
        var yaml = Dev.Replace("  workers: 1", "  workers: [1");
        Assert.Equal("env/dev.yaml(27,12): error LH0009: invalid YAML: the '[' opened here is never closed with ']'", Only(yaml));
    }

    [Fact]
    public void The_schema_reference_is_required_on_the_first_line()
    {
        var yaml = Dev[(Dev.IndexOf('\n', StringComparison.Ordinal) + 1)..];
        Assert.Equal($"env/dev.yaml(1,1): error LH0016: the first line must be '{EnvironmentLoader.SchemaComment}' so editors complete and check keys", Only(yaml));
    }

    [Fact]
    public void Suggestions_are_made_only_for_near_misses()
    {
        Assert.Equal("workers", EnvironmentLoader.Suggest("worker", ["workers", "coordinator"]));
        Assert.Null(EnvironmentLoader.Suggest("banana", ["workers", "coordinator"]));
    }

    [Fact]
    public void An_unknown_key_inside_a_oneOf_section_is_reported_once_at_the_key()
    {
        var yaml = Dev.Replace("    servers: 1\n", "    serverz: 3\n    servers: 1\n", StringComparison.Ordinal);
        Assert.StartsWith("env/dev.yaml(13,5): error LH0004: unknown key 'storage.minio.serverz'; did you mean 'servers'?", Only(yaml), StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_type_inside_a_oneOf_section_is_reported_at_the_value()
    {
        var yaml = Dev.Replace("    servers: 1\n", "    servers: lots\n", StringComparison.Ordinal);
        Assert.Equal("env/dev.yaml(13,14): error LH0005: storage.minio.servers: a whole number is expected (found \"lots\")", Only(yaml));
    }

    [Fact]
    public void A_oneOf_section_of_the_wrong_kind_is_one_type_error()
    {
        var yaml = Dev.Replace("  rest:\n    replicas: 1\n    resources:\n      cpu: 250m\n      memory: 1Gi\n", "  rest: polaris\n", StringComparison.Ordinal);
        Assert.Equal("env/dev.yaml(21,9): error LH0005: catalog.rest: no value or a map of keys is expected (found \"polaris\")", Only(yaml));
    }

    [Fact]
    public void Core_schema_bool_spellings_are_booleans_and_yaml_1_1_ones_are_not()
    {
        Assert.Empty(Render.EnvironmentDiagnostics("dev", Dev + "argoCd:\n  highAvailability: True\n"));
        Assert.Equal("env/dev.yaml(52,21): error LH0005: argoCd.highAvailability: true or false is expected (found \"yes\")", Only(Dev + "argoCd:\n  highAvailability: yes\n"));
    }

    [Fact]
    public void A_float_is_not_a_whole_number_whatever_its_value()
    {
        Assert.Equal("env/dev.yaml(27,12): error LH0005: trino.workers: a whole number is expected (found 2.0)", Only(Dev.Replace("  workers: 1", "  workers: 2.0", StringComparison.Ordinal)));
        Assert.Empty(Render.EnvironmentDiagnostics("dev", Dev.Replace("  workers: 1", "  workers: 0x2", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_leftover_section_of_an_unchosen_backend_is_an_error_at_its_key()
    {
        var yaml = Dev.Replace("  backend: rest\n", "  backend: jdbc\n", StringComparison.Ordinal);
        Assert.Equal("env/dev.yaml(21,3): error LH0040: catalog.rest configures the 'rest' backend, but catalog.backend is 'jdbc': remove the leftover section (or choose 'rest')", Only(yaml));
    }

    [Fact]
    public void A_file_holding_only_a_null_is_a_type_error_not_silently_skipped()
    {
        Assert.Equal("env/dev.yaml(2,1): error LH0005: (root): a map of keys is expected", Only(EnvironmentLoader.SchemaComment + "\n~\n"));
    }
}
