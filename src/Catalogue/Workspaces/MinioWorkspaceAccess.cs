using System.Text.Json.Nodes;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Model.Secrets;
using Lakehouse.Model.Workspaces;

namespace Lakehouse.Model.Components;

/// <summary>
/// A workspace's access to an in-cluster MinIO tenant: its policy (<see cref="WorkspaceStorage.Policy"/>, MinIO's
/// IAM-syntax policy JSON) in a ConfigMap, and an Argo CD Sync hook Job, in the tenant's namespace, that applies it
/// with the MinIO client (mc, shipped in the MinIO server image): adds the workspace's user with the keys of its
/// Secret (kept outside Git), creates or updates the policy and attaches it to that user only. The tenant's
/// <c>users</c> are not used for workspaces: the operator gives those the consoleAdmin policy.
/// </summary>
public static class MinioWorkspaceAccess
{
    /// <summary>The ConfigMap and Job of one workspace: STORE-workspace-NAME.</summary>
    public static string ObjectName(Naming naming, string store, Workspace workspace) => naming.Object(store, $"workspace-{workspace.Name}");

    /// <summary>The workspace's MinIO keys, in the tenant's namespace (access-key, secret-key).</summary>
    public static SecretRef AccessKey(Naming naming, string store, Workspace workspace) => new(naming.Secret(store, $"workspace-{workspace.Name}"), "access-key");

    public static SecretRef SecretKey(Naming naming, string store, Workspace workspace) => new(naming.Secret(store, $"workspace-{workspace.Name}"), "secret-key");

    public static IEnumerable<ManifestObject> For(ComponentContext context, string store, string ns, Endpoint api, SecretRef rootConfig)
    {
        foreach (var workspace in context.Workspaces)
        {
            var naming = context.Naming;
            var name = ObjectName(naming, store, workspace);
            // The workspace's MinIO user: keys the platform generates once (docs/secrets.md).
            context.Secrets.DeclareIn(ns, naming.Secret(store, $"workspace-{workspace.Name}"), "access-key",
                SecretSource.Generate(naming.Object(store, $"workspace-{workspace.Name}-access-key"), PasswordShape.AccessKey));
            context.Secrets.DeclareIn(ns, naming.Secret(store, $"workspace-{workspace.Name}"), "secret-key",
                SecretSource.Generate(naming.Object(store, $"workspace-{workspace.Name}-secret-key"), PasswordShape.SecretKey));
            var policy = WorkspaceStorage.Principal(naming, workspace);
            var script = string.Join("\n",
                "set -eu",
                ". /secret/root-config/config.env",
                $"mc alias set store {api} \"$MINIO_ROOT_USER\" \"$MINIO_ROOT_PASSWORD\"",
                "mc admin user add store \"$WORKSPACE_ACCESS_KEY\" \"$WORKSPACE_SECRET_KEY\"",
                $"mc admin policy create store {policy} /job/policy.json",
                // attach fails when the policy is attached already (a re-sync): then the user must show it.
                $"mc admin policy attach store {policy} --user \"$WORKSPACE_ACCESS_KEY\" || mc admin user info store \"$WORKSPACE_ACCESS_KEY\" | grep -q '{policy}'",
                "");
            yield return HookJob.ConfigMap(name, ns, workspace.Name, new JsonObject
            {
                ["policy.json"] = WorkspaceJson.Text(WorkspaceStorage.Policy(naming, workspace).ToJson()),
                ["run.sh"] = script,
            });
            yield return HookJob.Job(name, ns, workspace.Name,
                [
                    ("MC_CONFIG_DIR", "/tmp/.mc", null),
                    ("WORKSPACE_ACCESS_KEY", null, AccessKey(naming, store, workspace)),
                    ("WORKSPACE_SECRET_KEY", null, SecretKey(naming, store, workspace)),
                ],
                [("root-config", rootConfig, "config.env")]);
        }
    }
}
