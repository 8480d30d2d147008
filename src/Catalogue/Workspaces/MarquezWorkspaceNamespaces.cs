using System.Text.Json.Nodes;
using Lakehouse.Model.Workspaces;

namespace Lakehouse.Model.Components;

/// <summary>
/// A workspace's lineage namespace in Marquez (<see cref="Naming.WorkspaceLineageNamespace"/>), created through
/// Marquez' API (PUT /api/v1/namespaces/NAME, idempotent) by a Sync hook Job in Marquez' namespace, owned by the
/// workspace's admin group. The workspace's jobs emit their OpenLineage events with this namespace, so its lineage
/// is listed apart from the platform's and other workspaces'. Marquez has no access control: every user of its UI
/// sees every namespace (docs/workspaces.md).
/// </summary>
public static class MarquezWorkspaceNamespaces
{
    public static IEnumerable<Kubernetes.ManifestObject> For(ComponentContext context, string component, string ns, Endpoint api)
    {
        var naming = context.Naming;
        foreach (var workspace in context.Workspaces)
        {
            var name = naming.Object(component, $"workspace-{workspace.Name}");
            var call = new HttpCall("PUT", $"/api/v1/namespaces/{naming.WorkspaceLineageNamespace(workspace.Name)}", new JsonObject
            {
                ["ownerName"] = naming.WorkspaceGroup(workspace.Name, WorkspaceRole.Admin),
                ["description"] = $"Lineage of workspace {workspace.Name}",
            });
            yield return HookJob.ConfigMap(name, ns, workspace.Name, HttpCalls.Files(api, [call], []));
            yield return HookJob.Job(name, ns, workspace.Name, []);
        }
    }
}
