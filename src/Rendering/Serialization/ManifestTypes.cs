using System.Text.Json.Serialization;
using k8s.Models;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Rendering.Serialization;

/// <summary>
/// Source-generated JSON metadata for every object type a render serializes (<see cref="ManifestObject.From{T}"/>):
/// the k8s.Models kinds the catalogue builds, and the metadata of the custom resources generated from CRDs (which
/// write the rest of themselves, <see cref="IManifestJson"/>). Here, beside the renderers, with the other types a
/// render needs. Metadata only: the options (the client's converters, null handling) are
/// <see cref="ManifestSerializer.Options"/>, so output is the same as by reflection. A new kind that is not listed
/// still renders correctly, through reflection, and fails <c>ManifestTypesTests</c>, which names it.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(V1ObjectMeta))]
[JsonSerializable(typeof(V1Namespace))]
[JsonSerializable(typeof(V1NetworkPolicy))]
[JsonSerializable(typeof(V1PodDisruptionBudget))]
[JsonSerializable(typeof(V1ConfigMap))]
[JsonSerializable(typeof(V1Role))]
[JsonSerializable(typeof(V1RoleBinding))]
[JsonSerializable(typeof(V1LimitRange))]
[JsonSerializable(typeof(V1ResourceQuota))]
[JsonSerializable(typeof(V1ServiceAccount))]
[JsonSerializable(typeof(V1Job))]
internal sealed partial class ManifestTypes : JsonSerializerContext
{
    private static int _registered;

    /// <summary>Puts this metadata ahead of reflection for every manifest of the process (once; cheap to call again).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            ManifestSerializer.Use(Default);
        }
    }
}
