using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;
using Lakehouse.Catalogue.CustomResources;

namespace Lakehouse.Model.Kubernetes;

/// <summary>The raw objects every component gets beside its chart: its Namespace and its NetworkPolicy.</summary>
public static class StandardObjects
{
    /// <summary>Annotation carrying why an object grants more than the default (a webhook port, a Pod Security level, an egress).</summary>
    public const string ReasonAnnotation = "lakehouse.io/reason";

    /// <summary>
    /// What every component deploys beside its chart: its Namespace and its NetworkPolicy letting in its
    /// clients (<see cref="ComponentContext.Clients"/>, from need connections only) on the service ports
    /// (plus <paramref name="alsoAllowed"/>) and Prometheus on the metrics ports. Egress is derived by the
    /// renderer from the same connections.
    /// </summary>
    public static ManifestObject[] Baseline(ComponentContext context, Component component,
        IReadOnlyList<int> servicePorts, IReadOnlyList<int> metricsPorts, IReadOnlyList<string>? alsoAllowed = null, PodSecurity? podSecurity = null)
    {
        var ns = context.NamespaceOf(component);
        return
        [
            Namespace(ns, context.Naming.Platform, podSecurity),
            IngressPolicy(ns, [.. context.ConsumerNamespaces, .. alsoAllowed ?? []], servicePorts, context.Environment.Monitoring.Namespace, metricsPorts),
        ];
    }

    /// <summary>
    /// Lets the Kubernetes API server reach an operator's admission webhook on that port only. Its requests
    /// come from the control plane, outside any namespace a peer could name (and the platform writes no IP
    /// address), so the rule names no source; <paramref name="reason"/> is rendered as the policy's annotation.
    /// </summary>
    public static ManifestObject WebhookPolicy(string @namespace, string name, IReadOnlyDictionary<string, string> podLabels, int port, string reason) =>
        ManifestObject.From(new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = @namespace,
                Annotations = new Dictionary<string, string> { [ReasonAnnotation] = Reason(reason, name) },
            },
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
    /// The component's Namespace, part of the platform <paramref name="platform"/>, at its Pod Security level:
    /// restricted unless the workload needs less, and then with the reason as annotation lakehouse.io/reason.
    /// </summary>
    public static ManifestObject Namespace(string name, string platform, PodSecurity? podSecurity = null)
    {
        var level = podSecurity ?? PodSecurity.Restricted;
        return ManifestObject.From(new V1Namespace
        {
            ApiVersion = "v1",
            Kind = "Namespace",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = new Dictionary<string, string>
                {
                    ["app.kubernetes.io/part-of"] = platform,
                    [PodSecurity.EnforceLabel] = level.Level,
                },
                Annotations = level.Reason is { } reason ? new Dictionary<string, string> { [ReasonAnnotation] = reason } : null,
            },
        });
    }

    /// <summary>
    /// Default-deny egress for the namespace, then: DNS (CoreDNS or kube-dns in kube-system, port 53 UDP and
    /// TCP); pods of the same namespace; each provider's namespace and pods on the ports its ingress policy
    /// admits this namespace on; and the ports of external services, by port only (they have no namespace).
    /// <paramref name="connectsTo"/> (the providers, in name order) is rendered as annotation lakehouse.io/connects-to.
    /// </summary>
    public static ManifestObject EgressPolicy(string @namespace, IReadOnlyList<EgressDestination> destinations, IReadOnlyList<int> externalPorts, string connectsTo, string name = "default-egress")
    {
        var rules = new List<V1NetworkPolicyEgressRule>
        {
            new()
            {
                To = [new V1NetworkPolicyPeer
                {
                    NamespaceSelector = NamespaceSelector("kube-system"),
                    PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["k8s-app"] = "kube-dns" } },
                }],
                Ports = [new V1NetworkPolicyPort { Protocol = "UDP", Port = 53 }, new V1NetworkPolicyPort { Protocol = "TCP", Port = 53 }],
            },
            new() { To = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector() }] },
        };
        foreach (var destination in destinations
            .OrderBy(d => d.Namespace, StringComparer.Ordinal)
            .ThenBy(d => string.Join(",", d.PodLabels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")), StringComparer.Ordinal))
        {
            rules.Add(new V1NetworkPolicyEgressRule
            {
                To = [new V1NetworkPolicyPeer
                {
                    NamespaceSelector = NamespaceSelector(destination.Namespace),
                    PodSelector = new V1LabelSelector { MatchLabels = destination.PodLabels.Count == 0 ? null : destination.PodLabels.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary() },
                }],
                Ports = destination.Ports.Distinct().Order().Select(Port).ToList(),
            });
        }
        if (externalPorts.Count > 0)
        {
            rules.Add(new V1NetworkPolicyEgressRule { Ports = externalPorts.Distinct().Order().Select(Port).ToList() });
        }
        return ManifestObject.From(new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = @namespace,
                Annotations = new Dictionary<string, string> { ["lakehouse.io/connects-to"] = connectsTo },
            },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector(),
                PolicyTypes = ["Egress"],
                Egress = rules,
            },
        });
    }

    /// <summary>One <see cref="EgressGrant"/> as its own policy, egress-NAME, with the grant's reason as annotation.</summary>
    public static ManifestObject EgressGrantPolicy(string @namespace, EgressGrant grant)
    {
        var rule = new V1NetworkPolicyEgressRule { Ports = grant.Ports.Distinct().Order().Select(Port).ToList() };
        if (grant.Namespace is { } destination)
        {
            rule.To = [new V1NetworkPolicyPeer
            {
                NamespaceSelector = NamespaceSelector(destination),
                PodSelector = new V1LabelSelector { MatchLabels = grant.PodLabels?.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary() },
            }];
        }
        return ManifestObject.From(new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta
            {
                Name = $"egress-{grant.Name}",
                NamespaceProperty = @namespace,
                Annotations = new Dictionary<string, string> { [ReasonAnnotation] = grant.Reason },
            },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector(),
                PolicyTypes = ["Egress"],
                Egress = [rule],
            },
        });
    }

    /// <summary>
    /// Default-deny ingress for the namespace, then: pods of the same namespace; the consumers'
    /// namespaces on the service ports; the monitoring namespace on the metrics ports only.
    /// </summary>
    public static ManifestObject IngressPolicy(
        string @namespace, IReadOnlyList<string> consumerNamespaces, IReadOnlyList<int> servicePorts,
        string monitoringNamespace, IReadOnlyList<int> metricsPorts, string name = "default-ingress")
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
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector(),
                PolicyTypes = ["Ingress"],
                Ingress = rules,
            },
        });
    }

    /// <summary>
    /// A prometheus-operator ServiceMonitor (monitoring.coreos.com/v1), built with the type generated from the
    /// restored CRD: it scrapes the <paramref name="selector"/>ed Services of its own namespace.
    /// </summary>
    public static ManifestObject ServiceMonitor(
        string name, string @namespace, IReadOnlyDictionary<string, string> labels,
        IReadOnlyDictionary<string, string> selector, ServiceMonitorV1SpecEndpointsItem endpoint) =>
        ManifestObject.From(new ServiceMonitorV1
        {
            Metadata = MonitorMetadata(name, @namespace, labels),
            Spec = new()
            {
                Selector = new() { MatchLabels = Sorted(selector) },
                NamespaceSelector = new() { MatchNames = [@namespace] },
                Endpoints = [endpoint],
            },
        });

    /// <summary>A prometheus-operator PodMonitor: scrapes pods directly, for workloads without a metrics Service.</summary>
    public static ManifestObject PodMonitor(
        string name, string @namespace, IReadOnlyDictionary<string, string> labels,
        IReadOnlyDictionary<string, string> selector, PodMonitorV1SpecPodMetricsEndpointsItem endpoint) =>
        ManifestObject.From(new PodMonitorV1
        {
            Metadata = MonitorMetadata(name, @namespace, labels),
            Spec = new()
            {
                Selector = new() { MatchLabels = Sorted(selector) },
                NamespaceSelector = new() { MatchNames = [@namespace] },
                PodMetricsEndpoints = [endpoint],
            },
        });

    private static V1ObjectMeta MonitorMetadata(string name, string @namespace, IReadOnlyDictionary<string, string> labels) => new()
    {
        Name = name,
        NamespaceProperty = @namespace,
        Labels = Sorted(labels),
    };

    /// <summary>A string map in ordinal key order, so output never depends on insertion order.</summary>
    private static Dictionary<string, string> Sorted(IReadOnlyDictionary<string, string> map) =>
        map.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary();

    private static V1NetworkPolicyPeer NamespacePeer(string ns) => new() { NamespaceSelector = NamespaceSelector(ns) };

    /// <summary>The label the API server sets on every Namespace (its name), so peers need no labels of ours.</summary>
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    private static V1LabelSelector NamespaceSelector(string ns) => new()
    {
        MatchLabels = new Dictionary<string, string> { [NamespaceNameLabel] = ns },
    };

    private static string Reason(string reason, string what) =>
        string.IsNullOrWhiteSpace(reason) ? throw new ArgumentException($"'{what}' needs a reason") : reason;

    private static V1NetworkPolicyPort Port(int port) => new() { Protocol = "TCP", Port = port };
}

/// <summary>Where a namespace's pods may connect: a provider's namespace and pods, on the ports it admits them on.</summary>
public sealed record EgressDestination(string Namespace, IReadOnlyDictionary<string, string> PodLabels, IReadOnlyList<int> Ports);

/// <summary>
/// A Pod Security Standard level for a namespace (label pod-security.kubernetes.io/enforce). Restricted by
/// default; baseline or privileged only with the reason the workload needs it, rendered as an annotation.
/// </summary>
public sealed record PodSecurity
{
    public const string EnforceLabel = "pod-security.kubernetes.io/enforce";

    private PodSecurity(string level, string? reason)
    {
        if (level != "restricted" && string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException($"Pod Security level '{level}' needs the reason the workload cannot run restricted");
        }
        Level = level;
        Reason = reason;
    }

    public string Level { get; }

    public string? Reason { get; }

    public static PodSecurity Restricted { get; } = new("restricted", null);

    public static PodSecurity Baseline(string reason) => new("baseline", reason);

    public static PodSecurity Privileged(string reason) => new("privileged", reason);
}
