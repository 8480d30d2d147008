using System.Text.Json.Nodes;
using k8s.Models;

namespace Lakehouse.Model.Kubernetes;

/// <summary>
/// An object's metadata as JSON, written directly for what a render sets (name, namespace, labels, annotations,
/// finalizers) and through <see cref="ManifestSerializer"/> for anything else: the generated custom resources
/// (Applications, AppProjects, monitors) each carry one, and the serializer's round trip through UTF-8 and a
/// parsed document was most of what writing them cost. The members come in the serializer's order, so both
/// paths write the same JSON (ObjectMetaJsonTests compares them).
/// </summary>
public static class ObjectMetaJson
{
    public static JsonNode? Of(V1ObjectMeta metadata)
    {
        if (metadata.CreationTimestamp is not null || metadata.DeletionGracePeriodSeconds is not null || metadata.DeletionTimestamp is not null
            || metadata.GenerateName is not null || metadata.Generation is not null || metadata.ManagedFields is not null
            || metadata.OwnerReferences is not null || metadata.ResourceVersion is not null || metadata.SelfLink is not null || metadata.Uid is not null)
        {
            return ManifestSerializer.Node(metadata);
        }
        var json = new JsonObject();
        if (metadata.Annotations is { } annotations)
        {
            json["annotations"] = Map(annotations);
        }
        if (metadata.Finalizers is { } finalizers)
        {
            json["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode?)JsonValue.Create(f))]);
        }
        if (metadata.Labels is { } labels)
        {
            json["labels"] = Map(labels);
        }
        if (metadata.Name is { } name)
        {
            json["name"] = name;
        }
        if (metadata.NamespaceProperty is { } ns)
        {
            json["namespace"] = ns;
        }
        return json;
    }

    private static JsonObject Map(IDictionary<string, string> entries)
    {
        var map = new JsonObject();
        foreach (var (key, value) in entries)
        {
            map[key] = value;
        }
        return map;
    }
}
