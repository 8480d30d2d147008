using System.Text.Json;
using System.Text.RegularExpressions;
using k8s.Models;
using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Model.Kubernetes.ExternalSecrets;
using Lakehouse.Model.Secrets;

namespace Lakehouse.Rendering.Secrets;

/// <summary>The External Secrets Operator objects of one environment's declared Secrets (hand-written records, not schema-checked).</summary>
internal sealed partial class ExternalSecretObjects(EnvironmentConfig config, Naming naming, ISecretStore store)
{
    /// <summary>One declared Secret: every key a Go template over the values it embeds, each read from its store.</summary>
    public ManifestObject ExternalSecret(PlannedSecret secret)
    {
        var templates = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in secret.Keys)
        {
            templates[key] = value.Leaf is { } leaf ? Expression(leaf) : Rewrite(value.Template!, value.Inputs);
        }
        var data = secret.Leaves.Where(l => l is not PlainValue).Select(Data).OrderBy(d => d.SecretKey, StringComparer.Ordinal).ToList();
        return EsoJson.Manifest(EsoJson.ApiVersion, "ExternalSecret", secret.Name, secret.Namespace, new ExternalSecretSpec
        {
            RefreshInterval = config.Secrets.RefreshInterval,
            Target = new ExternalSecretTarget
            {
                Name = secret.Name,
                Template = new ExternalSecretTemplate
                {
                    Type = secret.Type,
                    Data = templates,
                    Metadata = secret.Labels is { Count: > 0 } labels ? new ExternalSecretTemplateMetadata { Labels = labels } : null,
                },
            },
            Data = data.Count > 0 ? data : null,
        });
    }

    /// <summary>
    /// The generated values: one Password generator per shape, and per value one ExternalSecret that generates it
    /// once (refreshPolicy CreatedOnce) into the Secret the generated-values store reads; a Role lets that store's
    /// service account get exactly those Secrets.
    /// </summary>
    public IEnumerable<ManifestObject> GeneratedValues(IReadOnlyList<GeneratedValue> generated)
    {
        var ns = store.GeneratedNamespace(naming);
        foreach (var shape in generated.Select(g => g.Shape).Distinct().OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            yield return EsoJson.Manifest(EsoJson.GeneratorsApiVersion, "Password", shape.Name, ns,
                new PasswordSpec { Length = shape.Length, Digits = shape.Digits, Symbols = shape.Symbols, NoUpper = false, AllowRepeat = true });
        }
        foreach (var value in generated)
        {
            yield return EsoJson.Manifest(EsoJson.ApiVersion, "ExternalSecret", value.Id, ns, new ExternalSecretSpec
            {
                RefreshPolicy = "CreatedOnce",
                // Orphan: the value outlives its ExternalSecret (a prune or rename never rotates it by accident).
                Target = new ExternalSecretTarget { Name = value.Id, CreationPolicy = "Orphan" },
                DataFrom = [new ExternalSecretDataFrom { SourceRef = new SourceRef { GeneratorRef = new GeneratorRef(EsoJson.GeneratorsApiVersion, "Password", value.Shape.Name) } }],
            });
        }
        if (generated.Count == 0)
        {
            yield break;
        }
        yield return ManifestObject.From(new V1Role
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "Role",
            Metadata = new V1ObjectMeta { Name = ExternalSecretsOperator.GeneratedReader, NamespaceProperty = ns },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["secrets"], Verbs = ["get"], ResourceNames = [.. generated.Select(g => g.Id)] }],
        });
        yield return ManifestObject.From(new V1RoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "RoleBinding",
            Metadata = new V1ObjectMeta { Name = ExternalSecretsOperator.GeneratedReader, NamespaceProperty = ns },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = ExternalSecretsOperator.GeneratedReader },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = ExternalSecretsOperator.GeneratedReader, NamespaceProperty = ns }],
        });
    }

    private ExternalSecretData Data(SecretSource leaf) => leaf switch
    {
        StoreValue s => new ExternalSecretData
        {
            SecretKey = Variable(s),
            RemoteRef = Remote(store.Locate(naming, config, s)),
            SourceRef = new SourceRef { StoreRef = new StoreRef(store.ExternalStore(naming), "ClusterSecretStore") },
        },
        GeneratedValue g => new ExternalSecretData
        {
            SecretKey = Variable(g),
            RemoteRef = new RemoteRef(g.Id, "password"),
            SourceRef = new SourceRef { StoreRef = new StoreRef(store.GeneratedStore(naming), "ClusterSecretStore") },
        },
        _ => throw new InvalidOperationException($"{leaf.GetType().Name} is not read from a store"),
    };

    private static RemoteRef Remote((string Key, string Property) at) => new(at.Key, at.Property);

    /// <summary>The template variable of a stored or generated value: a Go identifier, the same in every ExternalSecret.</summary>
    internal static string Variable(SecretSource leaf) => leaf switch
    {
        StoreValue s => Identifier($"store_{s.Entry}_{s.Property}"),
        GeneratedValue g => Identifier($"generated_{g.Id}"),
        _ => throw new InvalidOperationException($"{leaf.GetType().Name} has no variable"),
    };

    private static string Identifier(string text) => NotIdentifier().Replace(text, "_");

    private static string Expression(SecretSource leaf) => leaf is PlainValue plain
        ? (plain.Text.Contains("{{", StringComparison.Ordinal) ? $"{{{{ {JsonSerializer.Serialize(plain.Text)} }}}}" : plain.Text)
        : $"{{{{ .{Variable(leaf)} }}}}";

    /// <summary>A template's own input names (.password) become the shared variables, a plain input its quoted text.</summary>
    private static string Rewrite(string template, IReadOnlyDictionary<string, SecretSource> inputs) =>
        Action().Replace(template, action =>
        {
            var text = action.Value;
            foreach (var (name, leaf) in inputs)
            {
                var replacement = leaf is PlainValue plain ? JsonSerializer.Serialize(plain.Text) : "." + Variable(leaf);
                text = Regex.Replace(text, $@"\.{Regex.Escape(name)}\b", replacement.Replace("$", "$$", StringComparison.Ordinal));
            }
            return text;
        });

    [GeneratedRegex("[^A-Za-z0-9_]")]
    private static partial Regex NotIdentifier();

    [GeneratedRegex(@"\{\{.*?\}\}", RegexOptions.Singleline)]
    private static partial Regex Action();
}
