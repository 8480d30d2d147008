using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Model.Configuration;
using Lakehouse.Tests.Conformance;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Components;

/// <summary>
/// Observability as a build-time promise: the monitoring stack, the platform's alert rules and dashboard,
/// and a coherent ServiceMonitor or PodMonitor (or a recorded exemption) for every component.
/// </summary>
public class ObservabilityTests
{
    private static readonly string[] MonitoringKinds = ["ServiceMonitor", "PodMonitor", "PrometheusRule"];

    private static string CrdFile(string kind) => kind switch
    {
        "ServiceMonitor" => "charts/kube-prometheus-stack/crds/crd-servicemonitors.yaml",
        "PodMonitor" => "charts/kube-prometheus-stack/crds/crd-podmonitors.yaml",
        "PrometheusRule" => "charts/kube-prometheus-stack/crds/crd-prometheusrules.yaml",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static IEnumerable<(string Env, ComponentSpec Spec, string Component)> Specs() =>
        Render.Reference.Platform!.Environments.SelectMany(e => e.Components.Select(c => (e.Name, c.Spec, c.Name)));

    private static EnvironmentConfig Config(string env) =>
        Render.Reference.Platform!.Environments.Single(e => e.Name == env).Config;

    private static ComponentSpec MonitoringSpec(string env) =>
        Render.Spec(env, "monitoring");

    private static JsonObject Rule(string env, string alert) =>
        MonitoringSpec(env).Manifests.Single(m => m.Kind == "PrometheusRule").Body["spec"]!["groups"]![0]!["rules"]!.AsArray()
            .Single(r => (string?)r!["alert"] == alert)!.AsObject();

    public static TheoryData<string, string, string> MonitoringObjects()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (env, spec, component) in Specs())
        {
            foreach (var m in spec.Manifests.Where(m => MonitoringKinds.Contains(m.Kind)))
            {
                data.Add(env, component, $"{m.Kind}/{m.Name}");
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MonitoringObjects))]
    public async Task Every_monitor_and_rule_we_render_validates_against_its_crd(string env, string component, string id)
    {
        var spec = Specs().Single(s => s.Env == env && s.Component == component).Spec;
        var manifest = spec.Manifests.Single(m => m.Id == id);
        var schema = await CrdSchemas.Load(Paths.RequireUpstream(CrdFile(manifest.Kind)), "v1");
        var errors = schema.Validate(manifest.Body.ToJsonString());
        Assert.True(errors.Count == 0, $"{env}/{component} {id}:\n" + string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task The_rule_validator_rejects_a_malformed_rule()
    {
        var schema = await CrdSchemas.Load(Paths.RequireUpstream(CrdFile("PrometheusRule")), "v1");
        var body = MonitoringSpec("dev").Manifests.Single(m => m.Kind == "PrometheusRule").Body.DeepClone().AsObject();
        body["spec"]!["groups"]![0]!["rules"]![0]!.AsObject().Remove("expr");
        Assert.NotEmpty(schema.Validate(body.ToJsonString()));
    }

    [Fact]
    public void Every_component_in_every_environment_has_a_monitor_or_a_recorded_exemption()
    {
        foreach (var (env, spec, component) in Specs())
        {
            switch (spec.Metrics)
            {
                case ManifestMonitor monitor:
                    Assert.Contains(spec.Manifests, m => m.Kind == monitor.Kind && m.Name == monitor.Name);
                    Assert.Contains(monitor.Kind, new[] { "ServiceMonitor", "PodMonitor" });
                    break;
                case ChartMonitor chart:
                    Assert.True(Lookup(spec.Values, chart.ValuesPath) is JsonValue v && v.GetValue<bool>(), $"{env}/{component}: {chart.ValuesPath} is not true");
                    break;
                case NoMetrics none:
                    Assert.False(string.IsNullOrWhiteSpace(none.Reason), $"{env}/{component}: exemption without a reason");
                    break;
                default:
                    Assert.Fail($"{env}/{component}: no metrics source");
                    break;
            }
        }
    }

    [Fact]
    public void Every_monitor_we_render_selects_its_own_namespace_and_carries_the_monitor_labels()
    {
        var checkedAny = false;
        foreach (var (env, spec, component) in Specs())
        {
            var labels = Config(env).Monitoring.MonitorLabels;
            foreach (var m in spec.Manifests.Where(m => m.Kind is "ServiceMonitor" or "PodMonitor"))
            {
                checkedAny = true;
                Assert.Equal(spec.Namespace, m.Namespace);
                var names = m.Body["spec"]!["namespaceSelector"]!["matchNames"]!.AsArray().Select(n => (string?)n).ToList();
                Assert.Equal([spec.Namespace], names);
                var actual = m.Body["metadata"]!["labels"]!.AsObject();
                foreach (var (key, value) in labels)
                {
                    Assert.True((string?)actual[key] == value, $"{env}/{component} {m.Id}: label {key}={value} missing");
                }
            }
        }
        Assert.True(checkedAny, "no ServiceMonitor or PodMonitor among the manifests");
    }

    [Fact]
    public void Prometheus_selects_monitors_and_rules_by_the_monitor_labels_and_runs_in_the_monitoring_namespace()
    {
        foreach (var env in new[] { "dev", "staging", "prod", "aws" })
        {
            var spec = MonitoringSpec(env);
            var monitoring = Config(env).Monitoring;
            Assert.Equal(monitoring.Namespace, spec.Namespace);
            foreach (var selector in new[] { "serviceMonitorSelector", "podMonitorSelector", "ruleSelector" })
            {
                var matchLabels = spec.Values["prometheus"]!["prometheusSpec"]![selector]!["matchLabels"]!.AsObject();
                Assert.Equal(monitoring.MonitorLabels.OrderBy(p => p.Key), matchLabels.Select(p => KeyValuePair.Create(p.Key, (string)p.Value!)).OrderBy(p => p.Key));
                Assert.False((bool)spec.Values["prometheus"]!["prometheusSpec"]![selector + "NilUsesHelmValues"]!);
            }
            var rule = spec.Manifests.Single(m => m.Kind == "PrometheusRule");
            Assert.Equal(monitoring.Namespace, rule.Namespace);
            Assert.Contains(new GroupKind("apiextensions.k8s.io", "CustomResourceDefinition"), spec.ClusterResources);
            Assert.True((bool)spec.Values["crds"]!["enabled"]!);
        }
    }

    [Fact]
    public void Prometheus_size_and_ha_follow_the_environment()
    {
        var dev = MonitoringSpec("dev").Values["prometheus"]!["prometheusSpec"]!;
        var prod = MonitoringSpec("prod").Values["prometheus"]!["prometheusSpec"]!;
        Assert.Equal(1, (long)dev["replicas"]!);
        Assert.Equal("soft", (string?)dev["podAntiAffinity"]);
        Assert.Equal(2, (long)prod["replicas"]!);
        Assert.Equal("30d", (string?)prod["retention"]);
        Assert.Equal("hard", (string?)prod["podAntiAffinity"]);
        Assert.Equal("200Gi", (string?)prod["storageSpec"]!["volumeClaimTemplate"]!["spec"]!["resources"]!["requests"]!["storage"]);
        Assert.Equal(3, (long)MonitoringSpec("prod").Values["alertmanager"]!["alertmanagerSpec"]!["replicas"]!);
        Assert.True((bool)MonitoringSpec("prod").Values["alertmanager"]!["podDisruptionBudget"]!["enabled"]!);
    }

    [Fact]
    public void Grafana_takes_its_admin_from_a_secret_and_loads_labelled_dashboards()
    {
        var grafana = MonitoringSpec("dev").Values["grafana"]!;
        Assert.Equal("monitoring-grafana-admin", (string?)grafana["admin"]!["existingSecret"]);
        Assert.Null(grafana["adminPassword"]);
        Assert.Equal("grafana_dashboard", (string?)grafana["sidecar"]!["dashboards"]!["label"]);
        Assert.Equal("ALL", (string?)grafana["sidecar"]!["dashboards"]!["searchNamespace"]);
        Assert.True((bool)grafana["serviceMonitor"]!["enabled"]!);
    }

    [Fact]
    public void The_monitoring_stack_syncs_before_every_other_component()
    {
        foreach (var env in Render.Reference.Platform!.Environments)
        {
            // Only the secret store syncs earlier: it delivers Grafana's admin Secret (docs/secrets.md, sync order).
            var monitoring = env.Components.Single(c => c.Name == "monitoring");
            Assert.Equal(0, env.Components.Single(c => c.Name == "external-secrets").Wave);
            Assert.Equal(1, monitoring.Wave);
            foreach (var c in env.Components.Where(c => c.Name is not "monitoring" and not "external-secrets"))
            {
                Assert.Contains("monitoring", c.DependsOn);
                Assert.True(c.Wave > monitoring.Wave, $"{env.Name}/{c.Name} wave {c.Wave}");
            }
        }
    }

    [Theory]
    [InlineData("dev", "0.1", "AirflowTaskFailureRateHigh")]
    [InlineData("staging", "0.2", "DagsterRunFailureRateHigh")]
    [InlineData("prod", "0.05", "AirflowTaskFailureRateHigh")]
    public void Task_failure_rate_rule_uses_the_environments_threshold(string env, string threshold, string alert)
    {
        if (alert == "AirflowTaskFailureRateHigh")
        {
            Assert.Equal(
                "sum(increase(airflow_ti_failures{namespace=\"lakehouse-orchestrator\"}[30m])) / clamp_min(sum(increase(airflow_ti_failures{namespace=\"lakehouse-orchestrator\"}[30m])) + sum(increase(airflow_ti_successes{namespace=\"lakehouse-orchestrator\"}[30m])), 1) > " + threshold,
                (string)Rule(env, alert)["expr"]!);
        }
        Assert.EndsWith("> " + threshold, (string)Rule(env, alert)["expr"]!);
        Assert.Equal(PlatformRules.Ratio(Config(env).Monitoring.Alerts.TaskFailureRatio), threshold);
    }

    [Theory]
    [InlineData("dev", "AirflowTaskFailureRateHigh", "DagsterRunFailureRateHigh")]
    [InlineData("staging", "DagsterRunFailureRateHigh", "AirflowTaskFailureRateHigh")]
    [InlineData("dev", "MinioCapacityHigh", "SeaweedfsCapacityHigh")]
    [InlineData("staging", "SeaweedfsCapacityHigh", "MinioCapacityHigh")]
    [InlineData("staging", "SeaweedfsVolumeServerDown", "MinioDriveOffline")]
    [InlineData("aws", "LakehouseTargetDown", "MinioCapacityHigh")]
    [InlineData("aws", "ValkeyMemoryHigh", "SeaweedfsCapacityHigh")]
    public void An_alert_renders_only_where_its_exporter_runs(string env, string present, string absent)
    {
        var alerts = MonitoringSpec(env).Manifests.Single(m => m.Kind == "PrometheusRule").Body["spec"]!["groups"]![0]!["rules"]!.AsArray()
            .Select(r => (string?)r!["alert"]).ToList();
        Assert.Contains(present, alerts);
        Assert.DoesNotContain(absent, alerts);
    }

    [Fact]
    public void Database_cache_and_memory_rules_compute_the_ratios_the_brief_names()
    {
        Assert.Equal(
            "sum by (namespace, pod) (cnpg_backends_total{namespace=\"lakehouse-postgres\"}) / on (namespace, pod) max by (namespace, pod) (cnpg_pg_settings_setting{namespace=\"lakehouse-postgres\", name=\"max_connections\"}) > 0.8",
            (string)Rule("prod", "PostgresConnectionsHigh")["expr"]!);
        Assert.Equal(
            "sum by (namespace, pod) (rate(cnpg_pg_stat_database_blks_hit{namespace=\"lakehouse-postgres\"}[10m])) / clamp_min(sum by (namespace, pod) (rate(cnpg_pg_stat_database_blks_hit{namespace=\"lakehouse-postgres\"}[10m])) + sum by (namespace, pod) (rate(cnpg_pg_stat_database_blks_read{namespace=\"lakehouse-postgres\"}[10m])), 1) < 0.95",
            (string)Rule("prod", "PostgresCacheHitRatioLow")["expr"]!);
        Assert.Equal(
            "max by (namespace, pod) (redis_memory_used_bytes{namespace=\"lakehouse-valkey\"}) / on (namespace, pod) max by (namespace, pod) (redis_memory_max_bytes{namespace=\"lakehouse-valkey\"} > 0) > 0.8",
            (string)Rule("prod", "ValkeyMemoryHigh")["expr"]!);
        Assert.Contains("minio_cluster_drive_offline_total", (string)Rule("dev", "MinioDriveOffline")["expr"]!);
        Assert.Contains("minio_cluster_nodes_offline_total", (string)Rule("dev", "MinioDriveOffline")["expr"]!);
        Assert.Equal("up{namespace=\"lakehouse-object-storage\", job=~\".*volume.*\"} == 0", (string)Rule("staging", "SeaweedfsVolumeServerDown")["expr"]!);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    [InlineData("aws")]
    public void The_External_Secrets_Operator_is_scraped_by_its_chart_s_monitors_and_its_sync_failures_alert(string env)
    {
        var eso = Render.Spec(env, "external-secrets");
        // The chart's ServiceMonitors, labelled for Prometheus; chart 0.19.2 renders them once the cluster serves
        // monitoring.coreos.com/v1, so the operator's wave-0 sync does not wait for the monitoring stack (docs/secrets.md).
        Assert.Equal(new ChartMonitor("serviceMonitor.enabled"), eso.Metrics);
        Assert.True((bool)eso.Values["serviceMonitor"]!["enabled"]!);
        Assert.True((bool)eso.Values["metrics"]!["service"]!["enabled"]!);
        Assert.Equal(Config(env).Monitoring.Interval, (string?)eso.Values["serviceMonitor"]!["interval"]);
        foreach (var (key, value) in Config(env).Monitoring.MonitorLabels)
        {
            Assert.Equal(value, (string?)eso.Values["serviceMonitor"]!["additionalLabels"]![key]);
        }
        // Prometheus may reach the metrics port (8080 on the controller, webhook and cert controller alike), and only that.
        var ingress = eso.Manifests.Single(m => m.Kind == "NetworkPolicy" && m.Name == "default-ingress").Body["spec"]!["ingress"]!.AsArray();
        var fromMonitoring = ingress.Single(r => (string?)r!["from"]?[0]?["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"] == Config(env).Monitoring.Namespace)!;
        Assert.Equal([8080], fromMonitoring["ports"]!.AsArray().Select(p => (int)p!["port"]!));
        Assert.Equal("sum by (exported_namespace, name) (increase(externalsecret_sync_calls_error{namespace=\"lakehouse-external-secrets\"}[15m])) > 0",
            (string)Rule(env, "ExternalSecretSyncErrors")["expr"]!);
        Assert.Equal("max by (exported_namespace, name) (externalsecret_status_condition{namespace=\"lakehouse-external-secrets\", condition=\"Ready\", status=\"False\"}) == 1",
            (string)Rule(env, "ExternalSecretNotReady")["expr"]!);
    }

    [Fact]
    public void Object_store_capacity_alerts_fire_above_80_percent_for_minio_and_seaweedfs()
    {
        Assert.Equal(
            "1 - sum by (namespace) (minio_cluster_capacity_usable_free_bytes{namespace=\"lakehouse-object-storage\"}) / sum by (namespace) (minio_cluster_capacity_usable_total_bytes{namespace=\"lakehouse-object-storage\"} > 0) > 0.8",
            (string)Rule("dev", "MinioCapacityHigh")["expr"]!);
        Assert.Equal(
            "max by (namespace, pod, name) (SeaweedFS_volumeServer_resource{namespace=\"lakehouse-object-storage\", type=\"used\"}) / max by (namespace, pod, name) (SeaweedFS_volumeServer_resource{namespace=\"lakehouse-object-storage\", type=\"all\"} > 0) > 0.8",
            (string)Rule("staging", "SeaweedfsCapacityHigh")["expr"]!);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    [InlineData("aws")]
    public void Target_down_is_up_eq_0_for_1m_critical_over_every_platform_namespace_monitoring_and_argocd_included(string env)
    {
        var rule = Rule(env, "LakehouseTargetDown");
        Assert.Equal("1m", (string?)rule["for"]);
        Assert.Equal("critical", (string?)rule["labels"]!["severity"]);
        var expr = (string)rule["expr"]!;
        Assert.Matches("^up\\{namespace=~\"[^\"]+\"\\} == 0$", expr);
        var selected = expr[(expr.IndexOf('"') + 1)..expr.LastIndexOf('"')].Split('|');
        var config = Config(env);
        var expected = Specs().Where(s => s.Env == env).Select(s => s.Spec.Namespace)
            .Append(Monitoring.NodeExporterNamespace(config.Monitoring.Namespace)).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(expected, selected);
        Assert.Contains(config.Monitoring.Namespace, selected);
        Assert.Contains(config.GitOps.ArgoCdNamespace, selected);
    }

    [Fact]
    public void Thresholds_from_env_change_the_expression_text()
    {
        var targets = new AlertTargets(["lakehouse-a"])
        {
            Postgres = ["lakehouse-postgres"], Valkey = ["lakehouse-valkey"], Minio = ["lakehouse-store"], Seaweedfs = ["lakehouse-store"],
        };
        var rules = PlatformRules.Rules(new AlertThresholds { PostgresConnectionsRatio = 0.9, PostgresCacheHitRatio = 0.99, ValkeyMemoryRatio = 0.75, ObjectStoreUsageRatio = 0.7 }, new Naming("lakehouse", "dev"), targets);
        Assert.EndsWith("> 0.9", rules.Single(r => r.Alert == "PostgresConnectionsHigh").Expr);
        Assert.EndsWith("< 0.99", rules.Single(r => r.Alert == "PostgresCacheHitRatioLow").Expr);
        Assert.EndsWith("> 0.75", rules.Single(r => r.Alert == "ValkeyMemoryHigh").Expr);
        Assert.EndsWith("> 0.7", rules.Single(r => r.Alert == "MinioCapacityHigh").Expr);
        Assert.EndsWith("> 0.7", rules.Single(r => r.Alert == "SeaweedfsCapacityHigh").Expr);
    }

    [Fact]
    public void Every_rule_has_severity_summary_description_runbook_and_the_monitor_labels()
    {
        var rule = MonitoringSpec("prod").Manifests.Single(m => m.Kind == "PrometheusRule");
        Assert.Equal("monitoring", (string?)rule.Body["metadata"]!["labels"]!["release"]);
        var rules = rule.Body["spec"]!["groups"]![0]!["rules"]!.AsArray();
        // prod runs MinIO, PostgreSQL, Valkey, Airflow and the External Secrets Operator: their alerts and the target-down alert.
        Assert.Equal(["AirflowTaskFailureRateHigh", "PostgresConnectionsHigh", "PostgresCacheHitRatioLow", "ValkeyMemoryHigh", "MinioDriveOffline", "MinioCapacityHigh", "LakehouseTargetDown", "ExternalSecretSyncErrors", "ExternalSecretNotReady"],
            rules.Select(r => (string?)r!["alert"]));
        foreach (var r in rules)
        {
            Assert.Contains((string?)r!["labels"]!["severity"], new[] { "warning", "critical" });
            foreach (var key in new[] { "summary", "description", "runbook" })
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)r["annotations"]![key]), $"{r["alert"]}: no {key}");
            }
            Assert.Matches(@"^[0-9]+[smh]$", (string?)r["for"]);
        }
    }

    [Fact]
    public void The_overview_dashboard_is_a_labelled_configmap_whose_json_has_the_panels()
    {
        var configMap = MonitoringSpec("dev").Manifests.Single(m => m.Kind == "ConfigMap" && m.Name == PlatformDashboard.ConfigMapName(new Naming("lakehouse", "dev")));
        Assert.Equal("1", (string?)configMap.Body["metadata"]!["labels"]!["grafana_dashboard"]);
        var json = JsonNode.Parse((string)configMap.Body["data"]![PlatformDashboard.FileName(new Naming("lakehouse", "dev"))]!)!.AsObject();
        Assert.Equal("Lakehouse Platform Overview", (string?)json["title"]);
        var panels = json["panels"]!.AsArray();
        var exprs = panels.SelectMany(p => p!["targets"]!.AsArray().Select(t => (string)t!["expr"]!)).ToList();
        foreach (var metric in new[]
                 {
                     "trino_execution_QueryManager_RunningQueries", "minio_cluster_capacity_usable_total_bytes", "up{job=~\".*volume.*\"}",
                     "cnpg_backends_total", "cnpg_pg_stat_database_blks_hit", "redis_memory_used_bytes", "airflow_ti_failures",
                     "kube_job_status_failed", "argocd_app_info",
                 })
        {
            Assert.Contains(exprs, e => e.Contains(metric, StringComparison.Ordinal));
        }
        Assert.Equal(panels.Count, panels.Select(p => (int)p!["id"]!).Distinct().Count());
        Assert.All(panels, p => Assert.Equal("prometheus", (string?)p!["datasource"]!["type"]));
        // The sidecar reads the dashboards of every namespace with that label.
        Assert.Equal(PlatformDashboard.Label, (string?)MonitoringSpec("dev").Values["grafana"]!["sidecar"]!["dashboards"]!["label"]);
    }

    private static JsonNode? Lookup(JsonObject values, string path)
    {
        JsonNode? node = values;
        foreach (var part in path.Split('.'))
        {
            node = node?[part];
        }
        return node;
    }
}

/// <summary>The render itself refuses a monitor Prometheus would never pick up (LH0012).</summary>
public class MonitorCoherenceRuleTests
{
    private sealed record BadMonitor(string Name, bool WrongNamespaceSelector, bool NoLabels) : Component(Name)
    {
        public override ComponentSpec Describe(ComponentContext context)
        {
            var ns = context.NamespaceOf(this);
            var monitor = Lakehouse.Model.Kubernetes.StandardObjects.ServiceMonitor(
                Name, ns, NoLabels ? new Dictionary<string, string>() : context.MonitorLabels,
                new Dictionary<string, string> { ["app"] = Name }, new() { Port = "metrics" });
            if (WrongNamespaceSelector)
            {
                monitor.Body["spec"]!["namespaceSelector"] = new JsonObject { ["matchNames"] = new JsonArray("elsewhere") };
            }
            return new ComponentSpec
            {
                Namespace = ns,
                Chart = new HelmChart("https://charts.example.com/", "stub", "1.0.0"),
                Values = new JsonObject(),
                Manifests = [Lakehouse.Model.Kubernetes.StandardObjects.Namespace(ns, context.Naming.Platform), monitor],
                Metrics = new ManifestMonitor("ServiceMonitor", Name),
                Probes = new NoProbes("a fixture"),
            };
        }
    }

    private static IReadOnlyList<string> Lh0012(bool wrongSelector, bool noLabels) =>
        Lakehouse.Rendering.Pipeline.RenderPipeline.Render(new TestPlatform((p, _) => p.Add(new BadMonitor("svc", wrongSelector, noLabels))), Fixtures.ReferenceEnvironments)
            .Diagnostics.Where(d => d.ToString().Contains("LH0012", StringComparison.Ordinal)).Select(d => d.ToString()).ToList();

    [Fact]
    public void A_coherent_monitor_renders()
    {
        Assert.Empty(Lh0012(false, false));
    }

    [Fact]
    public void A_monitor_selecting_another_namespace_fails_the_render()
    {
        Assert.Contains(Lh0012(true, false), d => d.Contains("must select exactly its namespace 'lakehouse-svc'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_monitor_without_the_monitor_labels_fails_the_render()
    {
        Assert.Contains(Lh0012(false, true), d => d.Contains("lacks the label release=monitoring", StringComparison.Ordinal));
    }
}
