using System.Text.Json.Nodes;
using k8s.Models;

namespace Lakehouse.Model.Kubernetes;

/// <summary>The raw objects every component gets beside its chart: its Namespace and its NetworkPolicy.</summary>
public static class StandardObjects
{
    /// <summary>
    /// What every component deploys beside its chart: its Namespace and its NetworkPolicy letting in its
    /// consumers on the service ports (plus <paramref name="alsoAllowed"/>) and Prometheus on the metrics ports.
    /// </summary>
    public static ManifestObject[] Baseline(ComponentContext context, Component component,
        IReadOnlyList<int> servicePorts, IReadOnlyList<int> metricsPorts, IReadOnlyList<string>? alsoAllowed = null, string podSecurity = "restricted")
    {
        var ns = context.NamespaceOf(component);
        return
        [
            Namespace(ns, context.Naming.Platform, podSecurity),
            IngressPolicy(ns, [.. context.ConsumerNamespaces, .. alsoAllowed ?? []], servicePorts, context.Environment.Monitoring.Namespace, metricsPorts),
        ];
    }

    /// <summary>
    /// Lets the Kubernetes API server reach an operator's admission webhook: its requests come from the
    /// control plane, outside any namespace a peer could name, so the rule admits any source on that port only.
    /// </summary>
    public static ManifestObject WebhookPolicy(string @namespace, string name, IReadOnlyDictionary<string, string> podLabels, int port) =>
        ManifestObject.From(new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = podLabels.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary() },
                PolicyTypes = ["Ingress"],
                Ingress = [new V1NetworkPolicyIngressRule { Ports = [Port(port)] }],
            },
        });

    /// <summary>
    /// A PodDisruptionBudget letting one pod of the selected set go at a time, for charts that do not
    /// render one themselves (Trino's workers).
    /// </summary>
    public static ManifestObject DisruptionBudget(string name, string @namespace, IReadOnlyDictionary<string, string> podLabels) =>
        ManifestObject.From(new V1PodDisruptionBudget
        {
            ApiVersion = "policy/v1",
            Kind = "PodDisruptionBudget",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace },
            Spec = new V1PodDisruptionBudgetSpec
            {
                MaxUnavailable = 1,
                Selector = new V1LabelSelector { MatchLabels = podLabels.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary() },
            },
        });

    /// <summary>
    /// The component's Namespace, part of the platform <paramref name="platform"/>, enforcing the restricted
    /// Pod Security Standard where the workload allows it.
    /// </summary>
    public static ManifestObject Namespace(string name, string platform, string podSecurity = "restricted") =>
        ManifestObject.From(new V1Namespace
        {
            ApiVersion = "v1",
            Kind = "Namespace",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = new Dictionary<string, string>
                {
                    ["app.kubernetes.io/part-of"] = platform,
                    ["pod-security.kubernetes.io/enforce"] = podSecurity,
                },
            },
        });

    /// <summary>
    /// Default-deny ingress for the namespace, then: pods of the same namespace; the consumers'
    /// namespaces on the service ports; the monitoring namespace on the metrics ports only.
    /// </summary>
    public static ManifestObject IngressPolicy(
        string @namespace, IReadOnlyList<string> consumerNamespaces, IReadOnlyList<int> servicePorts,
        string monitoringNamespace, IReadOnlyList<int> metricsPorts)
    {
        var rules = new List<V1NetworkPolicyIngressRule>
        {
            new() { FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector() }] },
        };
        if (consumerNamespaces.Count > 0)
        {
            rules.Add(new V1NetworkPolicyIngressRule
            {
                FromProperty = consumerNamespaces.Order(StringComparer.Ordinal).Select(NamespacePeer).ToList(),
                Ports = servicePorts.Select(Port).ToList(),
            });
        }
        if (metricsPorts.Count > 0)
        {
            rules.Add(new V1NetworkPolicyIngressRule
            {
                FromProperty = [NamespacePeer(monitoringNamespace)],
                Ports = metricsPorts.Select(Port).ToList(),
            });
        }
        return ManifestObject.From(new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta { Name = "default-ingress", NamespaceProperty = @namespace },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector(),
                PolicyTypes = ["Ingress"],
                Ingress = rules,
            },
        });
    }

    /// <summary>
    /// A prometheus-operator ServiceMonitor (monitoring.coreos.com/v1). It has no k8s.Models type, so it is
    /// built as the API's JSON; the field names are those of the CRD, validated against it in the tests.
    /// </summary>
    public static ManifestObject ServiceMonitor(
        string name, string @namespace, IReadOnlyDictionary<string, string> labels,
        IReadOnlyDictionary<string, string> selector, JsonObject endpoint) =>
        Monitor("ServiceMonitor", "endpoints", name, @namespace, labels, selector, endpoint);

    /// <summary>A prometheus-operator PodMonitor: scrapes pods directly, for workloads without a metrics Service.</summary>
    public static ManifestObject PodMonitor(
        string name, string @namespace, IReadOnlyDictionary<string, string> labels,
        IReadOnlyDictionary<string, string> selector, JsonObject endpoint) =>
        Monitor("PodMonitor", "podMetricsEndpoints", name, @namespace, labels, selector, endpoint);

    private static ManifestObject Monitor(
        string kind, string endpointsKey, string name, string @namespace, IReadOnlyDictionary<string, string> labels,
        IReadOnlyDictionary<string, string> selector, JsonObject endpoint) =>
        ManifestObject.FromJson(new JsonObject
        {
            ["apiVersion"] = "monitoring.coreos.com/v1",
            ["kind"] = kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = @namespace,
                ["labels"] = Values.Map(labels),
            },
            ["spec"] = new JsonObject
            {
                ["selector"] = new JsonObject { ["matchLabels"] = Values.Map(selector) },
                ["namespaceSelector"] = new JsonObject { ["matchNames"] = new JsonArray(@namespace) },
                [endpointsKey] = new JsonArray(endpoint),
            },
        });

    private static V1NetworkPolicyPeer NamespacePeer(string ns) => new()
    {
        NamespaceSelector = new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = ns },
        },
    };

    private static V1NetworkPolicyPort Port(int port) => new() { Protocol = "TCP", Port = port };
}
