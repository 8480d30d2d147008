using System.Text.Json.Nodes;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model;

/// <summary>A component in one environment: the chart and its values, plus the raw objects beside it.</summary>
public sealed record ComponentSpec
{
    /// <summary>Namespace the chart is installed into.</summary>
    public required string Namespace { get; init; }

    /// <summary>The upstream chart, at its pinned version.</summary>
    public required HelmChart Chart { get; init; }

    /// <summary>Helm values for this environment; the renderer factors out what all environments share.</summary>
    public required JsonObject Values { get; init; }

    /// <summary>Raw objects (Namespace, NetworkPolicy, ServiceMonitor, ...) rendered through Kustomize.</summary>
    public IReadOnlyList<ManifestObject> Manifests { get; init; } = [];

    /// <summary>
    /// Objects the component hands the workspaces, each in a workspace's namespace (the OpenLineage settings of the
    /// workspace's jobs, say): rendered in that workspace's own Application and folder, not the component's, since
    /// the component's project reaches only its own namespaces (docs/workspaces.md).
    /// </summary>
    public IReadOnlyList<ManifestObject> WorkspaceManifests { get; init; } = [];

    /// <summary>How Prometheus scrapes this component; a component without one does not render.</summary>
    public required MetricsSource Metrics { get; init; }

    /// <summary>How Kubernetes checks this component's liveness and readiness.</summary>
    public required ProbeSource Probes { get; init; }

    /// <summary>Cluster-scoped kinds the chart creates, beyond Namespace (the AppProject allows exactly these).</summary>
    public IReadOnlyList<GroupKind> ClusterResources { get; init; } = [];

    /// <summary>
    /// Egress beyond what the renderer derives (DNS, the namespace itself, the providers of the component's
    /// needs and monitoring's scrapes): the Kubernetes API server, a public repository. Each grant renders as
    /// its own NetworkPolicy carrying its reason; nothing else leaves the namespace.
    /// </summary>
    public IReadOnlyList<EgressGrant> Egress { get; init; } = [];
}

/// <summary>
/// One egress exception with its reason, rendered as NetworkPolicy egress-NAME annotated lakehouse.io/reason.
/// Destinations are named by namespace and pod labels; one outside every namespace (the API server, a
/// public endpoint) by port only, since the platform writes no IP address (docs/decisions.md).
/// </summary>
public sealed record EgressGrant
{
    /// <summary>The ports the Kubernetes API server answers on: 443 through the kubernetes Service, 6443 after DNAT on kubeadm clusters.</summary>
    public static IReadOnlyList<int> KubernetesApiPorts { get; } = [443, 6443];

    public EgressGrant(string name, string reason, IReadOnlyList<int> ports)
    {
        if (!Checks.DnsName.IsLabel(name))
        {
            throw new ArgumentException($"egress grant name '{name}' must be a DNS-1123 label");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException($"egress grant '{name}' needs a reason");
        }
        if (ports.Count == 0 || ports.Any(p => p is < 1 or > 65535))
        {
            throw new ArgumentException($"egress grant '{name}' needs ports between 1 and 65535");
        }
        Name = name;
        Reason = reason;
        Ports = ports;
    }

    public string Name { get; }

    public string Reason { get; }

    public IReadOnlyList<int> Ports { get; }

    /// <summary>The destination's namespace; null for a destination outside the cluster's namespaces (port only).</summary>
    public string? Namespace { get; init; }

    /// <summary>Labels of the destination pods inside <see cref="Namespace"/>; null for every pod there.</summary>
    public IReadOnlyDictionary<string, string>? PodLabels { get; init; }

    /// <summary>The Kubernetes API server, for components that watch or create objects (operators, Argo CD, executors).</summary>
    public static EgressGrant KubernetesApi(string reason) => new("kubernetes-api", reason, KubernetesApiPorts);
}

/// <summary>An API group and kind, as AppProject whitelists name them ("" is the core group).</summary>
public sealed record GroupKind(string Group, string Kind)
{
    /// <summary>What an operator chart installs cluster-wide: its CRDs and the ClusterRoles that read them.</summary>
    public static IReadOnlyList<GroupKind> Operator { get; } =
    [
        new("apiextensions.k8s.io", "CustomResourceDefinition"),
        new("rbac.authorization.k8s.io", "ClusterRole"),
        new("rbac.authorization.k8s.io", "ClusterRoleBinding"),
    ];

    /// <summary>An operator with admission webhooks (defaulting and validating its resources).</summary>
    public static IReadOnlyList<GroupKind> OperatorWithWebhooks { get; } =
    [
        .. Operator,
        new("admissionregistration.k8s.io", "MutatingWebhookConfiguration"),
        new("admissionregistration.k8s.io", "ValidatingWebhookConfiguration"),
    ];
}

/// <summary>Where the component's metrics come from.</summary>
public abstract record MetricsSource;

/// <summary>The chart renders a ServiceMonitor or PodMonitor when the value at <paramref name="ValuesPath"/> is true.</summary>
public sealed record ChartMonitor(string ValuesPath) : MetricsSource;

/// <summary>A ServiceMonitor or PodMonitor among the component's raw manifests.</summary>
public sealed record ManifestMonitor(string Kind, string Name) : MetricsSource;

/// <summary>
/// Where the workload's liveness and readiness probes come from; LH0012 checks the claim against what
/// the component deploys, the way it checks <see cref="MetricsSource"/>.
/// </summary>
public abstract record ProbeSource;

/// <summary>
/// The chart renders the probes from its values: every path must be on in the rendered values, either
/// <c>true</c> (a switch such as <c>server.livenessProbe.enabled</c>) or a probe object that is not
/// empty and not <c>enabled: false</c> (<c>tenant.liveness</c> with its httpGet). A component sets them
/// explicitly, so no chart default or override can switch them off unnoticed.
/// </summary>
public sealed record ChartProbes(params string[] ValuesPaths) : ProbeSource
{
    public bool Equals(ChartProbes? other) => other is not null && ValuesPaths.SequenceEqual(other.ValuesPaths, StringComparer.Ordinal);

    public override int GetHashCode() => ValuesPaths.Aggregate(0, (h, p) => HashCode.Combine(h, p));
}

/// <summary>
/// The chart's template renders both probes unconditionally: no value switches them off. Names the
/// templates inside the chart archive (templates/deployment.yaml); the chart conformance test reads them.
/// </summary>
public sealed record ChartTemplateProbes(params string[] Templates) : ProbeSource
{
    public bool Equals(ChartTemplateProbes? other) => other is not null && Templates.SequenceEqual(other.Templates, StringComparer.Ordinal);

    public override int GetHashCode() => Templates.Aggregate(0, (h, p) => HashCode.Combine(h, p));
}

/// <summary>An operator creates the pods and gives them their probes; names that operator's component.</summary>
public sealed record OperatorProbes(string Operator) : ProbeSource;

/// <summary>The workload has no probes at all; allowed only with the reason.</summary>
public sealed record NoProbes(string Reason) : ProbeSource;

/// <summary>
/// The component has no metrics endpoint at all. Allowed only with the reason, which the rendered
/// Application carries as an annotation so reviewers see every exemption.
/// </summary>
public sealed record NoMetrics(string Reason) : MetricsSource;
