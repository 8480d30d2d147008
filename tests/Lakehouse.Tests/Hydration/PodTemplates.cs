using System.Text.Json.Nodes;

namespace Lakehouse.Tests.Hydration;

/// <summary>A pod template inside a workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob) or a Pod.</summary>
internal sealed record PodTemplate(Manifest Owner, JsonObject Labels, JsonObject Spec)
{
    /// <summary>Init, regular and ephemeral containers, each with the field it stands in.</summary>
    public IEnumerable<(string Field, JsonObject Container)> Containers =>
        new[] { "initContainers", "containers", "ephemeralContainers" }
            .SelectMany(name => (Spec[name]?.AsArray().OfType<JsonObject>() ?? []).Select(c => (name, c)));

    public static IEnumerable<PodTemplate> Of(IEnumerable<Manifest> objects)
    {
        foreach (var o in objects)
        {
            var template = o.Kind switch
            {
                "Pod" => o.Body,
                "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" => o.Body["spec"]?["template"] as JsonObject,
                "CronJob" => o.Body["spec"]?["jobTemplate"]?["spec"]?["template"] as JsonObject,
                _ => null,
            };
            if (template?["spec"] is JsonObject spec)
            {
                yield return new PodTemplate(o, template["metadata"]?["labels"] as JsonObject ?? [], spec);
            }
        }
    }
}

/// <summary>Kubernetes label selectors (matchLabels and matchExpressions).</summary>
internal static class Selectors
{
    public static bool Matches(JsonNode? selector, JsonObject labels)
    {
        if (selector is not JsonObject s)
        {
            return false;
        }
        foreach (var (key, value) in s["matchLabels"] as JsonObject ?? [])
        {
            if ((string?)labels[key] != (string?)value)
            {
                return false;
            }
        }
        foreach (var e in s["matchExpressions"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var key = (string)e["key"]!;
            var values = (e["values"]?.AsArray() ?? []).Select(v => (string?)v).ToList();
            var has = labels.ContainsKey(key);
            var ok = (string?)e["operator"] switch
            {
                "In" => has && values.Contains((string?)labels[key]),
                "NotIn" => !has || !values.Contains((string?)labels[key]),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }
}
