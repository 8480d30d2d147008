namespace Lakehouse.Model.Workspaces;

/// <summary>
/// The five roles a person or a workload holds in a workspace. Every component maps these to its own roles
/// (Argo CD, Grafana, Superset, Trino, the orchestrator's UI, Kubernetes RBAC); the identity provider carries
/// them as groups named by <see cref="Naming.WorkspaceGroup"/>.
/// </summary>
public enum WorkspaceRole
{
    /// <summary>Manages the workspace: its members, its Applications, its data.</summary>
    Admin,

    /// <summary>Builds pipelines: writes the workspace's tables and deploys its jobs.</summary>
    Engineer,

    /// <summary>Queries and builds dashboards: reads the workspace's tables.</summary>
    Analyst,

    /// <summary>Looks at dashboards and lineage; reads no tables directly.</summary>
    Viewer,

    /// <summary>The workspace's workloads (jobs, dbt runs): a machine identity, never a person.</summary>
    Service,
}
