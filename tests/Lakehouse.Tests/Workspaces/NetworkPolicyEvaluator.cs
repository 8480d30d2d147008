using System.Text.Json.Nodes;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Workspaces;

/// <summary>
/// Kubernetes NetworkPolicy semantics (https://kubernetes.io/docs/concepts/services-networking/network-policies/)
/// over a set of rendered policies: a connection is allowed when the source pod's egress allows it AND the
/// destination pod's ingress allows it. A direction is open for a pod no policy of that type selects; otherwise some
/// rule of a selecting policy must match the peer (namespaceSelector and podSelector matchLabels, both when both are
/// given; an empty rule list or peer list as the API defines) and the port (number and protocol, TCP by default).
/// Namespaces carry their kubernetes.io/metadata.name label. ipBlock peers are not rendered by the platform and are
/// refused here rather than guessed.
/// </summary>
internal sealed class NetworkPolicyEvaluator(IReadOnlyList<JsonObject> policies)
{
    /// <summary>A pod (or, with a null namespace, a destination outside the cluster).</summary>
    public sealed record Pod(string? Namespace, IReadOnlyDictionary<string, string> Labels)
    {
        public static Pod In(string ns, params (string Key, string Value)[] labels) => new(ns, labels.ToDictionary(l => l.Key, l => l.Value));

        public static Pod Outside { get; } = new(null, new Dictionary<string, string>());
    }

    /// <summary>Every NetworkPolicy rendered into gitops/ENV/.</summary>
    public static NetworkPolicyEvaluator ForEnvironment(IReadOnlyDictionary<string, string> files, string environment) => new(
        [.. files.Where(f => f.Key.StartsWith($"gitops/{environment}/apps/", StringComparison.Ordinal) && Path.GetFileName(f.Key).StartsWith("networkpolicy-", StringComparison.Ordinal))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => YamlFiles.Read(f.Value)!.AsObject())]);

    public NetworkPolicyEvaluator With(JsonObject policy) => new([.. policies, policy]);

    public NetworkPolicyEvaluator Without(string ns, string name) =>
        new([.. policies.Where(p => !((string?)p["metadata"]!["namespace"] == ns && (string?)p["metadata"]!["name"] == name))]);

    public bool Allows(Pod from, Pod to, int port, string protocol = "TCP") => EgressAllows(from, to, port, protocol) && IngressAllows(from, to, port, protocol);

    public bool EgressAllows(Pod from, Pod to, int port, string protocol = "TCP") => Direction(from, "Egress", "egress", "to", to, port, protocol);

    public bool IngressAllows(Pod from, Pod to, int port, string protocol = "TCP") => to.Namespace is null || Direction(to, "Ingress", "ingress", "from", from, port, protocol);

    private bool Direction(Pod subject, string type, string rulesKey, string peersKey, Pod peer, int port, string protocol)
    {
        var selecting = policies.Where(p => (string?)p["metadata"]!["namespace"] == subject.Namespace
            && ((p["spec"]!["policyTypes"] as JsonArray)?.Any(t => (string?)t == type) ?? type == "Ingress")
            && Selects(p["spec"]!["podSelector"] as JsonObject, subject.Labels)).ToList();
        if (selecting.Count == 0)
        {
            return true;
        }
        return selecting.Any(p => (p["spec"]![rulesKey] as JsonArray)?.OfType<JsonObject>().Any(rule =>
            PortMatches(rule["ports"] as JsonArray, port, protocol)
            && (rule[peersKey] is not JsonArray peers || peers.OfType<JsonObject>().Any(q => PeerMatches(q, subject.Namespace!, peer)))) ?? false);
    }

    private static bool PortMatches(JsonArray? ports, int port, string protocol) =>
        ports is null || ports.Count == 0 || ports.OfType<JsonObject>().Any(p =>
            ((string?)p["protocol"] ?? "TCP") == protocol && (p["port"] is null || Number(p["port"]!) == port
                || (p["endPort"] is { } end && port >= Number(p["port"]!) && port <= Number(end))));

    /// <summary>A port number, however the YAML reader typed it; a named port is refused (the platform renders numbers).</summary>
    private static long Number(JsonNode port) => long.TryParse(port.ToJsonString(), out var n) ? n : throw new NotSupportedException($"named port {port} is not evaluated");

    private static bool PeerMatches(JsonObject peer, string policyNamespace, Pod pod)
    {
        if (peer["ipBlock"] is not null)
        {
            throw new NotSupportedException("ipBlock peers are not evaluated (the platform renders none)");
        }
        if (pod.Namespace is null)
        {
            // A pod selector or a namespace selector names pods of the cluster only.
            return false;
        }
        var namespaceOk = peer["namespaceSelector"] is JsonObject ns
            ? Selects(ns, new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = pod.Namespace })
            : pod.Namespace == policyNamespace;
        return namespaceOk && (peer["podSelector"] is not JsonObject pods || Selects(pods, pod.Labels));
    }

    private static bool Selects(JsonObject? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector?["matchExpressions"] is not null)
        {
            throw new NotSupportedException("matchExpressions are not evaluated (the platform renders none)");
        }
        return (selector?["matchLabels"] as JsonObject)?.All(l => labels.TryGetValue(l.Key, out var v) && v == (string?)l.Value) ?? true;
    }
}
