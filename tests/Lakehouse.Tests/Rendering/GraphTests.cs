using Lakehouse.Model.Components;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Rendering;

/// <summary>Mistakes in the definitions fail with the rule and the definition line.</summary>
public class GraphTests
{
    private static IReadOnlyList<string> Errors(TestPlatform platform)
    {
        var outcome = RenderPipeline.Render(platform, Fixtures.ReferenceEnvironments);
        Assert.False(outcome.Succeeded);
        return outcome.Diagnostics.Select(d => d.ToString()).ToList();
    }

    [Fact]
    public void Duplicate_component_names_point_at_the_second_definition()
    {
        var line = 0;
        var errors = Errors(new TestPlatform((p, _) =>
        {
            p.Add(new StubComponent("trino"));
            line = Fixtures.Line() + 1;
            p.Add(new StubComponent("trino"));
        }));
        var error = Assert.Single(errors);
        Assert.StartsWith($"tests/Lakehouse.Tests/Rendering/GraphTests.cs({line},1): error LH0006: component name 'trino' is already used by the component added at tests/Lakehouse.Tests/Rendering/GraphTests.cs({line - 2},1)", error);
    }

    [Fact]
    public void A_dependency_cycle_names_its_path()
    {
        var errors = Errors(new TestPlatform((p, _) =>
        {
            p.Add(new StubComponent("a") { After = ["c"] });
            p.Add(new StubComponent("b") { After = ["a"] });
            p.Add(new StubComponent("c") { After = ["b"] });
        }));
        var error = Assert.Single(errors);
        Assert.Contains("error LH0007: dependency cycle: a -> c -> b -> a", error);
    }

    [Fact]
    public void A_dependency_on_a_component_not_added_is_reported()
    {
        var errors = Errors(new TestPlatform((p, _) =>
        {
            var missing = new StubComponent("object-storage");
            p.Add(new StubComponent("trino", missing));
        }));
        Assert.Contains("error LH0008: component 'trino' depends on 'object-storage', which is not added to the platform", Assert.Single(errors));
    }

    [Fact]
    public void A_component_name_must_be_a_dns_label()
    {
        var errors = Errors(new TestPlatform((p, _) => p.Add(new StubComponent("Trino_Main"))));
        Assert.Contains("error LH0014: component name 'Trino_Main' must be a DNS-1123 label", Assert.Single(errors));
    }

    [Fact]
    public void An_ip_address_in_a_definition_points_at_the_line_that_wrote_it()
    {
        var line = 0;
        var errors = Errors(new TestPlatform((p, _) =>
        {
            line = Fixtures.Line() + 1;
            var endpoint = Lakehouse.Model.Endpoint.Parse("http://10.0.0.7:9000");
            p.Add(new StubComponent("x"));
        }));
        Assert.Equal($"tests/Lakehouse.Tests/Rendering/GraphTests.cs({line},1): error LH0001: endpoint 'http://10.0.0.7:9000': host '10.0.0.7' is an IP address; use a DNS name", Assert.Single(errors));
    }

    [Fact]
    public void A_secret_literal_in_chart_values_is_reported_at_the_component()
    {
        var line = 0;
        var errors = Errors(new TestPlatform((p, _) =>
        {
            line = Fixtures.Line() + 1;
            p.Add(new StubComponent("x") { ExtraValues = new() { ["auth"] = new System.Text.Json.Nodes.JsonObject { ["password"] = "hunter2" } } });
        }));
        Assert.Equal($"tests/Lakehouse.Tests/Rendering/GraphTests.cs({line},1): error LH0002: component 'x' in environment 'dev': 'values.auth.password' sets a credential literally; use a SecretRef", Assert.Single(errors));
    }

    [Fact]
    public void A_latest_image_tag_is_reported()
    {
        var errors = Errors(new TestPlatform((p, _) =>
            p.Add(new StubComponent("x") { ExtraValues = new() { ["image"] = new System.Text.Json.Nodes.JsonObject { ["tag"] = "latest" } } })));
        Assert.Contains("error LH0011: component 'x' in environment 'dev': 'values.image.tag' must pin an image tag other than 'latest'", Assert.Single(errors));
    }

    [Fact]
    public void A_component_without_metrics_does_not_render()
    {
        var errors = Errors(new TestPlatform((p, _) =>
            p.Add(new StubComponent("x") { ExtraValues = new() { ["metrics"] = new System.Text.Json.Nodes.JsonObject { ["enabled"] = false } } })));
        Assert.Contains("error LH0012: component 'x' in environment 'dev' relies on the chart's monitor, but value 'metrics.enabled' is not true", Assert.Single(errors));
    }

    [Fact]
    public void An_undeclared_bucket_fails_the_component_that_asks_for_it()
    {
        var errors = Errors(new TestPlatform((p, env) =>
        {
            p.AddObjectStorage(env, ["warehouse"]);
            p.Add(new StubBackends("postgres"));
            p.AddIcebergCatalog(env, "warehous");
            p.Add(new ExternalSecretsOperator("external-secrets"));
        }));
        Assert.Contains("error LH0015: component 'iceberg-catalog' in environment 'dev' failed: bucket 'warehous' is not declared on object store 'object-storage' (declared: warehouse)", Assert.Single(errors));
    }

    [Fact]
    public void An_unmet_need_names_the_consumer_and_the_contract()
    {
        var errors = Errors(new TestPlatform((p, _) => p.Add(new Trino("trino"))));
        Assert.Contains("error LH0008: component 'trino' needs Apache Iceberg catalog (IIcebergCatalog), which no component of the platform offers", errors[0]);
        Assert.Contains("error LH0008: component 'trino' needs S3-compatible object storage (IObjectStorage), which no component of the platform offers", errors[1]);
    }

    [Fact]
    public void An_ambiguous_need_names_both_providers()
    {
        var errors = Errors(new TestPlatform((p, _) =>
        {
            var op = p.Add(new MinioOperator("minio-operator"));
            p.Add(new MinioTenant("store-a", op, ["warehouse"]));
            p.Add(new MinioTenant("store-b", op, ["warehouse"]));
            p.Add(new StubBackends("postgres"));
            p.Add(new PolarisCatalog("iceberg-catalog", "warehouse"));
        }));
        Assert.Contains("error LH0017: component 'iceberg-catalog' needs S3-compatible object storage (IObjectStorage), offered by 'store-a' and 'store-b'; choose one in the definitions: platform.Wire(icebergCatalog).To<IObjectStorage>(storeA)", Assert.Single(errors));
    }

    private sealed record ExternalStore(string Name) : Lakehouse.Model.ExternalComponent(Name), Lakehouse.Model.Contracts.IObjectStorage
    {
        public override string Description => "an S3 store run elsewhere (referenced)";
        public override IReadOnlyList<int> EgressPorts(Lakehouse.Model.ComponentContext context) => [443];
        public bool PathStyleAccess(Lakehouse.Model.ComponentContext context) => false;
        public Lakehouse.Model.Endpoint S3Endpoint(Lakehouse.Model.ComponentContext context) => Lakehouse.Model.Endpoint.Parse("https://s3.eu-west-1.amazonaws.com:443");
        public string Region(Lakehouse.Model.ComponentContext context) => "eu-west-1";
        public string Bucket(Lakehouse.Model.ComponentContext context, string purpose) => context.Naming.Bucket(purpose);
        public Lakehouse.Model.Contracts.S3Credentials CredentialsFor(Lakehouse.Model.ComponentContext context, string consumer) => new(null, null);
    }

    private sealed record OptionalConsumer(string Name) : Lakehouse.Model.Component(Name)
    {
        public override IReadOnlyList<Lakehouse.Model.Contracts.Need> Needs => [Lakehouse.Model.Contracts.Need.OptionalOf<Lakehouse.Model.Contracts.IObjectStorage>()];

        public override Lakehouse.Model.ComponentSpec Describe(Lakehouse.Model.ComponentContext context) =>
            new StubComponent(Name) { ExtraValues = new() { ["store"] = context.TryUse<Lakehouse.Model.Contracts.IObjectStorage>()?.Name ?? "none" } }.Describe(context);
    }

    [Fact]
    public void External_components_connect_their_consumers_and_render_nothing()
    {
        var outcome = RenderPipeline.Render(new TestPlatform((p, _) =>
        {
            p.Add(new ExternalStore("object-storage"));
            p.Add(new OptionalConsumer("reader"));
        }), Fixtures.ReferenceEnvironments);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        Assert.DoesNotContain(outcome.Tree!.Files.Keys, k => k.Contains("object-storage", StringComparison.Ordinal));
        Assert.Contains("store: object-storage", outcome.Tree.Files["gitops/dev/apps/reader/values.yaml"]);
        Assert.Equal("object-storage", Assert.Single(outcome.Platform!.Environments[0].External).Component.Name);
    }

    [Fact]
    public void An_optional_need_without_provider_is_left_open()
    {
        var outcome = RenderPipeline.Render(new TestPlatform((p, _) => p.Add(new OptionalConsumer("reader"))), Fixtures.ReferenceEnvironments);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        Assert.Contains("store: none", outcome.Tree!.Files["gitops/dev/apps/reader/values.yaml"]);
    }

    private sealed record KeyValueUser(string Name) : Lakehouse.Model.Component(Name)
    {
        public override IReadOnlyList<Lakehouse.Model.Contracts.Need> Needs => [Lakehouse.Model.Contracts.Need.Of<Lakehouse.Model.Contracts.IKeyValueStore>()];

        public override Lakehouse.Model.ComponentSpec Describe(Lakehouse.Model.ComponentContext context) => new StubComponent(Name).Describe(context);
    }

    [Fact]
    public void After_and_direct_dependencies_order_sync_and_open_no_network()
    {
        var outcome = RenderPipeline.Render(new TestPlatform((p, _) =>
        {
            var valkey = p.Add(new Valkey("valkey"));
            p.Add(new StubComponent("after-valkey") { After = ["valkey"] });
            p.Add(new StubComponent("uses-valkey", valkey));
            p.Add(new KeyValueUser("cache-user"));
            p.Add(new ExternalSecretsOperator("external-secrets"));
        }), Fixtures.ReferenceEnvironments);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        var components = outcome.Platform!.Environments[0].Components.ToDictionary(c => c.Name);
        string Policy(string component, string name) => components[component].Spec.Manifests.Single(m => m.Kind == "NetworkPolicy" && m.Name == name).Body.ToJsonString();
        // Valkey admits the component that needs it, and neither of those that are only ordered after it.
        var ingress = Policy("valkey", "default-ingress");
        Assert.Contains("\"lakehouse-cache-user\"", ingress);
        Assert.DoesNotContain("lakehouse-after-valkey", ingress);
        Assert.DoesNotContain("lakehouse-uses-valkey", ingress);
        Assert.Contains("\"lakehouse-valkey\"", Policy("cache-user", "default-egress"));
        Assert.DoesNotContain("lakehouse-valkey", Policy("after-valkey", "default-egress"));
        Assert.DoesNotContain("lakehouse-valkey", Policy("uses-valkey", "default-egress"));
        // The ordering still holds: both sync after Valkey.
        Assert.True(components["after-valkey"].Wave > components["valkey"].Wave);
        Assert.True(components["uses-valkey"].Wave > components["valkey"].Wave);
        Assert.Equal(["external-secrets", "valkey"], components["after-valkey"].DependsOn);
    }

    [Fact]
    public void Sync_waves_follow_the_dependency_graph()
    {
        var outcome = Render.Reference;
        var waves = outcome.Platform!.Environments.Single(e => e.Name == "dev").Components.ToDictionary(c => c.Name, c => c.Wave);
        // The secret store (ISecretStore) comes first: every component reads Secrets it delivers, Grafana's admin too.
        Assert.Equal(0, waves["external-secrets"]);
        // Then the monitoring stack (IMonitoring): every other component carries a monitor.
        Assert.Equal(1, waves["monitoring"]);
        Assert.Equal(2, waves["minio-operator"]);
        Assert.Equal(2, waves["postgres-operator"]);
        Assert.Equal(3, waves["object-storage"]);
        // PostgreSQL backs up to the object store; the catalog keeps its metadata in PostgreSQL.
        Assert.Equal(4, waves["postgres"]);
        Assert.Equal(5, waves["iceberg-catalog"]);
        Assert.Equal(6, waves["trino"]);
        Assert.Equal(7, waves["superset"]);
    }
}
