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

    /// <summary>How Prometheus scrapes this component; a component without one does not render.</summary>
    public required MetricsSource Metrics { get; init; }

    /// <summary>How Kubernetes checks this component's liveness and readiness.</summary>
    public required ProbeSource Probes { get; init; }

    /// <summary>Cluster-scoped kinds the chart creates, beyond Namespace (the AppProject allows exactly these).</summary>
    public IReadOnlyList<GroupKind> ClusterResources { get; init; } = [];
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

/// <summary>The liveness and readiness checks the workload runs, as HTTP paths on its pods.</summary>
public sealed record ProbeSource(string Liveness, string Readiness);

/// <summary>
/// The component has no metrics endpoint at all. Allowed only with the reason, which the rendered
/// Application carries as an annotation so reviewers see every exemption.
/// </summary>
public sealed record NoMetrics(string Reason) : MetricsSource;
