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
/// Where the exporters behind the platform's alerts run in one environment: the namespaces of the deployed
/// components of each kind. An alert renders only where its exporter runs, and selects that namespace, so every
/// rendered alert selects series some monitor of the platform scrapes.
/// </summary>
/// <param name="Platform">Every namespace the platform's monitors scrape: the components', the monitoring stack's (node-exporter's included) and Argo CD's.</param>
public sealed record AlertTargets(IReadOnlyList<string> Platform)
{
    public IReadOnlyList<string> Minio { get; init; } = [];
    public IReadOnlyList<string> Seaweedfs { get; init; } = [];
    public IReadOnlyList<string> Postgres { get; init; } = [];
    public IReadOnlyList<string> Valkey { get; init; } = [];
    public IReadOnlyList<string> Airflow { get; init; } = [];
    public IReadOnlyList<string> Dagster { get; init; } = [];
    public IReadOnlyList<string> SecretStore { get; init; } = [];

    /// <summary>The targets of the environment <paramref name="context"/> describes, from the components it deploys.</summary>
    public static AlertTargets Of(ComponentContext context)
    {
        var monitoring = context.Environment.Monitoring.Namespace;
        var deployed = context.Components.Where(c => c is not ExternalComponent).ToList();
        IReadOnlyList<string> Namespaces<T>() => [.. deployed.OfType<T>().Cast<Component>().Select(context.NamespaceOf).Distinct().Order(StringComparer.Ordinal)];
        return new AlertTargets([.. new[] { monitoring, Monitoring.NodeExporterNamespace(monitoring), context.Environment.GitOps.ArgoCdNamespace }
            .Concat(deployed.Where(c => c is not Monitoring and not ArgoCd).Select(context.NamespaceOf)).Distinct().Order(StringComparer.Ordinal)])
        {
            Minio = Namespaces<MinioTenant>(),
            Seaweedfs = Namespaces<SeaweedfsStorage>(),
            Postgres = Namespaces<PostgresCluster>(),
            Valkey = Namespaces<Valkey>(),
            Airflow = Namespaces<Airflow>(),
            Dagster = Namespaces<Dagster>(),
            SecretStore = Namespaces<ExternalSecretsOperator>(),
        };
    }
}

/// <summary>
/// The platform's alerting rules (a monitoring.coreos.com/v1 PrometheusRule in the monitoring namespace,
/// labelled with monitoring.monitorLabels so Prometheus loads it). Metric names are those of the exporters
/// the components ship: Airflow's StatsD exporter (airflow.ti_failures and airflow.ti_successes have no
/// mapping in the chart's statsd-mappings.yml, so the exporter names them airflow_ti_failures and
/// airflow_ti_successes), kube-state-metrics for Dagster's run Jobs (kube_job_failed, condition true for a Job that failed), CloudNativePG's exporter, the Redis
/// exporter beside Valkey, MinIO's cluster metrics, SeaweedFS volume servers' own metrics and the up series
/// of every scrape target; where each name comes from is checked by the tests (docs/observability.md).
/// Each rule renders only where its exporter runs and selects the exporter's namespace.
/// </summary>
public static class PlatformRules
{
    /// <summary>The PrometheusRule's name: PLATFORM-platform.</summary>
    public static string Name(Naming naming) => $"{naming.Platform}-platform";

    /// <summary>A ratio as PromQL prints it: invariant culture, no trailing zeros (0.8, 0.95).</summary>
    public static string Ratio(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A namespace matcher: equality for one namespace, an alternation (RE2, anchored by Prometheus) for several.</summary>
    public static string NamespaceMatcher(IReadOnlyList<string> namespaces) =>
        namespaces.Count == 1 ? $"namespace=\"{namespaces[0]}\"" : $"namespace=~\"{string.Join('|', namespaces)}\"";

    public static IReadOnlyList<AlertRule> Rules(AlertThresholds t, Naming naming, AlertTargets targets)
    {
        var rules = new List<AlertRule>();
        if (targets.Airflow.Count > 0)
        {
            var ns = NamespaceMatcher(targets.Airflow);
            rules.Add(new("AirflowTaskFailureRateHigh",
                $"sum(increase(airflow_ti_failures{{{ns}}}[30m])) / clamp_min(sum(increase(airflow_ti_failures{{{ns}}}[30m])) + sum(increase(airflow_ti_successes{{{ns}}}[30m])), 1) > {Ratio(t.TaskFailureRatio)}",
                t.For, "warning",
                "Airflow task failure rate is high",
                $"{{{{ $value | humanizePercentage }}}} of Airflow task instances failed over the last 30 minutes (threshold {Ratio(t.TaskFailureRatio)}).",
                "Open the Airflow UI, list failed task instances of the last 30 minutes and read their logs; a shared cause (catalog, object store, Trino) shows as many DAGs failing at once."));
        }
        if (targets.Dagster.Count > 0)
        {
            // kube-state-metrics keeps the Job's own namespace (the chart's monitor honours the exporter's labels).
            var ns = NamespaceMatcher(targets.Dagster);
            rules.Add(new("DagsterRunFailureRateHigh",
                $"sum(kube_job_failed{{{ns}, job_name=~\"dagster-run-.*\", condition=\"true\"}}) / clamp_min(count(kube_job_failed{{{ns}, job_name=~\"dagster-run-.*\", condition=\"true\"}}), 1) > {Ratio(t.TaskFailureRatio)}",
                t.For, "warning",
                "Dagster run failure rate is high",
                $"{{{{ $value | humanizePercentage }}}} of Dagster run Jobs present in the cluster failed (threshold {Ratio(t.TaskFailureRatio)}).",
                "Open Dagit (the Dagster UI), filter runs by status Failure and read the step logs; kubectl get jobs -l dagster/run-id shows the Kubernetes side."));
        }
        if (targets.Postgres.Count > 0)
        {
            var ns = NamespaceMatcher(targets.Postgres);
            rules.Add(new("PostgresConnectionsHigh",
                $"sum by (namespace, pod) (cnpg_backends_total{{{ns}}}) / on (namespace, pod) max by (namespace, pod) (cnpg_pg_settings_setting{{{ns}, name=\"max_connections\"}}) > {Ratio(t.PostgresConnectionsRatio)}",
                t.For, "warning",
                "PostgreSQL connections near max_connections",
                $"{{{{ $labels.namespace }}}}/{{{{ $labels.pod }}}} uses {{{{ $value | humanizePercentage }}}} of max_connections (threshold {Ratio(t.PostgresConnectionsRatio)}).",
                "Find the clients holding connections (SELECT usename, application_name, count(*) FROM pg_stat_activity GROUP BY 1, 2); add a pooler or raise max_connections in the Cluster's postgresql.parameters."));
            rules.Add(new("PostgresCacheHitRatioLow",
                $"sum by (namespace, pod) (rate(cnpg_pg_stat_database_blks_hit{{{ns}}}[10m])) / clamp_min(sum by (namespace, pod) (rate(cnpg_pg_stat_database_blks_hit{{{ns}}}[10m])) + sum by (namespace, pod) (rate(cnpg_pg_stat_database_blks_read{{{ns}}}[10m])), 1) < {Ratio(t.PostgresCacheHitRatio)}",
                t.For, "warning",
                "PostgreSQL buffer cache hit ratio is low",
                $"{{{{ $labels.namespace }}}}/{{{{ $labels.pod }}}} serves only {{{{ $value | humanizePercentage }}}} of block reads from shared buffers (threshold {Ratio(t.PostgresCacheHitRatio)}).",
                "Check for sequential scans on large tables (pg_stat_user_tables.seq_scan) and missing indexes; if the working set outgrew memory, raise shared_buffers and the pod's memory."));
        }
        if (targets.Valkey.Count > 0)
        {
            var ns = NamespaceMatcher(targets.Valkey);
            rules.Add(new("ValkeyMemoryHigh",
                $"max by (namespace, pod) (redis_memory_used_bytes{{{ns}}}) / on (namespace, pod) max by (namespace, pod) (redis_memory_max_bytes{{{ns}}} > 0) > {Ratio(t.ValkeyMemoryRatio)}",
                t.For, "warning",
                "Valkey memory near maxmemory",
                $"{{{{ $labels.namespace }}}}/{{{{ $labels.pod }}}} uses {{{{ $value | humanizePercentage }}}} of maxmemory (threshold {Ratio(t.ValkeyMemoryRatio)}).",
                "Check the broker's queue lengths (a stuck Celery worker leaves messages piling up) and key expiry; raise maxmemory with the pod's memory if the load is real."));
        }
        if (targets.Minio.Count > 0)
        {
            var ns = NamespaceMatcher(targets.Minio);
            rules.Add(new("MinioDriveOffline",
                $"max(minio_cluster_drive_offline_total{{{ns}}}) > 0 or max(minio_cluster_nodes_offline_total{{{ns}}}) > 0",
                "5m", "critical",
                "MinIO has offline drives or nodes",
                "{{ $value }} MinIO drive(s) or node(s) are offline; erasure coding keeps data readable only while enough remain.",
                "kubectl get pods -n the tenant's namespace; describe the failing pod and its PersistentVolumeClaim; mc admin info shows which drives are offline."));
            // Usable capacity: what erasure coding leaves for data, as MinIO itself reports it.
            rules.Add(new("MinioCapacityHigh",
                $"1 - sum by (namespace) (minio_cluster_capacity_usable_free_bytes{{{ns}}}) / sum by (namespace) (minio_cluster_capacity_usable_total_bytes{{{ns}}} > 0) > {Ratio(t.ObjectStoreUsageRatio)}",
                t.For, "warning",
                "MinIO usable capacity is running out",
                $"The MinIO tenant in {{{{ $labels.namespace }}}} uses {{{{ $value | humanizePercentage }}}} of its usable capacity (threshold {Ratio(t.ObjectStoreUsageRatio)}).",
                "mc admin info and mc du show what fills the tenant; expire old snapshots and orphan files (table maintenance), or add a server pool (storage.minio in env/)."));
        }
        rules.Add(new($"{naming.PascalName}TargetDown",
            $"up{{{NamespaceMatcher(targets.Platform)}}} == 0",
            "1m", "critical",
            "A platform component stopped answering scrapes",
            "Prometheus cannot scrape {{ $labels.namespace }}/{{ $labels.pod }} ({{ $labels.job }}) for 1 minute.",
            "kubectl get pods -n {{ $labels.namespace }}; describe the pod and read its events and logs; the component's Application in Argo CD shows whether a sync is failing."));
        if (targets.Seaweedfs.Count > 0)
        {
            var ns = NamespaceMatcher(targets.Seaweedfs);
            rules.Add(new("SeaweedfsVolumeServerDown",
                $"up{{{ns}, job=~\".*volume.*\"}} == 0",
                "5m", "critical",
                "SeaweedFS volume server down",
                "Prometheus cannot scrape {{ $labels.instance }} ({{ $labels.job }}) in {{ $labels.namespace }}: a SeaweedFS volume server is down.",
                "kubectl get pods -l app.kubernetes.io/component=volume; check the pod's events and its volume; the master's /dir/status lists the volume servers it sees."));
            // Disk usage of each volume server's data directory, as the volume server measures it (type all/used).
            rules.Add(new("SeaweedfsCapacityHigh",
                $"max by (namespace, pod, name) (SeaweedFS_volumeServer_resource{{{ns}, type=\"used\"}}) / max by (namespace, pod, name) (SeaweedFS_volumeServer_resource{{{ns}, type=\"all\"}} > 0) > {Ratio(t.ObjectStoreUsageRatio)}",
                t.For, "warning",
                "SeaweedFS volume server disk is filling up",
                $"{{{{ $labels.namespace }}}}/{{{{ $labels.pod }}}} uses {{{{ $value | humanizePercentage }}}} of its data disk {{{{ $labels.name }}}} (threshold {Ratio(t.ObjectStoreUsageRatio)}).",
                "weed shell volume.list shows the fullest volumes; expire old snapshots and orphan files (table maintenance), vacuum deleted space (volume.vacuum), or add volume servers (storage.seaweedfs.volumeServers in env/)."));
        }
        if (targets.SecretStore.Count > 0)
        {
            // The External Secrets Operator's own metrics (external-secrets v0.19.2 docs/api/metrics.md), scraped by
            // the chart's ServiceMonitor with honorLabels false: the ExternalSecret's namespace label becomes
            // exported_namespace, namespace is the operator's.
            var ns = NamespaceMatcher(targets.SecretStore);
            rules.Add(new("ExternalSecretSyncErrors",
                $"sum by (exported_namespace, name) (increase(externalsecret_sync_calls_error{{{ns}}}[15m])) > 0",
                "15m", "warning",
                "An ExternalSecret keeps failing to sync",
                "ExternalSecret {{ $labels.exported_namespace }}/{{ $labels.name }} failed to sync {{ $value }} times in 15 minutes, for 15 minutes: its Secret is not refreshed.",
                "kubectl describe externalsecret -n {{ $labels.exported_namespace }} {{ $labels.name }} shows the error; check the store entry it reads (docs/secrets/ENV.md) and the ClusterSecretStore's status."));
            rules.Add(new("ExternalSecretNotReady",
                $"max by (exported_namespace, name) (externalsecret_status_condition{{{ns}, condition=\"Ready\", status=\"False\"}}) == 1",
                "15m", "critical",
                "An ExternalSecret is not ready",
                "ExternalSecret {{ $labels.exported_namespace }}/{{ $labels.name }} has been not Ready for 15 minutes: the Secret it delivers may be missing, and the pods reading it cannot start.",
                "kubectl get externalsecret -n {{ $labels.exported_namespace }} {{ $labels.name }} -o yaml; the Ready condition's message names the missing store entry or the failing template."));
        }
        return rules;
    }

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
                        Rules = [.. Rules(context.Environment.Monitoring.Alerts, context.Naming, AlertTargets.Of(context)).Select(r => new PrometheusRuleV1SpecGroupsItemRulesItem
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
