using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using NJsonSchema;

namespace Lakehouse.Tests.Hydration.Checks;

/// <summary>
/// Every object is valid. Core kinds: deserialized into KubernetesClient's k8s.Models type for their
/// apiVersion and kind with System.Text.Json's UnmappedMemberHandling.Disallow, which applies to every nested
/// type too, so an unknown or misspelled field at any depth, or a value of the wrong type, is an error.
/// Custom resources: validated with NJsonSchema against the openAPIV3Schema of their CRD (rendered by the
/// platform, or Argo CD's own), with unknown fields rejected where the schema does not preserve them, as the
/// API server's strict field validation does.
/// </summary>
internal static class ObjectSchemaCheck
{
    public const string Name = "schema";

    private static readonly JsonSerializerOptions Strict = new(KubernetesOptions()) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
    private static readonly Dictionary<string, JsonSchema> Schemas = new(StringComparer.Ordinal);

    /// <summary>k8s.Models types by "apiVersion|Kind".</summary>
    public static IReadOnlyDictionary<string, Type> CoreTypes { get; } = typeof(V1Pod).Assembly.GetTypes()
        .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(x => x.Entity is { Kind.Length: > 0 } && !x.Entity.Kind.EndsWith("List", StringComparison.Ordinal))
        .GroupBy(x => Key(x.Entity!.Group is { Length: > 0 } g ? $"{g}/{x.Entity.ApiVersion}" : x.Entity.ApiVersion, x.Entity.Kind))
        .ToDictionary(g => g.Key, g => g.First().Type, StringComparer.Ordinal);

    public static bool IsCore(string apiVersion, string kind) => CoreTypes.ContainsKey(Key(apiVersion, kind));

    public static IEnumerable<Finding> Check(IEnumerable<Manifest> objects, IReadOnlyList<JsonObject> crds)
    {
        var byKind = crds.GroupBy(c => ((string)c["spec"]!["group"]!, (string)c["spec"]!["names"]!["kind"]!)).ToDictionary(g => g.Key, g => g.First());
        var all = objects.ToList();
        foreach (var o in all)
        {
            if (CoreTypes.TryGetValue(Key(o.ApiVersion, o.Kind), out var type))
            {
                var error = Deserialize(o.Body, type);
                if (error is not null)
                {
                    yield return new Finding(Name, o.Application.Component, o.Id, $"not a valid {o.ApiVersion} {o.Kind}: {error}");
                }
                continue;
            }
            if (!byKind.TryGetValue((o.Group, o.Kind), out var crd) && UnobtainableCrds.Kinds.ContainsKey((o.Group, o.Kind)))
            {
                // Hand-written after upstream; no CRD here to check against (docs/secrets.md says so).
                continue;
            }
            if (crd is null && RuntimeInstalledKinds.Exempt(o, all))
            {
                // Kinds a rendered Crossplane provider package installs at run time (their CRDs are not obtainable here).
                continue;
            }
            if (crd is null)
            {
                yield return new Finding(Name, o.Application.Component, o.Id, $"{o.ApiVersion} {o.Kind} is neither a Kubernetes API type nor defined by a CRD the platform installs");
                continue;
            }
            var version = o.ApiVersion[(o.ApiVersion.IndexOf('/') + 1)..];
            var versionNode = crd["spec"]!["versions"]!.AsArray().FirstOrDefault(v => (string?)v!["name"] == version);
            if (versionNode is null || (bool?)versionNode["served"] == false)
            {
                yield return new Finding(Name, o.Application.Component, o.Id, $"CRD {crd["metadata"]!["name"]} does not serve version {version}");
                continue;
            }
            var schema = SchemaOf(versionNode["schema"]?["openAPIV3Schema"] as JsonObject ?? []);
            // The API server prunes null values of fields that are not nullable before it validates.
            foreach (var error in schema.Validate(WithoutNulls(o.Body)!.ToJsonString()).SelectMany(Innermost))
            {
                yield return new Finding(Name, o.Application.Component, o.Id, $"{error.Path}: {error.Kind}");
            }
        }
    }

    private static string? Deserialize(JsonObject body, Type type)
    {
        try
        {
            JsonSerializer.Deserialize(body, type, Strict);
            return null;
        }
        catch (JsonException e)
        {
            return $"{e.Path}: {e.Message}";
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
        {
            return e.Message;
        }
    }

    private static JsonSchema SchemaOf(JsonObject openApi)
    {
        var text = openApi.ToJsonString();
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        lock (Schemas)
        {
            if (Schemas.TryGetValue(key, out var cached))
            {
                return cached;
            }
        }
        var strict = (JsonObject)openApi.DeepClone();
        Structural(strict, root: true);
        var schema = JsonSchema.FromJsonAsync(strict.ToJsonString()).GetAwaiter().GetResult();
        lock (Schemas)
        {
            Schemas[key] = schema;
        }
        return schema;
    }

    /// <summary>
    /// Turns a structural CRD schema into JSON Schema with the API server's semantics: fields not declared are
    /// unknown (rejected) unless x-kubernetes-preserve-unknown-fields; OpenAPI's nullable allows null;
    /// apiVersion, kind and metadata are the API server's own.
    /// </summary>
    private static void Structural(JsonObject node, bool root)
    {
        if ((bool?)node["nullable"] == true && node["type"] is JsonValue type)
        {
            node["type"] = new JsonArray((string)type!, "null");
        }
        if (root)
        {
            var properties = node["properties"] as JsonObject ?? (JsonObject)(node["properties"] = new JsonObject());
            foreach (var own in new[] { "apiVersion", "kind", "metadata" })
            {
                properties[own] = new JsonObject();
            }
        }
        if (node["properties"] is JsonObject props)
        {
            if (node["additionalProperties"] is null && (bool?)node["x-kubernetes-preserve-unknown-fields"] != true)
            {
                node["additionalProperties"] = false;
            }
            foreach (var (_, child) in props)
            {
                if (child is JsonObject c)
                {
                    Structural(c, root: false);
                }
            }
        }
        foreach (var nested in new[] { "items", "additionalProperties" })
        {
            if (node[nested] is JsonObject n)
            {
                Structural(n, root: false);
            }
        }
        // allOf/anyOf/oneOf of a structural schema only constrain declared fields; they declare none.
    }

    /// <summary>The errors inside an array item's or a sub-schema's error, which name the actual field.</summary>
    private static IEnumerable<NJsonSchema.Validation.ValidationError> Innermost(NJsonSchema.Validation.ValidationError error) =>
        error is NJsonSchema.Validation.ChildSchemaValidationError child && child.Errors.Count > 0
            ? child.Errors.SelectMany(e => e.Value).SelectMany(Innermost)
            : [error];

    private static JsonNode? WithoutNulls(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, WithoutNulls(p.Value)))),
        JsonArray a => new JsonArray(a.Select(WithoutNulls).ToArray()),
        _ => node?.DeepClone(),
    };

    private static string Key(string apiVersion, string kind) => apiVersion + "|" + kind;

    private static JsonSerializerOptions KubernetesOptions()
    {
        JsonSerializerOptions? options = null;
        KubernetesJson.AddJsonOptions(o => options = o);
        return options ?? throw new InvalidOperationException("KubernetesClient did not expose its JSON options");
    }
}
