using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Lakehouse.Model.Kubernetes;

/// <summary>
/// One Kubernetes object as the renderer writes it. Built from k8s.Models types (or, for custom resources
/// without a k8s.Models type, from a JSON body) so field names and nesting are those of the API.
/// </summary>
public sealed record ManifestObject(string ApiVersion, string Kind, string Name, string? Namespace, JsonObject Body)
{
    /// <summary>Kind and name, the identity used for file names and patches.</summary>
    public string Id => $"{Kind}/{Name}";

    public static ManifestObject From<T>(T value) where T : IKubernetesObject<V1ObjectMeta>
    {
        var body = value is IManifestJson own
            ? own.ToJson()
            : JsonSerializer.SerializeToNode(value, value.GetType(), ManifestSerializer.Options)!.AsObject();
        return new ManifestObject(value.ApiVersion, value.Kind, value.Metadata.Name, value.Metadata.NamespaceProperty, body);
    }

    public static ManifestObject FromJson(JsonObject body)
    {
        var metadata = body["metadata"]!.AsObject();
        return new ManifestObject(
            (string)body["apiVersion"]!, (string)body["kind"]!, (string)metadata["name"]!,
            (string?)metadata["namespace"], body);
    }
}
