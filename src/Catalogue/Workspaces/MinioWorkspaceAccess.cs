using System.Text.Json.Nodes;
using Lakehouse.Model.Kubernetes;
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

    public static IEnumerable<ManifestObject> For(ComponentContext context, string store, string ns, Endpoint api, SecretRef rootConfig, ContainerImage image)
    {
        foreach (var workspace in context.Workspaces)
        {
            var naming = context.Naming;
            var name = ObjectName(naming, store, workspace);
            var policy = WorkspaceStorage.Principal(naming, workspace);
            yield return ManifestObject.FromJson(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["namespace"] = ns,
                    ["labels"] = new JsonObject { [WorkspaceObjects.WorkspaceLabel] = workspace.Name },
                },
                ["data"] = new JsonObject { ["policy.json"] = TrinoAccessControl.Text(WorkspaceStorage.Policy(naming, workspace).ToJson()) },
            });
            var script = string.Join("\n",
                "set -eu",
                ". /config/config.env",
                $"mc alias set store {api} \"$MINIO_ROOT_USER\" \"$MINIO_ROOT_PASSWORD\"",
                "mc admin user add store \"$WORKSPACE_ACCESS_KEY\" \"$WORKSPACE_SECRET_KEY\"",
                $"mc admin policy create store {policy} /policy/policy.json",
                // attach fails when the policy is attached already (a re-sync): then the user must show it.
                $"mc admin policy attach store {policy} --user \"$WORKSPACE_ACCESS_KEY\" || mc admin user info store \"$WORKSPACE_ACCESS_KEY\" | grep -q '{policy}'",
                "");
            yield return ManifestObject.FromJson(new JsonObject
            {
                ["apiVersion"] = "batch/v1",
                ["kind"] = "Job",
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["namespace"] = ns,
                    ["labels"] = new JsonObject { [WorkspaceObjects.WorkspaceLabel] = workspace.Name },
                    // Run on every sync (the policy may have changed); the previous run is deleted first.
                    ["annotations"] = new JsonObject
                    {
                        ["argocd.argoproj.io/hook"] = "Sync",
                        ["argocd.argoproj.io/hook-delete-policy"] = "BeforeHookCreation",
                    },
                },
                ["spec"] = new JsonObject
                {
                    ["backoffLimit"] = 10,
                    ["template"] = new JsonObject
                    {
                        ["metadata"] = new JsonObject { ["labels"] = new JsonObject { [WorkspaceObjects.WorkspaceLabel] = workspace.Name } },
                        ["spec"] = new JsonObject
                        {
                            ["restartPolicy"] = "OnFailure",
                            ["automountServiceAccountToken"] = false,
                            ["securityContext"] = Values.RestrictedPod(1000),
                            ["containers"] = new JsonArray
                            {
                                new JsonObject
                                {
                                    ["name"] = "mc",
                                    ["image"] = image.ToString(),
                                    ["command"] = Values.List("/bin/sh", "-c", script),
                                    ["env"] = new JsonArray
                                    {
                                        new JsonObject { ["name"] = "MC_CONFIG_DIR", ["value"] = "/tmp/.mc" },
                                        Values.SecretEnv("WORKSPACE_ACCESS_KEY", AccessKey(naming, store, workspace)),
                                        Values.SecretEnv("WORKSPACE_SECRET_KEY", SecretKey(naming, store, workspace)),
                                    },
                                    ["resources"] = Values.Resources(new Configuration.ResourcesConfig { Cpu = "50m", Memory = "64Mi" }),
                                    ["securityContext"] = Values.RestrictedContainer(),
                                    ["volumeMounts"] = new JsonArray
                                    {
                                        new JsonObject { ["name"] = "root-config", ["mountPath"] = "/config", ["readOnly"] = true },
                                        new JsonObject { ["name"] = "policy", ["mountPath"] = "/policy", ["readOnly"] = true },
                                        new JsonObject { ["name"] = "tmp", ["mountPath"] = "/tmp" },
                                    },
                                },
                            },
                            ["volumes"] = new JsonArray
                            {
                                new JsonObject { ["name"] = "root-config", ["secret"] = new JsonObject { ["secretName"] = rootConfig.SecretName, ["items"] = new JsonArray { new JsonObject { ["key"] = rootConfig.Key, ["path"] = "config.env" } } } },
                                new JsonObject { ["name"] = "policy", ["configMap"] = new JsonObject { ["name"] = name } },
                                new JsonObject { ["name"] = "tmp", ["emptyDir"] = new JsonObject() },
                            },
                        },
                    },
                },
            });
        }
    }
}
