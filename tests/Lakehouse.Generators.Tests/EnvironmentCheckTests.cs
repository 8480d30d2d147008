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
        Assert.Contains("/repo/env/dev.yaml(4,12): LH1202: trino.workers: a whole number is expected (found \"2\")", found);
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

    private static readonly string RealSchema = File.ReadAllText(Path.Combine(Support.Golden.RepositoryRoot, "env", "environment.schema.json"));

    private static string RealEnv(string name) => File.ReadAllText(Path.Combine(Support.Golden.RepositoryRoot, "env", name + ".yaml")).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static List<string> Real(params (string Name, string Text)[] envs)
    {
        var files = envs.Select(e => new InputFile($"/repo/env/{e.Name}.yaml", e.Text, new Dictionary<string, string> { ["LakehouseEnvironment"] = "true" }))
            .Append(new InputFile("/repo/env/environment.schema.json", RealSchema, new Dictionary<string, string> { ["LakehouseEnvironmentSchema"] = "true" }));
        var result = GeneratorHarness.Run(files);
        return result.GeneratorDiagnostics.Select(d => $"{d.Location.GetLineSpan().Path}({d.Location.GetLineSpan().StartLinePosition.Line + 1},{d.Location.GetLineSpan().StartLinePosition.Character + 1}): {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}").ToList();
    }

    [Fact]
    public void The_issue_s_examples_fail_in_the_compiler_as_in_the_render()
    {
        var dev = RealEnv("dev");
        Assert.Equal(["/repo/env/dev.yaml(13,5): LH1201: unknown key 'storage.minio.serverz'; did you mean 'servers'?"], Real(("dev", dev.Replace("    servers: 1\n", "    serverz: 3\n    servers: 1\n", StringComparison.Ordinal))));
        Assert.Equal(["/repo/env/dev.yaml(13,14): LH1202: storage.minio.servers: a whole number is expected (found lots)"], Real(("dev", dev.Replace("    servers: 1\n", "    servers: lots\n", StringComparison.Ordinal))));
        Assert.Equal(["/repo/env/dev.yaml(23,5): LH1201: unknown key 'catalog.rest.replicaz'; did you mean 'replicas'?"], Real(("dev", dev.Replace("    replicas: 1\n", "    replicas: 1\n    replicaz: 2\n", StringComparison.Ordinal))));
        Assert.Empty(Real(("dev", dev + "argoCd:\n  highAvailability: True\n")));
    }

    [Fact]
    public void A_leftover_backend_section_is_LH1206_at_its_key()
    {
        var dev = RealEnv("dev").Replace("  backend: rest\n", "  backend: jdbc\n", StringComparison.Ordinal);
        Assert.Equal(["/repo/env/dev.yaml(21,3): LH1206: catalog.rest configures the 'rest' backend, but catalog.backend is 'jdbc': remove the leftover section (or choose 'rest')"], Real(("dev", dev)));
    }

    [Fact]
    public void Two_environments_on_one_cluster_server_or_domain_are_LH1207_naming_both()
    {
        var dev = RealEnv("dev");
        var prod = RealEnv("prod").Replace("https://api.prod.lakehouse.example.com:6443", "https://api.DEV.lakehouse.example.com:6443", StringComparison.Ordinal);
        var staging = RealEnv("staging").Replace("domain: staging.lakehouse.example.com", "domain: dev.lakehouse.example.com", StringComparison.Ordinal);
        var found = Real(("dev", dev), ("prod", prod), ("staging", staging));
        Assert.Equal(2, found.Count);
        Assert.Contains("/repo/env/prod.yaml(4,11): LH1207: cluster.server: /repo/env/prod.yaml and /repo/env/dev.yaml(4,11) target the same server https://api.dev.lakehouse.example.com:6443; each environment needs its own cluster server and domain", found);
        Assert.Contains("/repo/env/staging.yaml(8,9): LH1207: domain: /repo/env/staging.yaml and /repo/env/dev.yaml(8,9) target the same domain dev.lakehouse.example.com; each environment needs its own cluster server and domain", found);
        Assert.Empty(Real(("dev", dev), ("prod", RealEnv("prod")), ("staging", RealEnv("staging")), ("aws", RealEnv("aws"))));
    }

    /// <summary>Every keyword of a schema, whatever its depth (names under properties/definitions are not keywords).</summary>
    internal static SortedSet<string> KeywordsOf(string schemaJson)
    {
        var keywords = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(System.Text.Json.Nodes.JsonNode? node, bool namesHere)
        {
            switch (node)
            {
                case System.Text.Json.Nodes.JsonObject map:
                    foreach (var (key, value) in map)
                    {
                        if (!namesHere)
                        {
                            keywords.Add(key);
                        }
                        Walk(value, !namesHere && key is "properties" or "definitions" or "$defs" or "patternProperties");
                    }
                    break;
                case System.Text.Json.Nodes.JsonArray list:
                    foreach (var item in list)
                    {
                        Walk(item, false);
                    }
                    break;
            }
        }
        Walk(System.Text.Json.Nodes.JsonNode.Parse(schemaJson), false);
        return keywords;
    }

    [Fact]
    public void The_checker_understands_every_keyword_the_generated_schema_uses()
    {
        var used = KeywordsOf(RealSchema);
        Assert.Contains("oneOf", used);
        var unknown = used.Where(k => !Generation.EnvironmentChecker.Keywords.Contains(k) && !Generation.EnvironmentChecker.Annotations.Contains(k)).ToList();
        Assert.Empty(unknown);
        // The fixture that breaks it: a keyword the checker does not enforce is noticed.
        Assert.Equal(["patternProperties"], KeywordsOf("""{"type": "object", "patternProperties": {"^x-": {"type": "string"}}}""").Where(k => !Generation.EnvironmentChecker.Keywords.Contains(k)));
    }

    [Fact]
    public void Constructs_beyond_the_generated_schema_are_enforced_too()
    {
        const string schema = """
            {
              "type": "object", "additionalProperties": false,
              "properties": {
                "all": { "allOf": [ { "type": "integer" }, { "minimum": 2 } ] },
                "any": { "anyOf": [ { "type": "string", "maxLength": 3 }, { "type": "boolean" } ] },
                "not": { "not": { "enum": ["forbidden"] } },
                "list": { "type": "array", "minItems": 1, "maxItems": 2, "items": { "type": "integer", "exclusiveMaximum": true, "maximum": 10 } },
                "one": { "oneOf": [ { "type": "integer" }, { "type": "number" } ] }
              }
            }
            """;
        List<string> Check(string yaml) => Generation.EnvironmentChecker.Check(new Generation.EnvironmentInput("env/x.yaml", yaml, schema)).Diagnostics.Items.Select(d => $"({d.Line},{d.Column}) {d.Argument0}").ToList();
        Assert.Empty(Check("all: 3\nany: abc\nnot: fine\nlist: [1, 9]\none: 1.5\n"));
        Assert.Equal(["(1,6) all: 1 is out of range 2.."], Check("all: 1\n"));
        Assert.Equal(["(1,6) any: the value is longer than 3 characters"], Check("any: abcd\n"));
        Assert.Equal(["(1,6) any: a string or true or false is expected (found 1)"], Check("any: 1\n"));
        Assert.Equal(["(1,6) not: the value is one the schema excludes"], Check("not: forbidden\n"));
        Assert.Equal(["(1,7) list: at least 1 items are expected"], Check("list: []\n"));
        Assert.Equal(["(1,7) list: at most 2 items are expected"], Check("list: [1, 2, 3]\n"));
        Assert.Equal(["(1,11) list[1]: 10 is out of range ..10"], Check("list: [1, 10]\n"));
        Assert.Equal(["(1,6) one: the value matches more than one of the schema's choices"], Check("one: 1\n"));
    }

    [Fact]
    public void A_map_as_a_key_is_reported_not_a_crash()
    {
        var found = Diagnostics("cluster: {}\ntrino:\n  workers: 1\n  ? [a, b]\n  : 1\n");
        Assert.Contains(found, f => f.StartsWith("/repo/env/dev.yaml(4,5): LH1205: invalid YAML: a complex key", StringComparison.Ordinal));
    }
}
