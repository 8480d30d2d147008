using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Rendering.Pipeline;

/// <summary>
/// Derives every namespace's egress from the same connections as ingress, so the two always agree: a
/// namespace may reach another exactly where that one's ingress policies admit it (a need's provider on its
/// service ports, Prometheus on each metrics port, an operator on its instances' ports), an external
/// service its clients use on that service's ports, and DNS. Beyond that only the component's own
/// <see cref="EgressGrant"/>s, each a policy with its reason. Nothing else leaves a namespace.
/// </summary>
internal static class EgressPolicies
{
    /// <summary>The components with their egress policies appended to their manifests.</summary>
    /// <param name="components">The described components of one environment.</param>
    /// <param name="externalPorts">Each external component's clients (names) and the ports they reach it on.</param>
    public static List<ComponentRender> Add(IReadOnlyList<ComponentRender> components, IReadOnlyList<(string Name, IReadOnlyList<string> Clients, IReadOnlyList<int> Ports)> externalPorts) =>
        Add(components, externalPorts, [], out _);

    /// <summary>The same, and the default egress of each workspace namespace, derived from the same admissions.</summary>
    /// <param name="components">The described components of one environment.</param>
    /// <param name="externalPorts">Each external component's clients (names, workspaces included) and the ports they reach it on.</param>
    /// <param name="workspaces">Each workspace's name (as an external service's client) and namespace.</param>
    /// <param name="workspaceEgress">Each workspace's default-egress policy, by name.</param>
    public static List<ComponentRender> Add(IReadOnlyList<ComponentRender> components, IReadOnlyList<(string Name, IReadOnlyList<string> Clients, IReadOnlyList<int> Ports)> externalPorts,
        IReadOnlyList<(string Name, string Namespace)> workspaces, out IReadOnlyDictionary<string, ManifestObject> workspaceEgress)
    {
        var destinations = new Dictionary<string, Dictionary<(string Namespace, string Pods), (IReadOnlyDictionary<string, string> Labels, SortedSet<int> Ports)>>(StringComparer.Ordinal);
        var connectsTo = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var external = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);

        foreach (var provider in components)
        {
            foreach (var (destination, source, labels, ports) in AdmittedSources(provider.Spec))
            {
                if (source == destination)
                {
                    continue;
                }
                var key = (destination, string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")));
                var forSource = destinations.TryGetValue(source, out var d) ? d : destinations[source] = [];
                if (!forSource.TryGetValue(key, out var entry))
                {
                    entry = forSource[key] = (labels, []);
                }
                entry.Ports.UnionWith(ports);
                Set(connectsTo, source).Add(destination == provider.Spec.Namespace ? provider.Name : $"{provider.Name} ({destination})");
            }
        }
        var namespaces = components.Select(c => (c.Name, c.Spec.Namespace)).Concat(workspaces).ToDictionary(c => c.Name, c => c.Namespace, StringComparer.Ordinal);
        foreach (var (name, clients, ports) in externalPorts)
        {
            foreach (var client in clients.Where(namespaces.ContainsKey))
            {
                var ns = namespaces[client];
                (external.TryGetValue(ns, out var set) ? set : external[ns] = []).UnionWith(ports);
                Set(connectsTo, ns).Add($"{name} (external{(ports.Count == 0 ? ", through its provider" : $", port {string.Join(" ", ports)}")})");
            }
        }

        workspaceEgress = workspaces.ToDictionary(w => w.Name, w => DefaultEgress(w.Namespace), StringComparer.Ordinal);
        return components.Select(c =>
        {
            var ns = c.Spec.Namespace;
            var policies = new List<ManifestObject> { DefaultEgress(ns) };
            policies.AddRange(c.Spec.Egress.Select(g => StandardObjects.EgressGrantPolicy(ns, g)));
            return c with { Spec = c.Spec with { Manifests = [.. c.Spec.Manifests, .. policies] } };
        }).ToList();

        ManifestObject DefaultEgress(string ns)
        {
            var to = destinations.TryGetValue(ns, out var d)
                ? d.Select(p => new EgressDestination(p.Key.Namespace, p.Value.Labels, [.. p.Value.Ports])).ToList()
                : [];
            return StandardObjects.EgressPolicy(ns, to, external.TryGetValue(ns, out var e) ? [.. e] : [],
                connectsTo.TryGetValue(ns, out var names) ? string.Join(", ", names) : "nothing outside its namespace");
        }
    }

    private static SortedSet<string> Set(Dictionary<string, SortedSet<string>> map, string key) =>
        map.TryGetValue(key, out var set) ? set : map[key] = new SortedSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Every (policy's namespace, source namespace, selected pods, ports) an ingress NetworkPolicy of the spec
    /// admits. Rules without sources (an admission webhook, called by the API server) admit no namespace to mirror.
    /// </summary>
    internal static IEnumerable<(string Destination, string Source, IReadOnlyDictionary<string, string> Pods, IReadOnlyList<int> Ports)> AdmittedSources(ComponentSpec spec)
    {
        foreach (var policy in spec.Manifests.Where(m => m.Kind == "NetworkPolicy"))
        {
            var destination = policy.Namespace ?? spec.Namespace;
            var body = policy.Body["spec"]?.AsObject();
            if (body?["ingress"] is not JsonArray rules)
            {
                continue;
            }
            var pods = (body["podSelector"]?["matchLabels"] as JsonObject)?
                .ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal) ?? [];
            foreach (var rule in rules.OfType<JsonObject>())
            {
                var ports = (rule["ports"] as JsonArray)?.OfType<JsonObject>().Select(p => (int)p["port"]!).ToList() ?? [];
                foreach (var peer in (rule["from"] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    if (peer["namespaceSelector"]?["matchLabels"]?[StandardObjects.NamespaceNameLabel] is JsonValue source)
                    {
                        yield return (destination, (string)source!, pods, ports);
                    }
                }
            }
        }
    }
}
