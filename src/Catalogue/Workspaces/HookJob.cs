using System.Text.Json.Nodes;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model.Components;

/// <summary>
/// A Job that Argo CD runs on every sync of its Application (a Sync hook, the previous run deleted first), as Pod
/// Security "restricted" admits it: the way the platform applies a workspace's settings through a service's own API
/// (MinIO's admin API, Polaris' management API, Marquez' API). Its script and inputs come from a ConfigMap of the
/// same name mounted at /job; credentials come from Secrets as environment variables.
/// </summary>
public static class HookJob
{
    /// <summary>
    /// The image the hook Jobs run: MinIO's release image, the one image of the lock known to ship both the MinIO client
    /// (mc) and a static curl (its Dockerfile.release copies /usr/bin/mc and /usr/bin/curl) beside a POSIX shell.
    /// </summary>
    public static ContainerImage Image => Locked.Image("minio");

    public static ManifestObject ConfigMap(string name, string ns, string workspace, JsonObject files) => ManifestObject.FromJson(new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["labels"] = new JsonObject { [WorkspaceObjects.WorkspaceLabel] = workspace },
        },
        ["data"] = files,
    });

    /// <param name="name">The Job's name, and its ConfigMap's (mounted at /job, with run.sh).</param>
    /// <param name="ns">Its namespace: the service's, so the namespace's own NetworkPolicies admit it.</param>
    /// <param name="workspace">The workspace it applies.</param>
    /// <param name="environment">Variables: a plain value or a Secret's key.</param>
    /// <param name="secretFiles">Secret keys mounted as files: (volume, Secret, key, path under /secret/VOLUME).</param>
    public static ManifestObject Job(string name, string ns, string workspace, IReadOnlyList<(string Name, string? Value, SecretRef? Secret)> environment,
        IReadOnlyList<(string Volume, SecretRef Secret, string Path)>? secretFiles = null)
    {
        var files = secretFiles ?? [];
        var labels = new JsonObject { [WorkspaceObjects.WorkspaceLabel] = workspace };
        return ManifestObject.FromJson(new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["labels"] = labels.DeepClone(),
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
                    ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                    ["spec"] = new JsonObject
                    {
                        ["restartPolicy"] = "OnFailure",
                        ["automountServiceAccountToken"] = false,
                        ["securityContext"] = Values.RestrictedPod(1000),
                        ["containers"] = new JsonArray
                        {
                            new JsonObject
                            {
                                ["name"] = "apply",
                                ["image"] = Image.ToString(),
                                ["command"] = Values.List("/bin/sh", "/job/run.sh"),
                                ["env"] = new JsonArray([.. environment.Select(e => (JsonNode)(e.Secret is { } secret
                                    ? Values.SecretEnv(e.Name, secret)
                                    : new JsonObject { ["name"] = e.Name, ["value"] = e.Value }))]),
                                ["resources"] = Values.Resources(new Configuration.ResourcesConfig { Cpu = "50m", Memory = "64Mi" }),
                                ["securityContext"] = Values.RestrictedContainer(),
                                ["volumeMounts"] = new JsonArray([
                                    new JsonObject { ["name"] = "job", ["mountPath"] = "/job", ["readOnly"] = true },
                                    new JsonObject { ["name"] = "tmp", ["mountPath"] = "/tmp" },
                                    .. files.Select(f => (JsonNode)new JsonObject { ["name"] = f.Volume, ["mountPath"] = $"/secret/{f.Volume}", ["readOnly"] = true }),
                                ]),
                            },
                        },
                        ["volumes"] = new JsonArray([
                            new JsonObject { ["name"] = "job", ["configMap"] = new JsonObject { ["name"] = name } },
                            new JsonObject { ["name"] = "tmp", ["emptyDir"] = new JsonObject() },
                            .. files.Select(f => (JsonNode)new JsonObject
                            {
                                ["name"] = f.Volume,
                                ["secret"] = new JsonObject
                                {
                                    ["secretName"] = f.Secret.SecretName,
                                    ["items"] = new JsonArray { new JsonObject { ["key"] = f.Secret.Key, ["path"] = f.Path } },
                                },
                            }),
                        ]),
                    },
                },
            },
        });
    }
}
