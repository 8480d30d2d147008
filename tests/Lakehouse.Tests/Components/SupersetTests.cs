using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Tests.Conformance;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Components;

/// <summary>
/// Superset wired to stub providers of ISqlEngine, IPostgres and IKeyValueStore (the real PostgreSQL and
/// Valkey components live on another branch), rendered through the whole pipeline so every render rule applies.
/// </summary>
public class SupersetTests
{
    private static readonly Lazy<RenderOutcome> Outcome = new(() =>
    {
        var outcome = RenderPipeline.Render(new TestPlatform((p, _) =>
        {
            p.Add(new Monitoring("monitoring"));
            p.Add(new StubBackends("backends"));
            p.Add(new Superset("superset"));
            p.Add(new ExternalSecretsOperator("external-secrets"));
        }), Fixtures.ReferenceEnvironments);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        return outcome;
    });

    private static ComponentSpec Spec(string env = "dev") =>
        Outcome.Value.Platform!.Environments.Single(e => e.Name == env).Components.Single(c => c.Name == "superset").Spec;

    private static Dictionary<string, JsonObject> Env() =>
        Spec().Values["extraEnvRaw"]!.AsArray().Select(e => e!.AsObject()).ToDictionary(e => (string)e["name"]!);

    [Fact]
    public void Renders_with_every_rule_and_after_its_providers()
    {
        var superset = Outcome.Value.Platform!.Environments.Single(e => e.Name == "prod").Components.Single(c => c.Name == "superset");
        Assert.Contains("backends", superset.DependsOn);
        Assert.Contains("monitoring", superset.DependsOn);
        Assert.Equal(new HelmChart("https://apache.github.io/superset", "superset", "0.22.8"), Spec().Chart);
    }

    [Fact]
    public void Every_credential_comes_from_a_secret_and_none_is_in_values()
    {
        var env = Env();
        foreach (var (name, secret, key) in new[]
                 {
                     ("DB_USER", "superset-database", "username"), ("DB_PASS", "superset-database", "password"),
                     ("REDIS_PASSWORD", "superset-valkey", "password"), ("SUPERSET_SECRET_KEY", "superset-secret-key", "secret-key"),
                     ("ADMIN_USERNAME", "superset-admin", "username"), ("ADMIN_PASSWORD", "superset-admin", "password"),
                     ("TRINO_USER", "superset-trino", "username"), ("TRINO_PASSWORD", "superset-trino", "password"),
                 })
        {
            var reference = env[name]["valueFrom"]!["secretKeyRef"]!;
            Assert.Equal(secret, (string?)reference["name"]);
            Assert.Equal(key, (string?)reference["key"]);
        }
        var values = Spec().Values;
        Assert.False((bool)values["init"]!["createAdmin"]!);
        Assert.Null(values["init"]!["adminUser"]);
        Assert.Null(values["supersetNode"]!["connections"]!["db_pass"]);
        Assert.Contains("os.environ[\"SUPERSET_SECRET_KEY\"]", (string)values["configOverrides"]!["signing_key_from_environment"]!);
    }

    [Fact]
    public void The_init_job_registers_the_trino_datasource_from_the_sql_engine_contract()
    {
        var script = (string)Spec().Values["init"]!["initscript"]!;
        Assert.Contains("TRINO_AUTH=\"${TRINO_USER}:${TRINO_PASSWORD}\"", script);
        Assert.Contains("superset set-database-uri --database_name 'Lakehouse (Trino)' --uri \"trino://${TRINO_AUTH}@trino.lakehouse-backends.svc.cluster.local:8443/iceberg\"", script);
        Assert.Contains("--password \"$ADMIN_PASSWORD\"", script);
        Assert.Contains("trino[sqlalchemy]==", (string)Spec().Values["bootstrapScript"]!);
    }

    [Fact]
    public void Uses_the_platforms_postgres_and_valkey_not_the_bundled_ones()
    {
        var values = Spec().Values;
        Assert.False((bool)values["postgresql"]!["enabled"]!);
        Assert.False((bool)values["redis"]!["enabled"]!);
        var connections = values["supersetNode"]!["connections"]!;
        Assert.Equal("pg-rw.lakehouse-backends.svc.cluster.local", (string?)connections["db_host"]);
        Assert.Equal("superset", (string?)connections["db_name"]);
        Assert.Equal("valkey.lakehouse-backends.svc.cluster.local", (string?)connections["redis_host"]);
        Assert.Equal("6379", (string?)connections["redis_port"]);
    }

    [Fact]
    public async Task Metrics_come_from_a_statsd_exporter_sidecar_a_valid_pod_monitor_scrapes()
    {
        var spec = Spec();
        Assert.Equal(new ManifestMonitor("PodMonitor", "superset"), spec.Metrics);
        var sidecar = spec.Values["supersetNode"]!["extraContainers"]![0]!;
        Assert.Equal("metrics", (string?)sidecar["ports"]![0]!["name"]);
        Assert.DoesNotContain("latest", (string)sidecar["image"]!);
        Assert.NotNull(sidecar["resources"]);
        Assert.Contains("StatsdStatsLogger", (string)spec.Values["configOverrides"]!["statsd"]!);
        var monitor = spec.Manifests.Single(m => m.Kind == "PodMonitor");
        Assert.Equal("superset", (string?)monitor.Body["spec"]!["selector"]!["matchLabels"]!["lakehouse.io/metrics"]);
        Assert.Equal("superset", (string?)spec.Values["supersetNode"]!["podLabels"]!["lakehouse.io/metrics"]);
        var schema = await CrdSchemas.Load(Paths.RequireUpstream("charts/kube-prometheus-stack/crds/crd-podmonitors.yaml"), "v1");
        var errors = schema.Validate(monitor.Body.ToJsonString());
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }
}
