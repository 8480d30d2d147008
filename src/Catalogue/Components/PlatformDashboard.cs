using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model.Components;

/// <summary>One panel of the overview dashboard: a title, a panel type, a unit and its PromQL queries.</summary>
public sealed record DashboardPanel(string Title, string Type, string Unit, IReadOnlyList<(string Legend, string Expr)> Queries);

/// <summary>
/// The "PLATFORM Platform Overview" Grafana dashboard ("Lakehouse Platform Overview"); every name derives from the platform's, built here as JSON (Grafana dashboard schema 39) and
/// provisioned as a ConfigMap labelled grafana_dashboard=1, which the Grafana sidecar of kube-prometheus-stack
/// loads from every namespace. Panels read the same metrics as <see cref="PlatformRules"/>, plus Trino's JMX
/// exporter (default jmx_exporter naming: domain_beanPropertyValue_attribute) and Argo CD's argocd_app_info.
/// </summary>
public static class PlatformDashboard
{
    public const string Label = "grafana_dashboard";
    public const string LabelValue = "1";

    public static string Title(Naming naming) => $"{naming.DisplayName} Platform Overview";

    public static string Uid(Naming naming) => $"{naming.Platform}-overview";

    public static string ConfigMapName(Naming naming) => $"{naming.Platform}-platform-overview";

    public static string FileName(Naming naming) => $"{ConfigMapName(naming)}.json";

    public static IReadOnlyList<DashboardPanel> Panels(Naming naming) =>
    [
        new("Trino running queries", "timeseries", "short",
            [("running", "sum(trino_execution_QueryManager_RunningQueries)"),
             ("queued", "sum(trino_execution_QueryManager_QueuedQueries)")]),
        new("Trino failed queries per minute", "timeseries", "short",
            [("failed", "sum(trino_execution_QueryManager_FailedQueries_OneMinute_Count)")]),
        new("Object store capacity used", "gauge", "percentunit",
            [("MinIO", "1 - sum(minio_cluster_capacity_usable_free_bytes) / sum(minio_cluster_capacity_usable_total_bytes)"),
             ("SeaweedFS", "sum(SeaweedFS_volumeServer_resource{type=\"used\"}) / sum(SeaweedFS_volumeServer_resource{type=\"all\"})")]),
        new("Object store health", "stat", "short",
            [("MinIO drives offline", "sum(minio_cluster_drive_offline_total)"),
             ("MinIO nodes offline", "sum(minio_cluster_nodes_offline_total)"),
             ("SeaweedFS volume servers down", "count(up{job=~\".*volume.*\"} == 0) or vector(0)")]),
        new("PostgreSQL connections (share of max_connections)", "timeseries", "percentunit",
            [("{{namespace}}/{{pod}}", "sum by (namespace, pod) (cnpg_backends_total) / on (namespace, pod) max by (namespace, pod) (cnpg_pg_settings_setting{name=\"max_connections\"})")]),
        new("PostgreSQL cache hit ratio", "timeseries", "percentunit",
            [("{{namespace}}/{{pod}}", "sum by (namespace, pod) (rate(cnpg_pg_stat_database_blks_hit[10m])) / clamp_min(sum by (namespace, pod) (rate(cnpg_pg_stat_database_blks_hit[10m])) + sum by (namespace, pod) (rate(cnpg_pg_stat_database_blks_read[10m])), 1)")]),
        new("Valkey memory (share of maxmemory)", "timeseries", "percentunit",
            [("{{namespace}}/{{pod}}", "max by (namespace, pod) (redis_memory_used_bytes) / on (namespace, pod) max by (namespace, pod) (redis_memory_max_bytes > 0)")]),
        new("Orchestrator task failures (1h)", "timeseries", "short",
            [("Airflow task failures", "sum(increase(airflow_ti_failures[1h]))"),
             ("Dagster failed run Jobs", "sum(kube_job_status_failed{job_name=~\"dagster-run-.*\"})")]),
        new("Scrape targets up by component", "timeseries", "short",
            [("{{namespace}}", $"sum by (namespace) (up{{namespace=~\"{naming.NamespacePattern}\"}})")]),
        new("Argo CD applications by health", "piechart", "short",
            [("{{health_status}}", "count by (health_status) (argocd_app_info)")]),
        new("Argo CD applications not synced", "stat", "short",
            [("out of sync", "count(argocd_app_info{sync_status!=\"Synced\"}) or vector(0)")]),
    ];

    /// <summary>The dashboard's JSON, as Grafana imports it.</summary>
    public static JsonObject Json(Naming naming)
    {
        var panels = new JsonArray();
        var all = Panels(naming);
        for (var i = 0; i < all.Count; i++)
        {
            var p = all[i];
            var targets = new JsonArray();
            var refId = 'A';
            foreach (var (legend, expr) in p.Queries)
            {
                targets.Add(new JsonObject
                {
                    ["refId"] = (refId++).ToString(),
                    ["datasource"] = Datasource(),
                    ["expr"] = expr,
                    ["legendFormat"] = legend,
                });
            }
            panels.Add(new JsonObject
            {
                ["id"] = i + 1,
                ["title"] = p.Title,
                ["type"] = p.Type,
                ["datasource"] = Datasource(),
                ["gridPos"] = new JsonObject { ["h"] = 8, ["w"] = 12, ["x"] = i % 2 * 12, ["y"] = i / 2 * 8 },
                ["fieldConfig"] = new JsonObject
                {
                    ["defaults"] = new JsonObject { ["unit"] = p.Unit },
                    ["overrides"] = new JsonArray(),
                },
                ["options"] = new JsonObject(),
                ["targets"] = targets,
            });
        }
        return new JsonObject
        {
            ["uid"] = Uid(naming),
            ["title"] = Title(naming),
            ["tags"] = Values.List(naming.Platform),
            ["timezone"] = "utc",
            ["schemaVersion"] = 39,
            ["version"] = 1,
            ["editable"] = false,
            ["refresh"] = "1m",
            ["time"] = new JsonObject { ["from"] = "now-6h", ["to"] = "now" },
            ["templating"] = new JsonObject { ["list"] = new JsonArray() },
            ["annotations"] = new JsonObject { ["list"] = new JsonArray() },
            ["panels"] = panels,
        };
    }

    /// <summary>The ConfigMap the Grafana sidecar loads (label grafana_dashboard=1).</summary>
    public static ManifestObject Manifest(Naming naming, string component, string @namespace) =>
        ManifestObject.From(new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta
            {
                Name = ConfigMapName(naming),
                NamespaceProperty = @namespace,
                Labels = new Dictionary<string, string>
                {
                    [Label] = LabelValue,
                    ["app.kubernetes.io/part-of"] = naming.Platform,
                    ["app.kubernetes.io/managed-by"] = component,
                },
            },
            Data = new Dictionary<string, string>
            {
                [FileName(naming)] = Json(naming).ToJsonString(new JsonSerializerOptions { WriteIndented = true }),
            },
        });

    private static JsonObject Datasource() => new() { ["type"] = "prometheus", ["uid"] = "prometheus" };
}
