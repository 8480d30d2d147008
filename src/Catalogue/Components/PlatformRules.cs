using System.Globalization;
using k8s.Models;
using Lakehouse.Catalogue.CustomResources;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model.Components;

/// <summary>One alerting rule of the platform's PrometheusRule.</summary>
/// <param name="Alert">Alert name.</param>
/// <param name="Expr">PromQL expression; fires while it returns a series.</param>
/// <param name="For">How long the expression holds before the alert fires.</param>
/// <param name="Severity">warning or critical.</param>
/// <param name="Summary">One line for the notification title.</param>
/// <param name="Description">What is wrong, with template values.</param>
/// <param name="Runbook">What to do first.</param>
public sealed record AlertRule(string Alert, string Expr, string For, string Severity, string Summary, string Description, string Runbook);

/// <summary>
/// The platform's alerting rules (a monitoring.coreos.com/v1 PrometheusRule in the monitoring namespace,
/// labelled with monitoring.monitorLabels so Prometheus loads it). Metric names are those of the exporters
/// the components ship: Airflow's StatsD exporter (airflow.ti_failures and airflow.ti_successes have no
/// mapping in the chart's statsd-mappings.yml, so the exporter names them airflow_ti_failures and
/// airflow_ti_successes), kube-state-metrics for Dagster's run Jobs, CloudNativePG's exporter, the Redis
/// exporter beside Valkey, MinIO's cluster metrics, and the up series of SeaweedFS volume servers.
/// </summary>
public static class PlatformRules
{
    /// <summary>The PrometheusRule's name: PLATFORM-platform.</summary>
    public static string Name(Naming naming) => $"{naming.Platform}-platform";

    /// <summary>A ratio as PromQL prints it: invariant culture, no trailing zeros (0.8, 0.95).</summary>
    public static string Ratio(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static IReadOnlyList<AlertRule> Rules(AlertThresholds t, Naming naming) =>
    [
        new("AirflowTaskFailureRateHigh",
            $"sum(increase(airflow_ti_failures[30m])) / clamp_min(sum(increase(airflow_ti_failures[30m])) + sum(increase(airflow_ti_successes[30m])), 1) > {Ratio(t.TaskFailureRatio)}",
            t.For, "warning",
            "Airflow task failure rate is high",
            $"{{{{ $value | humanizePercentage }}}} of Airflow task instances failed over the last 30 minutes (threshold {Ratio(t.TaskFailureRatio)}).",
            "Open the Airflow UI, list failed task instances of the last 30 minutes and read their logs; a shared cause (catalog, object store, Trino) shows as many DAGs failing at once."),
        new("DagsterRunFailureRateHigh",
            $"sum(kube_job_status_failed{{job_name=~\"dagster-run-.*\"}} > bool 0) / clamp_min(count(kube_job_status_failed{{job_name=~\"dagster-run-.*\"}}), 1) > {Ratio(t.TaskFailureRatio)}",
            t.For, "warning",
            "Dagster run failure rate is high",
            $"{{{{ $value | humanizePercentage }}}} of Dagster run Jobs present in the cluster failed (threshold {Ratio(t.TaskFailureRatio)}).",
            "Open Dagit (the Dagster UI), filter runs by status Failure and read the step logs; kubectl get jobs -l dagster/run-id shows the Kubernetes side."),
        new("PostgresConnectionsHigh",
            $"sum by (namespace, pod) (cnpg_backends_total) / on (namespace, pod) max by (namespace, pod) (cnpg_pg_settings_setting{{name=\"max_connections\"}}) > {Ratio(t.PostgresConnectionsRatio)}",
            t.For, "warning",
            "PostgreSQL connections near max_connections",
            $"{{{{ $labels.namespace }}}}/{{{{ $labels.pod }}}} uses {{{{ $value | humanizePercentage }}}} of max_connections (threshold {Ratio(t.PostgresConnectionsRatio)}).",
            "Find the clients holding connections (SELECT usename, application_name, count(*) FROM pg_stat_activity GROUP BY 1, 2); add a pooler or raise max_connections in the Cluster's postgresql.parameters."),
        new("PostgresCacheHitRatioLow",
            $"sum by (namespace, pod) (rate(cnpg_pg_stat_database_blks_hit[10m])) / clamp_min(sum by (namespace, pod) (rate(cnpg_pg_stat_database_blks_hit[10m])) + sum by (namespace, pod) (rate(cnpg_pg_stat_database_blks_read[10m])), 1) < {Ratio(t.PostgresCacheHitRatio)}",
            t.For, "warning",
            "PostgreSQL buffer cache hit ratio is low",
            $"{{{{ $labels.namespace }}}}/{{{{ $labels.pod }}}} serves only {{{{ $value | humanizePercentage }}}} of block reads from shared buffers (threshold {Ratio(t.PostgresCacheHitRatio)}).",
            "Check for sequential scans on large tables (pg_stat_user_tables.seq_scan) and missing indexes; if the working set outgrew memory, raise shared_buffers and the pod's memory."),
        new("ValkeyMemoryHigh",
            $"max by (namespace, pod) (redis_memory_used_bytes) / on (namespace, pod) max by (namespace, pod) (redis_memory_max_bytes > 0) > {Ratio(t.ValkeyMemoryRatio)}",
            t.For, "warning",
            "Valkey memory near maxmemory",
            $"{{{{ $labels.namespace }}}}/{{{{ $labels.pod }}}} uses {{{{ $value | humanizePercentage }}}} of maxmemory (threshold {Ratio(t.ValkeyMemoryRatio)}).",
            "Check the broker's queue lengths (a stuck Celery worker leaves messages piling up) and key expiry; raise maxmemory with the pod's memory if the load is real."),
        new("MinioDriveOffline",
            "max(minio_cluster_drive_offline_total) > 0 or max(minio_cluster_nodes_offline_total) > 0",
            "5m", "critical",
            "MinIO has offline drives or nodes",
            "{{ $value }} MinIO drive(s) or node(s) are offline; erasure coding keeps data readable only while enough remain.",
            "kubectl get pods -n the tenant's namespace; describe the failing pod and its PersistentVolumeClaim; mc admin info shows which drives are offline."),
        new($"{naming.PascalName}TargetDown",
            $"up{{namespace=~\"{naming.NamespacePattern}\"}} == 0",
            "10m", "warning",
            "A platform component stopped answering scrapes",
            "Prometheus cannot scrape {{ $labels.namespace }}/{{ $labels.pod }} ({{ $labels.job }}) for 10 minutes.",
            "kubectl get pods -n {{ $labels.namespace }}; describe the pod and read its events and logs; the component's Application in Argo CD shows whether a sync is failing."),
        new("SeaweedfsVolumeServerDown",
            "up{job=~\".*volume.*\"} == 0",
            "5m", "critical",
            "SeaweedFS volume server down",
            "Prometheus cannot scrape {{ $labels.instance }} ({{ $labels.job }}) in {{ $labels.namespace }}: a SeaweedFS volume server is down.",
            "kubectl get pods -l app.kubernetes.io/component=volume; check the pod's events and its volume; the master's /dir/status lists the volume servers it sees."),
    ];

    public static ManifestObject Manifest(ComponentContext context, string @namespace) =>
        ManifestObject.From(new PrometheusRuleV1
        {
            Metadata = new V1ObjectMeta
            {
                Name = Name(context.Naming),
                NamespaceProperty = @namespace,
                Labels = context.MonitorLabels.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(),
            },
            Spec = new()
            {
                Groups =
                [
                    new()
                    {
                        Name = $"{context.Naming.Platform}.platform",
                        Rules = [.. Rules(context.Environment.Monitoring.Alerts, context.Naming).Select(r => new PrometheusRuleV1SpecGroupsItemRulesItem
                        {
                            Alert = r.Alert,
                            Expr = r.Expr,
                            For = r.For,
                            Labels = new Dictionary<string, string> { ["severity"] = r.Severity, ["platform"] = context.Naming.Platform },
                            Annotations = new Dictionary<string, string>
                            {
                                ["summary"] = r.Summary,
                                ["description"] = r.Description,
                                ["runbook"] = r.Runbook,
                            },
                        })],
                    },
                ],
            },
        });
}
