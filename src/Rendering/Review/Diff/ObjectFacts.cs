using System.Text.Json.Nodes;

namespace Lakehouse.Rendering.Review.Diff;

/// <summary>What a reviewer reads off hydrated objects: identity, images, replicas, resources; Secret data redacted.</summary>
internal static class ObjectFacts
{
    public const string Redacted = "(redacted)";

    /// <summary>Kind/namespace/name (namespace omitted when the object names none).</summary>
    public static string Id(JsonObject o)
    {
        var metadata = o["metadata"] as JsonObject;
        var ns = metadata?["namespace"] is JsonValue n ? n.ToString() : null;
        return $"{(o["kind"] is JsonValue k ? k.ToString() : "")}/{(ns is null ? "" : ns + "/")}{(metadata?["name"] is JsonValue name ? name.ToString() : "")}";
    }

    /// <summary>
    /// The object as compared and shown: a Secret's data and stringData values are replaced by a digest-free
    /// marker per key, so neither the summary nor its diff can carry a secret value; a changed value still shows
    /// as changed through <see cref="SecretKeysChanged"/>.
    /// </summary>
    public static JsonObject Redact(JsonObject o)
    {
        if ((string?)o["kind"] != "Secret")
        {
            return o;
        }
        var copy = o.DeepClone().AsObject();
        foreach (var field in new[] { "data", "stringData" })
        {
            if (copy[field] is JsonObject data)
            {
                foreach (var key in data.Select(p => p.Key).ToList())
                {
                    data[key] = Redacted;
                }
            }
        }
        return copy;
    }

    /// <summary>Keys of a Secret's data whose values differ (added, removed or changed), never the values.</summary>
    public static IReadOnlyList<string> SecretKeysChanged(JsonObject before, JsonObject after)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var field in new[] { "data", "stringData" })
        {
            var a = before[field] as JsonObject ?? [];
            var b = after[field] as JsonObject ?? [];
            // Values only compared, never shown.
            foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
            {
                if (!JsonNode.DeepEquals(a[key], b[key]))
                {
                    keys.Add($"{field}.{key}");
                }
            }
        }
        return [.. keys];
    }

    /// <summary>Containers of a workload's pod template (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod): name to container.</summary>
    public static IReadOnlyDictionary<string, JsonObject> Containers(JsonObject o)
    {
        // Only the workload kinds: a custom resource may have a "template" of any shape.
        var spec = (string?)o["kind"] switch
        {
            "Pod" => o["spec"] as JsonObject,
            "CronJob" => ((((o["spec"] as JsonObject)?["jobTemplate"] as JsonObject)?["spec"] as JsonObject)?["template"] as JsonObject)?["spec"] as JsonObject,
            "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" => ((o["spec"] as JsonObject)?["template"] as JsonObject)?["spec"] as JsonObject,
            _ => null,
        };
        var result = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var list in new[] { "initContainers", "containers" })
        {
            foreach (var container in (spec?[list] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                result[(list == "initContainers" ? "init:" : "") + (container["name"] is JsonValue name ? name.ToString() : "")] = container;
            }
        }
        return result;
    }

    /// <summary>The workload's replicas, when it sets them.</summary>
    public static string? Replicas(JsonObject o) =>
        (string?)o["kind"] is "Deployment" or "StatefulSet" or "ReplicaSet" ? ((o["spec"] as JsonObject)?["replicas"])?.ToJsonString() : null;

    /// <summary>Resources of a container as dotted leaves (requests.cpu = "1").</summary>
    public static SortedDictionary<string, string> Resources(JsonObject container)
    {
        var leaves = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (container["resources"] is JsonObject resources)
        {
            ValueKeys.Flatten(resources, "", leaves);
            leaves.Remove("");
        }
        return leaves;
    }

    /// <summary>Top-level-ish paths (two levels) where two objects differ: what changed in a changed object.</summary>
    public static IReadOnlyList<string> ChangedPaths(JsonObject before, JsonObject after)
    {
        var a = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var b = new SortedDictionary<string, string>(StringComparer.Ordinal);
        ValueKeys.Flatten(before, "", a);
        ValueKeys.Flatten(after, "", b);
        return a.Keys.Union(b.Keys).Where(k => !(a.TryGetValue(k, out var x) && b.TryGetValue(k, out var y) && x == y))
            .Select(k => string.Join('.', k.Split('.').Take(2)))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }
}
