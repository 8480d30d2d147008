using System.Text.Json.Nodes;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model.Components;

/// <summary>
/// Trino's access log for audit: the coordinator's HTTP request log (airlift's: time, client address, authenticated
/// user, method, path, status, duration, one line per request, so every statement submitted and every result page
/// fetched, by user) written to a shared emptyDir, rotated by size with a bounded history, and streamed to stdout
/// by a sidecar (the lock's kubectl image, for its shell and tail; not Trino's, so that an environment's Trino tag
/// stays one line), where the cluster's log agent collects it (the stdout streaming sidecar of
/// the Kubernetes logging architecture). Statement texts are not in it: Trino's event listeners that carry them
/// (http, kafka, mysql, openlineage) all need a receiver the platform does not run (docs/identity.md, "Audit").
/// </summary>
public static class TrinoAudit
{
    /// <summary>Where the request log lives on the shared volume.</summary>
    public const string LogFolder = "/var/log/trino-audit";

    public const string LogFile = LogFolder + "/http-request.log";

    /// <summary>The volume's name in the coordinator pod.</summary>
    public const string Volume = "audit-log";

    /// <summary>The sidecar's name: its logs are the request log.</summary>
    public const string Sidecar = "audit-log";

    /// <summary>Size of one log file before rotation, and the rotated files kept (bounded: at most 6 x 64MB on the volume).</summary>
    public const string MaxFileSize = "64MB";

    public const int MaxHistory = 5;

    /// <summary>The coordinator's config.properties lines.</summary>
    public static IReadOnlyList<string> CoordinatorProperties { get; } =
    [
        "http-server.log.enabled=true",
        $"http-server.log.path={LogFile}",
        $"http-server.log.max-size={MaxFileSize}",
        $"http-server.log.max-history={MaxHistory}",
    ];

    /// <summary>The emptyDir both containers mount, capped above what rotation keeps.</summary>
    public static JsonObject VolumeSpec() => new() { ["name"] = Volume, ["emptyDir"] = new JsonObject { ["sizeLimit"] = "512Mi" } };

    public static JsonObject Mount(bool readOnly) => new() { ["name"] = Volume, ["mountPath"] = LogFolder, ["readOnly"] = readOnly };

    /// <summary>
    /// The sidecar: follows the current file across rotations (tail -F) from its first line, so a restart replays the
    /// kept file rather than losing it; as unprivileged as Trino itself.
    /// </summary>
    public static JsonObject SidecarContainer() => new()
    {
        ["name"] = Sidecar,
        ["image"] = Locked.Image("kubectl").ToString(),
        ["imagePullPolicy"] = "IfNotPresent",
        ["command"] = Values.List("tail", "-n", "+1", "-F", LogFile),
        ["volumeMounts"] = Values.List(Mount(readOnly: true)),
        ["resources"] = Values.Resources(new() { Cpu = "10m", Memory = "32Mi" }),
        ["securityContext"] = Values.RestrictedContainer(),
    };
}
