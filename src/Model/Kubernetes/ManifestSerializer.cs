using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using k8s;

namespace Lakehouse.Model.Kubernetes;

/// <summary>
/// The serializer behind every manifest (<see cref="ManifestObject.From{T}"/>): the Kubernetes client's own
/// options (its converters for IntOrString, quantities, dates), with type metadata from source-generated
/// contexts first and reflection last. Reflection builds the metadata of a type the first time a process
/// serializes it (and emits code for its members), under a lock the other cores wait on: for the k8s.Models
/// and CRD types of a render that was about a third of a second of every process (docs/performance.md).
/// The contexts live where the types are visible to the JSON source generator (the CRD types are themselves
/// generated, so their context is in Lakehouse.Rendering) and are registered here by <see cref="Use"/>.
/// Both paths write the same JSON; a type still resolved by reflection is listed in
/// <see cref="ReflectedTypes"/>, which a test keeps empty for everything a render serializes.
/// </summary>
public static class ManifestSerializer
{
    private static readonly MetadataChain Chain = new();

    /// <summary>The options every manifest is serialized with.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Types whose metadata came from reflection in this process (the slow path), in no order.</summary>
    public static IReadOnlyCollection<Type> ReflectedTypes => [.. Chain.Reflected.Keys];

    /// <summary>An object's JSON tree through these options (the metadata of a generated custom resource, for one).</summary>
    public static JsonNode? Node<T>(T value) => JsonSerializer.SerializeToNode(value, Options.GetTypeInfo(typeof(T)));

    /// <summary>
    /// Adds source-generated metadata (a JsonSerializerContext) ahead of reflection. Safe at any time: a type
    /// already resolved keeps the metadata it got, which writes the same JSON.
    /// </summary>
    public static void Use(IJsonTypeInfoResolver generated) => Chain.Add(generated);

    private static JsonSerializerOptions CreateOptions()
    {
        JsonSerializerOptions? client = null;
        KubernetesJson.AddJsonOptions(o => client = o);
        if (client is null)
        {
            throw new InvalidOperationException("KubernetesClient did not expose its JSON options");
        }
        // A copy: the client's converters, naming and null handling, with this chain as the only resolver.
        return new JsonSerializerOptions(client) { TypeInfoResolver = Chain };
    }

    /// <summary>Registered contexts in order, then reflection (recording each type it had to resolve).</summary>
    private sealed class MetadataChain : IJsonTypeInfoResolver
    {
        private readonly DefaultJsonTypeInfoResolver _reflection = new();
        private IJsonTypeInfoResolver[] _generated = [];

        public ConcurrentDictionary<Type, bool> Reflected { get; } = new();

        public void Add(IJsonTypeInfoResolver resolver)
        {
            lock (this)
            {
                if (!_generated.Contains(resolver))
                {
                    Volatile.Write(ref _generated, [.. _generated, resolver]);
                }
            }
        }

        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
        {
            foreach (var resolver in Volatile.Read(ref _generated))
            {
                if (resolver.GetTypeInfo(type, options) is { } generated)
                {
                    return generated;
                }
            }
            Reflected.TryAdd(type, true);
            return _reflection.GetTypeInfo(type, options);
        }
    }
}
