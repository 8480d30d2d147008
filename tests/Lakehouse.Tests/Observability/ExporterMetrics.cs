using Lakehouse.ChartRestore;

namespace Lakehouse.Tests.Observability;

/// <summary>
/// The metric names the platform's exporters are known to expose, as far as that can be known offline:
/// <list type="number">
/// <item>every name used by a restored chart's own dashboards and alert rules (JSON dashboards, rule files and
/// templates, and the example rules in values.yaml): the chart's authors query those names from the exporter
/// the chart ships (CloudNativePG's dashboard, kube-prometheus-stack's rules, Valkey's exporter rules, ...);</item>
/// <item>for exporters whose charts query none of the names an alert needs, the names their own documentation or
/// source declares, listed in <see cref="Documented"/> with where each comes from.</item>
/// </list>
/// A name in neither is made up (or misspelt) as far as the tests can tell, and fails them.
/// </summary>
internal static class ExporterMetrics
{
    /// <summary>Names documented by their exporter, with the source.</summary>
    public static readonly IReadOnlyDictionary<string, string> Documented = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["up"] = "Prometheus itself, for every scrape target (prometheus.io docs, 'Jobs and instances': automatically generated series)",
        ["airflow_ti_failures"] = "Airflow's metrics list (counter ti_failures, emitted as airflow.ti_failures) through the chart's statsd-exporter, whose files/statsd-mappings.yml (airflow chart 1.20.0) maps no ti_* name, so the exporter's default mapping turns '.' into '_'",
        [(string)Lakehouse.Model.Components.DataQualityRules.AirflowTaskFinishMapping["name"]!] = "the platform's own statsd-exporter mapping (DataQualityRules.AirflowTaskFinishMapping, rendered into the Airflow chart's statsd.extraMappings) of Airflow's counter ti.finish.<dag_id>.<task_id>.<state> (Airflow's metrics list)",
        ["airflow_ti_successes"] = "Airflow's metrics list (counter ti_successes), exported like airflow_ti_failures",
        ["minio_cluster_drive_offline_total"] = "MinIO metrics v2, cluster health metrics (minio/minio docs/metrics/prometheus/list.md), served at /minio/v2/metrics/cluster",
        ["minio_cluster_nodes_offline_total"] = "MinIO metrics v2, cluster health metrics (minio/minio docs/metrics/prometheus/list.md)",
        ["minio_cluster_capacity_usable_free_bytes"] = "MinIO metrics v2, cluster capacity metrics (minio/minio docs/metrics/prometheus/list.md)",
        ["minio_cluster_capacity_usable_total_bytes"] = "MinIO metrics v2, cluster capacity metrics (minio/minio docs/metrics/prometheus/list.md)",
        ["externalsecret_sync_calls_error"] = "External Secrets Operator v0.19.2 docs/api/metrics.md, External Secret Metrics (counter: total number of ExternalSecret sync errors; labels name, namespace)",
        ["externalsecret_status_condition"] = "External Secrets Operator v0.19.2 docs/api/metrics.md, External Secret Metrics (gauge: the status condition of an ExternalSecret; labels name, namespace, condition, status)",
        ["SeaweedFS_volumeServer_resource"] = "SeaweedFS weed/stats/metrics.go (VolumeServerResourceGauge: namespace SeaweedFS, subsystem volumeServer, name resource, labels name and type all/used/free), set by weed/storage/disk_location.go CheckDiskSpace",
    };

    private static readonly Lazy<IReadOnlyDictionary<string, string>> FromCharts = new(ScanCharts);

    /// <summary>Where <paramref name="metric"/> is known from (a chart file or a documented source), or null.</summary>
    public static string? SourceOf(string metric) =>
        Documented.TryGetValue(metric, out var documented) ? documented
        : FromCharts.Value.TryGetValue(metric, out var file) ? file
        : null;

    /// <summary>Names used by the restored charts' dashboards and rules, each with the first file it appears in.</summary>
    private static IReadOnlyDictionary<string, string> ScanCharts()
    {
        var root = ChartCache.FromEnvironment().Root;
        Assert.SkipUnless(Directory.Exists(root), $"the chart cache {root} is absent: build first (dotnet build restores the locked charts)");
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var token = new System.Text.RegularExpressions.Regex("[a-zA-Z_:][a-zA-Z0-9_:]*");
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(IsDashboardOrRules).Order(StringComparer.Ordinal))
        {
            foreach (System.Text.RegularExpressions.Match m in token.Matches(File.ReadAllText(file)))
            {
                names.TryAdd(m.Value, Path.GetRelativePath(root, file));
            }
        }
        return names;
    }

    private static bool IsDashboardOrRules(string path)
    {
        var name = Path.GetFileName(path);
        var lower = path.ToLowerInvariant();
        return name.EndsWith(".json", StringComparison.Ordinal)
            || name == "values.yaml"
            || ((name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".tpl", StringComparison.Ordinal))
                && (lower.Contains("rule", StringComparison.Ordinal) || lower.Contains("dashboard", StringComparison.Ordinal) || lower.Contains("alert", StringComparison.Ordinal)));
    }
}
