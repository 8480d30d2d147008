using Lakehouse.Generators.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Lakehouse.Generators.Tests;

/// <summary>Typed Helm values and custom resources, generated from real and tricky inputs, compile with no warnings.</summary>
public class GeneratorTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    [Fact]
    public void Tricky_schema_generates_records_that_compile_without_warnings()
    {
        var result = GeneratorHarness.Run([GeneratorHarness.Chart("charts/tricky/values.schema.json", Fixture("tricky.values.schema.json"), "tricky", "2.0.0")]);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.Problems);
        Golden.Verify("tricky.g.cs", result.Source);
    }

    [Fact]
    public void Generated_members_serialize_back_to_the_exact_keys()
    {
        var result = GeneratorHarness.Run([GeneratorHarness.Chart("charts/tricky/values.schema.json", Fixture("tricky.values.schema.json"), "tricky")]);
        Assert.Contains("[global::System.Text.Json.Serialization.JsonPropertyName(\"fs.native-s3\")]\n        public bool? FsNativeS3", result.Source);
        Assert.Contains("[global::System.Text.Json.Serialization.JsonPropertyName(\"fsNativeS3\")]\n        public bool? FsNativeS32", result.Source);
        Assert.Contains("public bool? _2fa", result.Source);
        Assert.Contains("[global::System.Text.Json.Serialization.JsonPropertyName(\"class\")]\n        public string? Class", result.Source);
        Assert.Contains("public TrickyValuesImage? Image { get; init; }", result.Source);
        Assert.Contains("public string? Repository { get; init; }", result.Source);
    }

    [Fact]
    public void A_required_key_is_required_only_where_no_chart_default_is_merged_in()
    {
        // Helm merges an override map over the chart's defaults, which already hold the required keys; a list
        // item or a map value replaces the default wholesale, so there the key must be given.
        var result = GeneratorHarness.Run([GeneratorHarness.Chart("charts/req/values.schema.json",
            """
            { "type": "object", "required": ["image", "hosts", "users"], "properties": {
                "image": { "type": "object", "required": ["repository"], "properties": { "repository": { "type": "string" } } },
                "hosts": { "type": "array", "items": { "type": "object", "required": ["host"], "properties": { "host": { "type": "string" } } } },
                "users": { "type": "object", "additionalProperties": { "type": "object", "required": ["role"], "properties": { "role": { "type": "string" } } } } } }
            """, "req")],
            """
            using Lakehouse.Generated;
            class Definitions
            {
                ReqValues Values = new() { Image = new(), Hosts = [new() { Host = "a" }], Users = new System.Collections.Generic.Dictionary<string, ReqValuesUsersValue> { ["u"] = new() { Role = "r" } } };
                ReqValuesHostsItem Missing = new();
            }
            """);
        Assert.Contains("public ReqValuesImage? Image { get; init; }", result.Source);
        Assert.Contains("public string? Repository { get; init; }", result.Source);
        Assert.Contains("public required string Host { get; init; }", result.Source);
        Assert.Contains("public required string Role { get; init; }", result.Source);
        Assert.Equal(["CS9035"], result.Problems.Select(d => d.Id).Distinct());
    }

    [Fact]
    public void A_misspelled_key_is_a_compile_error()
    {
        var result = GeneratorHarness.Run([GeneratorHarness.Chart("charts/tricky/values.schema.json", Fixture("tricky.values.schema.json"), "tricky")],
            """
            using Lakehouse.Generated;
            class Definitions
            {
                TrickyValues Values = new() { Image = new() { Repository = "trinodb/trino" }, Replcias = 3 };
            }
            """);
        var error = Assert.Single(result.Problems);
        Assert.Equal("CS0117", error.Id);
        Assert.Contains("'Replcias'", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_value_removed_by_a_chart_upgrade_is_a_compile_error_at_every_use()
    {
        const string user = """
            using Lakehouse.Generated;
            class Definitions
            {
                UpgradedValues A = new() { Legacy = true };
                UpgradedValues B = new() { Kept = "x", Legacy = false };
            }
            """;
        var before = """{"type":"object","properties":{"kept":{"type":"string"},"legacy":{"type":"boolean"}}}""";
        var after = """{"type":"object","properties":{"kept":{"type":"string"}}}""";
        Assert.Empty(GeneratorHarness.Run([GeneratorHarness.Chart("values.schema.json", before, "upgraded", "1.0.0")], user).Problems);
        var problems = GeneratorHarness.Run([GeneratorHarness.Chart("values.schema.json", after, "upgraded", "2.0.0")], user).Problems;
        Assert.Equal(2, problems.Count(p => p.Id == "CS0117"));
    }

    [Fact]
    public void Open_schemas_offer_an_explicit_escape_hatch_and_closed_ones_do_not()
    {
        var result = GeneratorHarness.Run([GeneratorHarness.Chart("charts/tricky/values.schema.json", Fixture("tricky.values.schema.json"), "tricky")],
            """
            using Lakehouse.Generated;
            class Definitions
            {
                TrickyValuesOpen Open = new() { Known = "k", AdditionalValues = new() { ["unknownToSchema"] = 1 } };
            }
            """);
        Assert.Empty(result.Problems);
        var closed = GeneratorHarness.Run([GeneratorHarness.Chart("charts/tricky/values.schema.json", Fixture("tricky.values.schema.json"), "tricky")],
            """
            using Lakehouse.Generated;
            class Definitions
            {
                TrickyValuesImage Image = new() { Repository = "r", AdditionalValues = new() };
            }
            """);
        Assert.Contains(closed.Problems, p => p.Id == "CS0117");
    }

    [Fact]
    public void A_chart_without_a_version_takes_the_version_of_the_chart_lock()
    {
        const string values = "server:\n  workers: 2\n";
        var chart = new InputFile("charts/trino/values.yaml", values, new Dictionary<string, string> { ["LakehouseChart"] = "trino" });
        var chartLock = new InputFile("charts.lock.yaml", "charts:\n  trino:\n    repository: https://trinodb.github.io/charts/\n    version: 1.43.0\n    locked:\n      1.43.0: unverified\n",
            new Dictionary<string, string> { ["LakehouseChartLock"] = "true" });
        Assert.Contains("Values of the Helm chart 'trino' 1.43.0", GeneratorHarness.Run([chart, chartLock]).Source);
        // Without the lock, no version is claimed.
        Assert.Contains("Values of the Helm chart 'trino', generated from values.yaml", GeneratorHarness.Run([chart]).Source);
    }

    [Fact]
    public void Unreadable_input_is_reported_at_its_file()
    {
        var result = GeneratorHarness.Run([GeneratorHarness.Chart("charts/bad/values.yaml", "server:\n  workers: [1\n", "bad")]);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("LH1101", diagnostic.Id);
        Assert.Equal("charts/bad/values.yaml", diagnostic.Location.GetLineSpan().Path);
    }

    [Theory]
    [InlineData("kind: ConfigMap\nmetadata:\n  name: x\n", 1, 1, "no CustomResourceDefinition with a served version and an openAPIV3Schema")]
    [InlineData("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n  versions:\n    - name: v1\n      served: false\n", 1, 1, "no CustomResourceDefinition with a served version and an openAPIV3Schema")]
    [InlineData("kind: CustomResourceDefinition\nspec: [1\n", 3, 1, "")]
    public void An_unreadable_custom_resource_definition_is_LH1102_at_its_file(string text, int line, int column, string message)
    {
        var result = GeneratorHarness.Run([GeneratorHarness.Crd("crds/bad.yaml", text)]);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("LH1102", diagnostic.Id);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("crds/bad.yaml", span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Contains(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Airflow_schema_generates_code_that_compiles_without_warnings()
    {
        var path = Upstream.Require("charts/airflow/values.schema.json");
        var result = GeneratorHarness.Run([GeneratorHarness.Chart(path, File.ReadAllText(path), "airflow", "1.20.0")],
            """
            using Lakehouse.Generated;
            class Definitions
            {
                AirflowValues Values = new() { Executor = "KubernetesExecutor", Webserver = new() { Replicas = 2 } };
            }
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems.Take(10)));
        TestContext.Current.SendDiagnosticMessage($"airflow values.schema.json: {result.Source.Length / 1024} KB of C# in {result.Elapsed.TotalMilliseconds:F0} ms (generation and compilation)");
    }

    [Fact]
    public void Values_yaml_defaults_are_typed_by_the_yaml_1_2_core_schema()
    {
        var result = GeneratorHarness.Run([GeneratorHarness.Chart("charts/x/values.yaml", "upper: TRUE\ntitle: False\nhex: 0x1F\noctal: 0o17\ninfinite: .inf\nratio: .5\ngrouped: 1_000\nyesish: yes\nquoted: \"1\"\nnothing: ~\n", "x")]);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Contains("public bool? Upper { get; init; }", result.Source);
        Assert.Contains("public bool? Title { get; init; }", result.Source);
        Assert.Contains("public long? Hex { get; init; }", result.Source);
        Assert.Contains("public long? Octal { get; init; }", result.Source);
        Assert.Contains("public double? Infinite { get; init; }", result.Source);
        Assert.Contains("public double? Ratio { get; init; }", result.Source);
        Assert.Contains("public string? Grouped { get; init; }", result.Source);
        Assert.Contains("public string? Yesish { get; init; }", result.Source);
        Assert.Contains("public string? Quoted { get; init; }", result.Source);
        Assert.Contains("public global::System.Text.Json.Nodes.JsonNode? Nothing { get; init; }", result.Source);
    }

    [Fact]
    public void Trino_values_yaml_generates_typed_records_with_docs()
    {
        var path = Upstream.Require("charts/trino/values.yaml");
        var result = GeneratorHarness.Run([GeneratorHarness.Chart(path, File.ReadAllText(path), "trino", "1.42.2")],
            """
            using Lakehouse.Generated;
            class Definitions
            {
                TrinoValues Values = new()
                {
                    Server = new() { Workers = 4, Config = new() { AuthenticationType = "PASSWORD" } },
                    Catalogs = new() { AdditionalValues = new() { ["iceberg"] = "connector.name=iceberg" } },
                };
            }
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems.Take(10)));
        Assert.Contains("public long? Workers { get; init; }", result.Source);
        Assert.Contains("/// <summary>", result.Source);
    }

    public static TheoryData<string> Crds()
    {
        var data = new TheoryData<string>();
        if (Directory.Exists(Upstream.Root))
        {
            foreach (var file in Directory.GetFiles(Upstream.Root, "*.yaml", SearchOption.AllDirectories)
                         .Where(f => f.Contains("crd", StringComparison.OrdinalIgnoreCase) || f.Contains("/crds/", StringComparison.Ordinal))
                         .Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(Upstream.Root, file));
            }
        }
        else
        {
            data.Add("argocd/application-crd.yaml");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Crds))]
    public void Every_upstream_crd_generates_kubernetes_objects_that_compile(string relative)
    {
        var path = Upstream.Require(relative);
        var result = GeneratorHarness.Run([GeneratorHarness.Crd(path, File.ReadAllText(path))]);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems.Take(10)));
        Assert.Contains(": global::k8s.IKubernetesObject<global::k8s.Models.V1ObjectMeta>", result.Source);
        TestContext.Current.SendDiagnosticMessage($"{relative}: {new FileInfo(path).Length / 1024} KB CRD -> {result.Source.Length / 1024} KB of C# in {result.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public void Multi_document_and_multi_version_crd_files_give_one_class_per_served_version()
    {
        const string crds = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: { name: widgets.example.com }
            spec:
              group: example.com
              names: { kind: Widget, plural: widgets }
              scope: Namespaced
              versions:
                - name: v1alpha1
                  served: true
                  storage: false
                  schema: { openAPIV3Schema: { type: object, properties: { spec: { type: object, properties: { size: { type: string } } } } } }
                - name: v1
                  served: true
                  storage: true
                  schema: { openAPIV3Schema: { type: object, properties: { spec: { type: object, required: [size], properties: { size: { type: integer } } } } } }
                - name: v0
                  served: false
                  storage: false
                  schema: { openAPIV3Schema: { type: object } }
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: { name: gadgets.example.com }
            spec:
              group: example.com
              names: { kind: Gadget, plural: gadgets }
              scope: Cluster
              versions:
                - name: v1
                  served: true
                  storage: true
                  schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } }
            """;
        var result = GeneratorHarness.Run([GeneratorHarness.Crd("crds/example.yaml", crds)],
            """
            using Lakehouse.Generated;
            class Definitions
            {
                public WidgetV1 New { get; } = new() { Spec = new() { Size = 3 } };
                public WidgetV1alpha1 Old { get; } = new() { Spec = new() { Size = "small" } };
                public GadgetV1 Gadget { get; } = new();
            }
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems));
        Assert.Contains("public const string KubeApiVersion = \"example.com/v1alpha1\";", result.Source);
        Assert.DoesNotContain("WidgetV0", result.Source);
    }

    [Fact]
    public void Custom_resource_classes_carry_api_version_and_kind()
    {
        var path = Upstream.Require("charts/kube-prometheus-stack/crds/crd-servicemonitors.yaml");
        var result = GeneratorHarness.Run([GeneratorHarness.Crd(path, File.ReadAllText(path))],
            """
            using Lakehouse.Generated;
            class Definitions
            {
                k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> Monitor = new ServiceMonitorV1
                {
                    Metadata = new() { Name = "trino" },
                    Spec = new() { Endpoints = [new() { Port = "metrics", Interval = "30s" }] },
                };
            }
            """);
        Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems.Take(10)));
        Assert.Contains("public const string KubeApiVersion = \"monitoring.coreos.com/v1\";", result.Source);
        Assert.Contains("public const string KubeKind = \"ServiceMonitor\";", result.Source);
    }
}
