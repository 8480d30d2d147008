using Lakehouse.Model.Workspaces;

namespace Lakehouse.Model.Components;

/// <summary>
/// What each of the five roles may do in a workspace's namespace (Kubernetes RBAC). No role may change the
/// namespace's ResourceQuota, LimitRange, NetworkPolicies, Roles or RoleBindings: those are the platform's, synced
/// from Git; membership is the identity provider's (groups from <see cref="Naming.WorkspaceGroup"/>).
/// </summary>
public static class WorkspaceRbac
{
    /// <summary>One rule of a Role: API groups, resources, verbs.</summary>
    public sealed record Rule(IReadOnlyList<string> ApiGroups, IReadOnlyList<string> Resources, IReadOnlyList<string> Verbs);

    private static readonly string[] Read = ["get", "list", "watch"];
    private static readonly string[] Write = ["get", "list", "watch", "create", "update", "patch", "delete"];

    private static readonly Rule[] Workloads =
    [
        new([""], ["configmaps", "persistentvolumeclaims", "pods", "services"], Write),
        new(["apps"], ["deployments", "statefulsets"], Write),
        new(["batch"], ["cronjobs", "jobs"], Write),
        new(["sparkoperator.k8s.io"], ["scheduledsparkapplications", "sparkapplications"], Write),
    ];

    private static readonly Rule[] Observe =
    [
        new([""], ["events", "pods", "services"], Read),
        new(["apps"], ["deployments", "statefulsets"], Read),
        new(["batch"], ["cronjobs", "jobs"], Read),
        new(["sparkoperator.k8s.io"], ["scheduledsparkapplications", "sparkapplications"], Read),
    ];

    /// <summary>The rules of one role, in a fixed order.</summary>
    public static IReadOnlyList<Rule> Rules(WorkspaceRole role) => role switch
    {
        WorkspaceRole.Admin =>
        [
            .. Workloads,
            new([""], ["secrets", "serviceaccounts"], Write),
            new([""], ["pods/log"], Read),
            new([""], ["events", "limitranges", "resourcequotas"], Read),
            new(["rbac.authorization.k8s.io"], ["rolebindings", "roles"], Read),
        ],
        WorkspaceRole.Engineer => [.. Workloads, new([""], ["pods/log"], Read), new([""], ["events"], Read)],
        WorkspaceRole.Analyst => [.. Observe, new([""], ["configmaps", "pods/log"], Read)],
        WorkspaceRole.Viewer => Observe,
        // The workspace's workloads: Spark drivers create their executors and services, jobs read their configuration.
        WorkspaceRole.Service =>
        [
            new([""], ["configmaps", "persistentvolumeclaims", "pods", "services"], Write),
            new(["sparkoperator.k8s.io"], ["sparkapplications"], Write),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
