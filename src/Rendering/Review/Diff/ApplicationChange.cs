using System.Text.Json.Nodes;
using Lakehouse.Rendering.Review.Hydration;

namespace Lakehouse.Rendering.Review.Diff;

/// <summary>What changes for one Application of one environment between base and head, as summary lines.</summary>
internal sealed record ApplicationChange(string Environment, string Component, string Status, IReadOnlyList<string> Lines)
{
    /// <summary>True when a side's chart could not be hydrated here (its objects are not compared).</summary>
    public bool NotHydrated { get; init; }

    /// <summary>Compares one Application; either side may be absent (added or removed).</summary>
    public static ApplicationChange Compare(
        string environment, string component,
        ArgoApplication? before, string baseRoot, HydratedObjects? beforeObjects,
        ArgoApplication? after, string headRoot, HydratedObjects? afterObjects)
    {
        var lines = new List<string>();
        var status = before is null ? "added" : after is null ? "removed" : "changed";
        var chartBefore = before?.Chart is { } cb ? $"{cb.Name} {cb.Version}" : null;
        var chartAfter = after?.Chart is { } ca ? $"{ca.Name} {ca.Version}" : null;
        if (chartBefore != chartAfter)
        {
            lines.Add($"Chart: {Code(chartBefore)} → {Code(chartAfter)}");
        }

        var valuesBefore = before is null ? new SortedDictionary<string, string>() : ValueKeys.Of(baseRoot, before);
        var valuesAfter = after is null ? new SortedDictionary<string, string>() : ValueKeys.Of(headRoot, after);
        foreach (var key in valuesAfter.Keys.Except(valuesBefore.Keys))
        {
            lines.Add($"Value added: `{key}` = {Code(Short(valuesAfter[key]))}");
        }
        foreach (var key in valuesBefore.Keys.Except(valuesAfter.Keys))
        {
            lines.Add($"Value removed: `{key}` (was {Code(Short(valuesBefore[key]))})");
        }
        foreach (var key in valuesBefore.Keys.Intersect(valuesAfter.Keys).Where(k => valuesBefore[k] != valuesAfter[k]))
        {
            lines.Add($"Value changed: `{key}`: {Code(Short(valuesBefore[key]))} → {Code(Short(valuesAfter[key]))}");
        }

        var notHydrated = beforeObjects is { Hydrated: false } || afterObjects is { Hydrated: false };
        // Byte-identical hydrated output on both sides: nothing to read or compare.
        var identical = beforeObjects is not null && afterObjects is not null && beforeObjects.Fingerprint == afterObjects.Fingerprint;
        var objectsBefore = identical ? [] : ById(beforeObjects);
        var objectsAfter = identical ? [] : ById(afterObjects);
        foreach (var id in objectsAfter.Keys.Except(objectsBefore.Keys))
        {
            lines.Add($"Object added: `{id}`");
            Workload(lines, id, null, objectsAfter[id]);
        }
        foreach (var id in objectsBefore.Keys.Except(objectsAfter.Keys))
        {
            lines.Add($"Object removed: `{id}`");
        }
        foreach (var id in objectsBefore.Keys.Intersect(objectsAfter.Keys))
        {
            var (a, b) = (objectsBefore[id], objectsAfter[id]);
            if (JsonNode.DeepEquals(a, b))
            {
                continue;
            }
            var redactedPaths = ObjectFacts.ChangedPaths(ObjectFacts.Redact(a), ObjectFacts.Redact(b));
            var secretKeys = a["kind"] is JsonValue kind && kind.ToString() == "Secret" ? ObjectFacts.SecretKeysChanged(a, b) : [];
            var what = redactedPaths.Concat(secretKeys.Select(k => $"{k} (value redacted)")).Distinct(StringComparer.Ordinal).ToList();
            lines.Add($"Object changed: `{id}` ({string.Join(", ", what.Take(8))}{(what.Count > 8 ? ", …" : "")})");
            Workload(lines, id, a, b);
        }
        if (!identical)
        {
            foreach (var error in (beforeObjects?.Errors ?? []).Select(e => "base: " + e).Concat((afterObjects?.Errors ?? []).Select(e => "head: " + e)))
            {
                lines.Add($"Hydration error: {Short(error, 300)}");
            }
        }
        return new ApplicationChange(environment, component, lines.Count == 0 && status == "changed" ? "unchanged" : status, lines) { NotHydrated = notHydrated };
    }

    /// <summary>Images, replicas and resources of a workload, before and after (before null: added).</summary>
    private static void Workload(List<string> lines, string id, JsonObject? before, JsonObject after)
    {
        var replicasBefore = before is null ? null : ObjectFacts.Replicas(before);
        var replicasAfter = ObjectFacts.Replicas(after);
        if (replicasAfter != replicasBefore && replicasAfter is not null)
        {
            lines.Add($"  Replicas of `{id}`: {Code(replicasBefore)} → {Code(replicasAfter)}");
        }
        IReadOnlyDictionary<string, JsonObject> containersBefore = before is null ? new Dictionary<string, JsonObject>() : ObjectFacts.Containers(before);
        foreach (var (name, container) in ObjectFacts.Containers(after))
        {
            containersBefore.TryGetValue(name, out var old);
            var image = container["image"] is JsonValue i ? i.ToString() : null;
            var oldImage = old?["image"] is JsonValue o ? o.ToString() : null;
            if (image != oldImage)
            {
                lines.Add($"  Image of `{id}` container `{name}`: {Code(oldImage)} → {Code(image)}");
            }
            var resources = ObjectFacts.Resources(container);
            var oldResources = old is null ? new SortedDictionary<string, string>() : ObjectFacts.Resources(old);
            var changed = resources.Keys.Union(oldResources.Keys).Order(StringComparer.Ordinal)
                .Where(k => !(resources.TryGetValue(k, out var x) && oldResources.TryGetValue(k, out var y) && x == y))
                .Select(k => $"{k} {(oldResources.TryGetValue(k, out var y) ? Unquote(y) : "–")} → {(resources.TryGetValue(k, out var x) ? Unquote(x) : "–")}")
                .ToList();
            if (changed.Count > 0)
            {
                lines.Add($"  Resources of `{id}` container `{name}`: {string.Join("; ", changed)}");
            }
        }
    }

    private static SortedDictionary<string, JsonObject> ById(HydratedObjects? objects)
    {
        var result = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var o in objects?.Objects ?? [])
        {
            result.TryAdd(ObjectFacts.Id(o), o);
        }
        return result;
    }

    private static string Unquote(string json) => json.Length >= 2 && json[0] == '"' ? json[1..^1] : json;

    private static string Code(string? text) => text is null ? "(none)" : $"`{text.Replace("`", "'", StringComparison.Ordinal)}`";

    private static string Short(string text, int max = 80) => text.Length <= max ? text : text[..max] + "…";
}
