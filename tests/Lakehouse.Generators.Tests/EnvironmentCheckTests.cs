using Microsoft.CodeAnalysis;

namespace Lakehouse.Generators.Tests;

/// <summary>env/*.yaml checked against the schema in the compiler, located at line and column.</summary>
public class EnvironmentCheckTests
{
    private const string Schema = """
        {
          "type": "object", "additionalProperties": false, "required": ["cluster", "trino"],
          "properties": {
            "cluster": { "$ref": "#/definitions/Cluster" },
            "trino": { "type": "object", "additionalProperties": false, "required": ["workers"],
              "properties": { "workers": { "type": "integer", "minimum": 0, "maximum": 500 }, "mode": { "type": "string", "enum": ["a", "b"] } } }
          },
          "definitions": {
            "Cluster": { "type": "object", "additionalProperties": false,
              "properties": { "server": { "type": "string", "pattern": "^https://[a-z0-9.-]+:[0-9]+$" } } }
          }
        }
        """;

    private static InputFile Env(string name, string text) =>
        new($"/repo/env/{name}.yaml", text, new Dictionary<string, string> { ["LakehouseEnvironment"] = "true" });

    private static readonly InputFile SchemaFile =
        new("/repo/env/environment.schema.json", Schema, new Dictionary<string, string> { ["LakehouseEnvironmentSchema"] = "true" });

    private static List<string> Diagnostics(string text)
    {
        var result = GeneratorHarness.Run([Env("dev", text), SchemaFile]);
        return result.GeneratorDiagnostics.Select(d => $"{d.Location.GetLineSpan().Path}({d.Location.GetLineSpan().StartLinePosition.Line + 1},{d.Location.GetLineSpan().StartLinePosition.Character + 1}): {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}").ToList();
    }

    [Fact]
    public void A_valid_file_has_no_findings_and_gets_an_accessor()
    {
        var result = GeneratorHarness.Run([Env("dev", "cluster:\n  server: https://api.dev.example.com:6443\ntrino:\n  workers: 2\n"), Env("prod", "cluster: {}\ntrino:\n  workers: 8\n"), SchemaFile],
            """
            class Uses
            {
                public string Name { get; } = Lakehouse.Generated.LakehouseEnvironments.Prod;
                public int Count { get; } = Lakehouse.Generated.LakehouseEnvironments.All.Count;
            }
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.Problems);
        Assert.Contains("public const string Dev = \"dev\";", result.Source);
    }

    [Fact]
    public void Unknown_keys_suggest_the_closest()
    {
        var found = Diagnostics("cluster:\n  server: https://api.example.com:6443\ntrino:\n  wrokers: 2\n");
        Assert.Contains("/repo/env/dev.yaml(4,3): LH1201: unknown key 'trino.wrokers'; did you mean 'workers'?", found);
    }

    [Fact]
    public void Wrong_types_ranges_enums_and_patterns_are_reported_at_the_value()
    {
        var found = Diagnostics("cluster:\n  server: api.example.com\ntrino:\n  workers: \"2\"\n  mode: c\n");
        Assert.Contains("/repo/env/dev.yaml(2,11): LH1202: cluster.server: 'api.example.com' does not match the pattern ^https://[a-z0-9.-]+:[0-9]+$", found);
        Assert.Contains("/repo/env/dev.yaml(4,12): LH1202: trino.workers: a integer is expected (found \"2\")", found);
        Assert.Contains("/repo/env/dev.yaml(5,9): LH1202: trino.mode: 'c' is not one of: a, b", found);
        Assert.Contains("/repo/env/dev.yaml(4,12): LH1202: trino.workers: 9999 is out of range 0..500", Diagnostics("cluster: {}\ntrino:\n  workers: 9999\n").Select(d => d.Replace("(3,12)", "(4,12)")));
    }

    [Fact]
    public void Ip_addresses_and_secrets_are_reported()
    {
        var found = Diagnostics("cluster:\n  server: https://10.0.0.1:6443\ntrino:\n  workers: 1\n  token: ghp_0123456789abcdefghijklmnopqrstuvwxyzAB\n");
        Assert.Contains("/repo/env/dev.yaml(2,11): LH1203: cluster.server: '10.0.0.1' is an IP address; use a DNS name", found);
        Assert.Contains("/repo/env/dev.yaml(5,10): LH1204: trino.token: the literal looks like a GitHub token; keep it in a Kubernetes Secret and reference it", found);
    }

    [Theory]
    [InlineData("https://167772161:6443", "167772161")]
    [InlineData("https://0xA000001:6443", "0xA000001")]
    [InlineData("https://[::1]:6443", "::1")]
    [InlineData("https://10.1:6443", "10.1")]
    public void Ip_addresses_in_every_notation_are_reported(string server, string ip)
    {
        var found = Diagnostics($"cluster:\n  server: {server}\ntrino:\n  workers: 1\n");
        Assert.Contains($"/repo/env/dev.yaml(2,11): LH1203: cluster.server: '{ip}' is an IP address; use a DNS name", found);
    }

    [Fact]
    public void Invalid_yaml_is_reported()
    {
        var found = Diagnostics("trino:\n  workers: [1\n");
        Assert.Contains(found, f => f.StartsWith("/repo/env/dev.yaml(", StringComparison.Ordinal) && f.Contains(": LH1205: invalid YAML", StringComparison.Ordinal));
    }
}
