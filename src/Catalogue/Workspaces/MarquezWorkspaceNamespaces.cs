using System.Text.Json.Nodes;
using Lakehouse.Model.Workspaces;

namespace Lakehouse.Model.Components;

/// <summary>
/// A workspace's lineage namespace in Marquez (<see cref="Naming.WorkspaceLineageNamespace"/>), created through
/// Marquez' API (PUT /api/v1/namespaces/NAME, idempotent) by a Sync hook Job in Marquez' namespace, owned by the
/// workspace's admin group. The workspace's jobs emit their OpenLineage events with this namespace, so its lineage
/// is listed apart from the platform's and other workspaces': Marquez hands each workspace, in its own namespace, the
/// OpenLineage client settings (<see cref="ClientSettings"/>: OPENLINEAGE_URL and OPENLINEAGE_NAMESPACE, for envFrom)
/// and Spark defaults (<see cref="SparkDefaults"/>: the OpenLineage listener, for SPARK_CONF_DIR) naming that
/// namespace, never the platform's. Marquez has no access control: every user of its UI sees every namespace
/// (docs/workspaces.md).
/// </summary>
public static class MarquezWorkspaceNamespaces
{
    /// <summary>The ConfigMap of a workspace's OpenLineage client settings, for a container's envFrom.</summary>
    public const string ClientSettings = "openlineage";

    /// <summary>The ConfigMap of a workspace's Spark defaults (spark-defaults.conf), for a Spark container's SPARK_CONF_DIR.</summary>
    public const string SparkDefaults = "spark-defaults";

    /// <summary>What Marquez hands each workspace (ComponentSpec.WorkspaceManifests): its lineage settings, in its namespace.</summary>
    public static IEnumerable<Kubernetes.ManifestObject> Settings(ComponentContext context, Endpoint api)
    {
        var naming = context.Naming;
        foreach (var workspace in context.Workspaces)
        {
            var ns = WorkspaceObjects.Namespace(naming, workspace);
            var lineageNamespace = naming.WorkspaceLineageNamespace(workspace.Name);
            yield return Settings(ClientSettings, ns, workspace.Name, new JsonObject
            {
                ["OPENLINEAGE_NAMESPACE"] = lineageNamespace,
                ["OPENLINEAGE_URL"] = api.ToString(),
            });
            var conf = SparkIcebergConf.OpenLineage(api, lineageNamespace)
                .Append(("spark.jars.packages", $"io.openlineage:openlineage-spark_2.12:{SparkIcebergConf.OpenLineageVersion}"));
            yield return Settings(SparkDefaults, ns, workspace.Name, new JsonObject
            {
                ["spark-defaults.conf"] = string.Concat(conf.Select(c => $"{c.Item1} {c.Item2}\n")),
            });
        }
    }

    private static Kubernetes.ManifestObject Settings(string name, string ns, string workspace, JsonObject data) => Kubernetes.ManifestObject.FromJson(new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = new JsonObject { [WorkspaceObjects.WorkspaceLabel] = workspace } },
        ["data"] = data,
    });

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
