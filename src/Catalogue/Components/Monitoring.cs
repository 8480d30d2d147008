using System.Text.Json.Nodes;
using Lakehouse.Catalogue.Charts;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Identity;
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
    public static HelmChart Chart => Locked.Chart("kube-prometheus-stack");

    private const int PrometheusPort = 9090;
    private const int AlertmanagerPort = 9093;
    private const int GrafanaPort = 3000;
    private const int OperatorPort = 10250;
    private const int ReloaderPort = 8080;

    private const int NodeExporterPort = 9100;

    /// <summary>
    /// node-exporter's own namespace: it needs the host's network and PID namespaces and hostPath mounts,
    /// which only Pod Security 'privileged' admits, so it runs apart and the stack's namespace stays baseline.
    /// </summary>
    public static string NodeExporterNamespace(string monitoringNamespace)
    {
        var ns = $"{monitoringNamespace}-node-exporter";
        return Checks.DnsName.IsLabel(ns)
            ? ns
            : throw new InvalidOperationException($"node-exporter's namespace '{ns}' (monitoring.namespace + '-node-exporter') is not a DNS-1123 label; shorten monitoring.namespace");
    }

    /// <summary>The Secret (admin-user, admin-password) Grafana's admin account comes from.</summary>
    public static string GrafanaAdminSecret(Naming naming, string component) => naming.Secret(component, "grafana-admin");

    /// <summary>With an identity provider in the platform, people sign in to Grafana there (docs/identity.md).</summary>
    public override IReadOnlyList<Need> Needs => [Need.OptionalOf<IIdentityProvider>()];

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
        // Grafana's admin: the user name as is, the password generated once.
        var admin = GrafanaAdminSecret(context.Naming, Name);
        context.Secrets.DeclareIn(ns, admin, "admin-user", Model.Secrets.SecretSource.Plain("admin"));
        context.Secrets.DeclareIn(ns, admin, "admin-password", Model.Secrets.SecretSource.Generate(context.Naming.Object(Name, "grafana-admin-password")));
        var nodeExporterNs = NodeExporterNamespace(ns);
        var grafana = new JsonObject { ["resources"] = Values.Resources(new() { Cpu = "100m", Memory = "256Mi" }) };
        if (context.TryUse<IIdentityProvider>() is { } idp)
        {
            var client = idp.ClientFor(context, Name, secretNamespace: ns);
            grafana["grafana.ini"] = GrafanaSso.Ini(client, idp.Groups(context), Naming.PublicHost("grafana", context.Environment.Domain), context.Naming.DisplayName);
            grafana["envValueFrom"] = GrafanaSso.SecretEnvironment(client);
        }

        // The subcharts' own keys (grafana, kube-state-metrics, prometheus-node-exporter: resources) are not in
        // kube-prometheus-stack's values.yaml, which is what the chart's record is generated from; they go
        // through AdditionalValues to the subchart (charts/<subchart>/values.yaml reads them).
        var values = new KubePrometheusStackValues
        {
            Crds = new() { Enabled = true },
            Alertmanager = new()
            {
                Enabled = true,
                PodDisruptionBudget = new() { Enabled = monitoring.AlertmanagerReplicas > 1 },
                ServiceMonitor = new() { SelfMonitor = true },
                AlertmanagerSpec = new()
                {
                    Replicas = monitoring.AlertmanagerReplicas,
                    Resources = Values.Resources(new() { Cpu = "50m", Memory = "128Mi" }),
                },
            },
            Grafana = new()
            {
                Enabled = true,
                Admin = new()
                {
                    ExistingSecret = GrafanaAdminSecret(context.Naming, Name),
                    UserKey = "admin-user",
                    PasswordKey = "admin-password",
                },
                Sidecar = new()
                {
                    Dashboards = new()
                    {
                        Enabled = true,
                        Label = PlatformDashboard.Label,
                        LabelValue = PlatformDashboard.LabelValue,
                        SearchNamespace = "ALL",
                    },
                    AdditionalValues = new() { ["resources"] = Values.Resources(new() { Cpu = "50m", Memory = "128Mi" }) },
                },
                ServiceMonitor = new() { Enabled = true },
                // Every workload of the stack is sized: Grafana and its dashboard sidecar, and the two exporters.
                // Single sign-on (grafana.ini, the client secret's variable) where the platform has a provider.
                AdditionalValues = grafana,
            },
            // The control-plane scrapes render Services in kube-system, which no AppProject of the platform
            // allows: Argo CD would refuse the whole monitoring sync, and with it the CRDs every later wave needs.
            // Managed control planes do not expose these endpoints anyway; the kubelet and API server stay scraped.
            KubeControllerManager = new() { Enabled = false },
            CoreDns = new() { Enabled = false },
            KubeEtcd = new() { Enabled = false },
            KubeScheduler = new() { Enabled = false },
            KubeProxy = new() { Enabled = false },
            KubeStateMetrics2 = new()
            {
                AdditionalValues = new() { ["resources"] = Values.Resources(new() { Cpu = "50m", Memory = "128Mi" }) },
            },
            PrometheusNodeExporter = new()
            {
                NamespaceOverride = nodeExporterNs,
                AdditionalValues = new() { ["resources"] = Values.Resources(new() { Cpu = "50m", Memory = "64Mi" }) },
            },
            PrometheusOperator = new()
            {
                LivenessProbe = new() { Enabled = true },
                ReadinessProbe = new() { Enabled = true },
                ServiceMonitor = new() { SelfMonitor = true },
                Resources = Values.Resources(new() { Cpu = "100m", Memory = "256Mi" }),
            },
            Prometheus = new()
            {
                PodDisruptionBudget = new() { Enabled = ha },
                ServiceMonitor = new() { SelfMonitor = true, Interval = monitoring.Interval },
                PrometheusSpec = new()
                {
                    // Select by our labels in every namespace, not by the chart's Helm-values default.
                    RuleSelectorNilUsesHelmValues = false,
                    RuleSelector = selector,
                    ServiceMonitorSelectorNilUsesHelmValues = false,
                    ServiceMonitorSelector = selector,
                    PodMonitorSelectorNilUsesHelmValues = false,
                    PodMonitorSelector = selector,
                    Retention = monitoring.Retention,
                    Replicas = monitoring.PrometheusReplicas,
                    PodAntiAffinity = ha ? "hard" : "soft",
                    Resources = Values.Resources(monitoring.PrometheusResources),
                    StorageSpec = new()
                    {
                        ["volumeClaimTemplate"] = new JsonObject
                        {
                            ["spec"] = new JsonObject
                            {
                                ["accessModes"] = Values.List("ReadWriteOnce"),
                                ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = monitoring.StorageSize } },
                            },
                        },
                    },
                },
            },
        };

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values.ToValues(),
            Manifests =
            [
                StandardObjects.Namespace(ns, context.Naming.Platform, PodSecurity.Baseline(
                    "not every container of chart kube-prometheus-stack 88.5.3 (the admission webhook's certificate Jobs, Grafana's init containers) is shown to declare the securityContext restricted requires; node-exporter, which needs more, runs in its own namespace")),
                StandardObjects.Namespace(nodeExporterNs, context.Naming.Platform, PodSecurity.Privileged(
                    "prometheus-node-exporter runs with the host's network and PID namespaces and hostPath mounts, which only privileged admits; nothing else runs here")),
                // On the host network the policies do not apply to node-exporter's pods; they keep the namespace default-deny all the same.
                // (Names differ from the stack's own policies: a component's objects are identified by kind and name.)
                StandardObjects.IngressPolicy(nodeExporterNs, [], [], ns, [NodeExporterPort], "node-exporter-ingress"),
                StandardObjects.EgressPolicy(nodeExporterNs, [], [], "nothing outside its namespace", "node-exporter-egress"),
                StandardObjects.IngressPolicy(ns, [], [PrometheusPort, AlertmanagerPort, GrafanaPort, OperatorPort], ns,
                    [PrometheusPort, AlertmanagerPort, GrafanaPort, OperatorPort, ReloaderPort]),
                StandardObjects.WebhookPolicy(ns, "operator-admission-webhook", new Dictionary<string, string> { ["app"] = "kube-prometheus-stack-operator" }, OperatorPort,
                    "the API server calls the operator's admission webhook validating PrometheusRules and AlertmanagerConfigs"),
                PlatformRules.Manifest(context, ns),
                PlatformDashboard.Manifest(context.Naming, Name, ns),
            ],
            Metrics = new ChartMonitor("prometheus.serviceMonitor.selfMonitor"),
            Probes = new ChartProbes("prometheusOperator.livenessProbe.enabled", "prometheusOperator.readinessProbe.enabled"),
            ClusterResources = GroupKind.OperatorWithWebhooks,
            Egress =
            [
                EgressGrant.KubernetesApi("the Prometheus operator reconciles its resources, Prometheus discovers its scrape targets, kube-state-metrics lists objects and Grafana's sidecar loads dashboard ConfigMaps"),
                // The kubelet and node-exporter (host network) listen on node addresses: no namespace or pod selector
                // names them. The control-plane and CoreDNS monitors are off (above), so their ports stay closed.
                new EgressGrant("node-scrapes",
                    "the chart's default monitors scrape the kubelet (10250) and node-exporter on the host network (9100) at node addresses",
                    [10250, 9100]),
            ],
        };
    }
}
