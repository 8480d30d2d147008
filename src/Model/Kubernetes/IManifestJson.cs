using System.Text.Json.Nodes;

namespace Lakehouse.Model.Kubernetes;

/// <summary>
/// An object that writes its own API JSON: the custom resources generated from CRDs (Lakehouse.Generators emits
/// their ToJson member by member, as it does for chart values). <see cref="ManifestObject.From{T}"/> uses it
/// instead of the serializer, whose metadata for those types (about fifteen enums, each a set of generic
/// methods compiled on first use) cost every process most of its JIT time (docs/performance.md).
/// </summary>
public interface IManifestJson
{
    /// <summary>The object as the serializer would write it: declared members in order, unset ones left out, extra keys last.</summary>
    JsonObject ToJson();
}
