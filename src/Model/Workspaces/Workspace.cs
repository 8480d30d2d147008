using Lakehouse.Model.Diagnostics;

namespace Lakehouse.Model.Workspaces;

/// <summary>
/// A workspace (tenant): a team's own namespace, bucket, Iceberg namespace, Trino schema, resource group, lineage
/// namespace and Argo CD project, with the five <see cref="WorkspaceRole"/>s bound to identity-provider groups.
/// Added with <c>platform.AddWorkspace(new Workspace("analytics") { ... })</c>; its per-environment sizes come from
/// env/'s <c>workspaces.NAME</c> section (<see cref="Configuration.WorkspaceConfig"/>). What it renders: docs/workspaces.md.
/// </summary>
/// <param name="Name">DNS-1123 label, unique among workspaces and distinct from every component name (they share the namespace rule).</param>
public sealed record Workspace(string Name)
{
    /// <summary>What the workspace is for, for reviewers (its AppProject's description).</summary>
    public string Description { get; init; } = "";

    /// <summary>
    /// Git repositories the workspace's own Applications may read (its AppProject's sourceRepos), in addition to
    /// nothing: without any, its members can sync only from the platform's repository.
    /// </summary>
    public IReadOnlyList<string> Repositories { get; init; } = [];
}

/// <summary>A workspace and the definition line that added it.</summary>
public sealed record PlacedWorkspace(Workspace Workspace, SourceLocation Location)
{
    public string Name => Workspace.Name;
}
