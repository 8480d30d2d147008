using System.Text.Json.Nodes;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model.Components;

/// <summary>
/// kube-prometheus-stack (prometheus-community): the Prometheus operator and its CRDs, Prometheus,
/// Alertmanager and Grafana, in the namespace env/ names (monitoring.namespace, which every component's
/// NetworkPolicy lets in on metrics ports). Prometheus selects every ServiceMonitor, PodMonitor and
/// PrometheusRule carrying monitoring.monitorLabels in any namespace. Beside the chart: the platform's
/// PrometheusRules and the "Lakehouse Platform Overview" dashboard (a ConfigMap Grafana's sidecar loads).
/// </summary>
public sealed record Monitoring(string Name) : Component(Name), IMonitoring
{
    public static readonly HelmChart Chart = new("https://prometheus-community.github.io/helm-charts", "kube-prometheus-stack", "88.5.3");

    private const int PrometheusPort = 9090;
    private const int AlertmanagerPort = 9093;
    private const int GrafanaPort = 3000;
    private const int OperatorPort = 10250;
    private const int ReloaderPort = 8080;

    /// <summary>The Secret (admin-user, admin-password) Grafana's admin account comes from.</summary>
    public static string GrafanaAdminSecret(Naming naming, string component) => naming.Secret(component, "grafana-admin");

    /// <summary>
    /// The API server calls the operator's admission webhook (PrometheusRule and Alertmanager config
    /// validation) from outside any namespace, so the default-deny policy gets an exception for the
    /// operator's pods on the webhook port, from any source.
    /// </summary>
    public override ComponentSpec Describe(ComponentContext context)
    {
        var monitoring = context.Environment.Monitoring;
        var ns = monitoring.Namespace;
        var release = context.Naming.Release(Name);
        // The chart labels its own ServiceMonitors release=<release>; Prometheus must select them too.
        if (monitoring.MonitorLabels.TryGetValue("release", out var selected) && selected != release)
        {
            throw new InvalidOperationException(
                $"monitoring.monitorLabels has release={selected}, but the chart labels its own monitors release={release}: use release: {release}");
        }
        var selector = new JsonObject { ["matchLabels"] = Values.Map(monitoring.MonitorLabels) };
        var ha = monitoring.PrometheusReplicas > 1;

        var values = new JsonObject()
            .Set("crds.enabled", true)
            // Select by our labels in every namespace, not by the chart's Helm-values default.
            .Set("prometheus.prometheusSpec.serviceMonitorSelectorNilUsesHelmValues", false)
            .Set("prometheus.prometheusSpec.serviceMonitorSelector", selector.DeepClone())
            .Set("prometheus.prometheusSpec.podMonitorSelectorNilUsesHelmValues", false)
            .Set("prometheus.prometheusSpec.podMonitorSelector", selector.DeepClone())
            .Set("prometheus.prometheusSpec.ruleSelectorNilUsesHelmValues", false)
            .Set("prometheus.prometheusSpec.ruleSelector", selector.DeepClone())
            .Set("prometheus.prometheusSpec.replicas", monitoring.PrometheusReplicas)
            .Set("prometheus.prometheusSpec.retention", monitoring.Retention)
            .Set("prometheus.prometheusSpec.resources", Values.Resources(monitoring.PrometheusResources))
            .Set("prometheus.prometheusSpec.podAntiAffinity", ha ? "hard" : "soft")
            .Set("prometheus.prometheusSpec.storageSpec", new JsonObject
            {
                ["volumeClaimTemplate"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["accessModes"] = Values.List("ReadWriteOnce"),
                        ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = monitoring.StorageSize } },
                    },
                },
            })
            .Set("prometheus.podDisruptionBudget.enabled", ha)
            .Set("prometheus.serviceMonitor.selfMonitor", true)
            .Set("prometheus.serviceMonitor.interval", monitoring.Interval)
            .Set("alertmanager.enabled", true)
            .Set("alertmanager.alertmanagerSpec.replicas", monitoring.AlertmanagerReplicas)
            .Set("alertmanager.alertmanagerSpec.resources", Values.Resources(new() { Cpu = "50m", Memory = "128Mi" }))
            .Set("alertmanager.podDisruptionBudget.enabled", monitoring.AlertmanagerReplicas > 1)
            .Set("alertmanager.serviceMonitor.selfMonitor", true)
            .Set("prometheusOperator.resources", Values.Resources(new() { Cpu = "100m", Memory = "256Mi" }))
            .Set("prometheusOperator.serviceMonitor.selfMonitor", true)
            .Set("prometheusOperator.livenessProbe.enabled", true)
            .Set("prometheusOperator.readinessProbe.enabled", true)
            .Set("grafana.enabled", true)
            .Set("grafana.admin.existingSecret", GrafanaAdminSecret(context.Naming, Name))
            .Set("grafana.admin.userKey", "admin-user")
            .Set("grafana.admin.passwordKey", "admin-password")
            .Set("grafana.sidecar.dashboards.enabled", true)
            .Set("grafana.sidecar.dashboards.label", PlatformDashboard.Label)
            .Set("grafana.sidecar.dashboards.labelValue", PlatformDashboard.LabelValue)
            .Set("grafana.sidecar.dashboards.searchNamespace", "ALL")
            .Set("grafana.serviceMonitor.enabled", true)
            // Every workload of the stack is sized: Grafana and its dashboard sidecar, and the two exporters.
            .Set("grafana.resources", Values.Resources(new() { Cpu = "100m", Memory = "256Mi" }))
            .Set("grafana.sidecar.resources", Values.Resources(new() { Cpu = "50m", Memory = "128Mi" }))
            .Set("kube-state-metrics.resources", Values.Resources(new() { Cpu = "50m", Memory = "128Mi" }))
            .Set("prometheus-node-exporter.resources", Values.Resources(new() { Cpu = "50m", Memory = "64Mi" }));

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values,
            Manifests =
            [
                // The operator's admission webhook and node exporter need more than the restricted standard.
                StandardObjects.Namespace(ns, context.Naming.Platform, "privileged"),
                StandardObjects.IngressPolicy(ns, [], [PrometheusPort, AlertmanagerPort, GrafanaPort, OperatorPort], ns,
                    [PrometheusPort, AlertmanagerPort, GrafanaPort, OperatorPort, ReloaderPort]),
                StandardObjects.WebhookPolicy(ns, "operator-admission-webhook", new Dictionary<string, string> { ["app"] = "kube-prometheus-stack-operator" }, OperatorPort),
                PlatformRules.Manifest(context, ns),
                PlatformDashboard.Manifest(context.Naming, Name, ns),
            ],
            Metrics = new ChartMonitor("prometheus.serviceMonitor.selfMonitor"),
            Probes = new ChartProbes("prometheusOperator.livenessProbe.enabled", "prometheusOperator.readinessProbe.enabled"),
            ClusterResources = GroupKind.OperatorWithWebhooks,
        };
    }
}
