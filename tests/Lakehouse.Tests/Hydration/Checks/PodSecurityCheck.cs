using System.Text.Json.Nodes;

namespace Lakehouse.Tests.Hydration.Checks;

/// <summary>
/// Every pod template (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob) in a namespace
/// labelled pod-security.kubernetes.io/enforce complies with that Pod Security Standard (Kubernetes 1.33,
/// https://kubernetes.io/docs/concepts/security/pod-security-standards/): baseline's controls, and for
/// restricted also its own; init, sidecar and ephemeral containers included. A namespace labelled
/// privileged, or not labelled, is not checked.
/// </summary>
internal static class PodSecurityCheck
{
    public const string Name = "pod-security";

    private static readonly HashSet<string> BaselineCapabilities =
        ["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"];

    private static readonly HashSet<string> SafeSysctls =
        ["kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies",
         "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
         "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes"];

    private static readonly HashSet<string> RestrictedVolumes =
        ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret", "name"];

    /// <summary>The enforce level of every Namespace object among <paramref name="objects"/>.</summary>
    public static Dictionary<string, string> Levels(IEnumerable<Manifest> objects) =>
        objects.Where(o => o.Kind == "Namespace" && o.Group.Length == 0)
            .GroupBy(o => o.Name)
            .ToDictionary(g => g.Key, g => (string?)g.First().Labels["pod-security.kubernetes.io/enforce"] ?? "privileged", StringComparer.Ordinal);

    public static IEnumerable<Finding> Check(IEnumerable<Manifest> objects)
    {
        var all = objects.ToList();
        var levels = Levels(all);
        foreach (var pod in PodTemplate.Of(all))
        {
            if (!levels.TryGetValue(pod.Owner.Namespace, out var level) || level is not ("baseline" or "restricted"))
            {
                continue;
            }
            foreach (var violation in Baseline(pod).Concat(level == "restricted" ? Restricted(pod) : []))
            {
                yield return new Finding(Name, pod.Owner.Application.Component, pod.Owner.Id, $"violates Pod Security '{level}' in {pod.Owner.Namespace}: {violation}");
            }
        }
    }

    private static IEnumerable<string> Baseline(PodTemplate pod)
    {
        var spec = pod.Spec;
        foreach (var host in new[] { "hostNetwork", "hostPID", "hostIPC" })
        {
            if ((bool?)spec[host] == true)
            {
                yield return $"{host}: true";
            }
        }
        foreach (var volume in spec["volumes"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            if (volume.ContainsKey("hostPath"))
            {
                yield return $"volume '{volume["name"]}' is a hostPath";
            }
        }
        var podContext = spec["securityContext"] as JsonObject;
        foreach (var sysctl in podContext?["sysctls"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            if (!SafeSysctls.Contains((string?)sysctl["name"] ?? ""))
            {
                yield return $"sysctl {sysctl["name"]} is not in the safe set";
            }
        }
        if ((string?)podContext?["seccompProfile"]?["type"] == "Unconfined")
        {
            yield return "pod seccompProfile Unconfined";
        }
        foreach (var (field, c) in pod.Containers)
        {
            var name = $"{field}[{c["name"]}]";
            var context = c["securityContext"] as JsonObject;
            if ((bool?)context?["privileged"] == true)
            {
                yield return $"{name}: privileged";
            }
            foreach (var added in context?["capabilities"]?["add"]?.AsArray().Select(a => (string?)a ?? "") ?? [])
            {
                if (!BaselineCapabilities.Contains(added))
                {
                    yield return $"{name}: adds capability {added}";
                }
            }
            foreach (var port in c["ports"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                if (port["hostPort"] is JsonValue hostPort && hostPort.ToJsonString() != "0")
                {
                    yield return $"{name}: hostPort {hostPort}";
                }
            }
            if ((string?)context?["procMount"] is { } procMount && procMount != "Default")
            {
                yield return $"{name}: procMount {procMount}";
            }
            if ((string?)context?["seccompProfile"]?["type"] == "Unconfined")
            {
                yield return $"{name}: seccompProfile Unconfined";
            }
        }
    }

    private static IEnumerable<string> Restricted(PodTemplate pod)
    {
        var spec = pod.Spec;
        var podContext = spec["securityContext"] as JsonObject;
        foreach (var volume in spec["volumes"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var type = volume.Select(p => p.Key).FirstOrDefault(k => k != "name");
            if (type is not null && !RestrictedVolumes.Contains(type))
            {
                yield return $"volume '{volume["name"]}' of type {type}";
            }
        }
        if (podContext?["runAsUser"] is JsonValue podUser && podUser.ToJsonString() == "0")
        {
            yield return "pod runAsUser 0";
        }
        var podNonRoot = (bool?)podContext?["runAsNonRoot"];
        var podSeccomp = (string?)podContext?["seccompProfile"]?["type"];
        foreach (var (field, c) in pod.Containers)
        {
            var name = $"{field}[{c["name"]}]";
            var context = c["securityContext"] as JsonObject;
            if ((bool?)context?["allowPrivilegeEscalation"] != false)
            {
                yield return $"{name}: allowPrivilegeEscalation is not false";
            }
            var nonRoot = (bool?)context?["runAsNonRoot"] ?? podNonRoot;
            if (nonRoot != true)
            {
                yield return $"{name}: runAsNonRoot is not true (container or pod)";
            }
            if (context?["runAsUser"] is JsonValue user && user.ToJsonString() == "0")
            {
                yield return $"{name}: runAsUser 0";
            }
            var seccomp = (string?)context?["seccompProfile"]?["type"] ?? podSeccomp;
            if (seccomp is not ("RuntimeDefault" or "Localhost"))
            {
                yield return $"{name}: seccompProfile is not RuntimeDefault or Localhost (container or pod)";
            }
            var drop = context?["capabilities"]?["drop"]?.AsArray().Select(d => (string?)d).ToList() ?? [];
            if (!drop.Contains("ALL"))
            {
                yield return $"{name}: capabilities do not drop ALL";
            }
            foreach (var added in context?["capabilities"]?["add"]?.AsArray().Select(a => (string?)a ?? "") ?? [])
            {
                if (added != "NET_BIND_SERVICE")
                {
                    yield return $"{name}: adds capability {added} (restricted allows only NET_BIND_SERVICE)";
                }
            }
        }
    }
}
