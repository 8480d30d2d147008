using System.Text.RegularExpressions;
using Lakehouse.Model;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Model.Secrets;
using Lakehouse.Rendering.Pipeline;

namespace Lakehouse.Rendering.Secrets;

/// <summary>What one component declared and read while it described itself.</summary>
internal sealed record DescribedSecrets(ComponentRender Render, IReadOnlyList<SecretDeclaration> Declared, IReadOnlyList<SecretRef> Reads);

/// <summary>
/// Gathers every component's Secret declarations in one environment, checks them (LH0160-LH0164), resolves each
/// key to the value it follows, and renders the External Secrets Operator objects: one ExternalSecret per declared
/// Secret in the Application of the component (or workspace) owning its namespace, and for each generated value one Password
/// generator per shape and one ExternalSecret generating it once in the store component's namespace.
/// </summary>
internal static partial class SecretPlan
{
    /// <summary>
    /// The planned objects by component (or workspace) name, and the inventory; null objects when a rule failed.
    /// <paramref name="workspaceNamespaces"/> maps each workspace's namespace to the workspace's name: a provider may
    /// declare a Secret a workspace's workloads read there (its catalog credential), rendered in the workspace's own Application.
    /// </summary>
    public static (Dictionary<string, List<ManifestObject>> Objects, SecretInventory Inventory) Build(
        EnvironmentConfig config, Naming naming, IReadOnlyList<DescribedSecrets> described, IReadOnlyCollection<string> externalNamespaces,
        IReadOnlyDictionary<string, string> workspaceNamespaces, List<Diagnostic> diagnostics)
    {
        var before = diagnostics.Count;
        var objects = new Dictionary<string, List<ManifestObject>>(StringComparer.Ordinal);
        var where = $"in environment '{config.Name}'";
        var owners = new Dictionary<string, ComponentRender>(StringComparer.Ordinal);
        foreach (var d in described)
        {
            owners.TryAdd(d.Render.Spec.Namespace, d.Render);
        }
        // Who renders a namespace's ExternalSecrets: the component deploying it, else the workspace it belongs to.
        var ownerNames = owners.ToDictionary(o => o.Key, o => o.Value.Name, StringComparer.Ordinal);
        foreach (var (ns, workspace) in workspaceNamespaces)
        {
            ownerNames.TryAdd(ns, workspace);
        }

        // One source per key: the same declaration made twice (a provider answering twice) is one.
        var keys = new Dictionary<(string Ns, string Secret, string Key), (SecretDeclaration Declaration, ComponentRender By)>();
        var types = new Dictionary<(string Ns, string Secret), string?>();
        var labels = new Dictionary<(string Ns, string Secret), SortedDictionary<string, string>>();
        foreach (var d in described)
        {
            foreach (var declaration in d.Declared)
            {
                foreach (var (name, value) in declaration.Labels ?? new Dictionary<string, string>())
                {
                    var of = (declaration.Namespace, declaration.Secret);
                    (labels.TryGetValue(of, out var set) ? set : labels[of] = new(StringComparer.Ordinal))[name] = value;
                }
                var id = (declaration.Namespace, declaration.Secret, declaration.Key);
                if (keys.TryGetValue(id, out var first))
                {
                    if (!Equals(first.Declaration.Source, declaration.Source) || first.Declaration.Type != declaration.Type)
                    {
                        diagnostics.Add(new Diagnostic(Rules.SecretDeclaredTwice, d.Render.Placed.Location,
                            $"component '{d.Render.Name}' {where} declares secret {declaration.Namespace}/{declaration.Secret} key '{declaration.Key}' from {Show(declaration.Source)}, but component '{first.By.Name}' declared it from {Show(first.Declaration.Source)}; one key has one source"));
                    }
                    continue;
                }
                keys[id] = (declaration, d.Render);
                if (declaration.Type is not null)
                {
                    types[(declaration.Namespace, declaration.Secret)] = declaration.Type;
                }
                // A provider answering an external consumer (the JDBC catalog's database) declares into a namespace
                // nothing runs in: kept for what follows it, not rendered.
                if (!ownerNames.ContainsKey(declaration.Namespace) && !externalNamespaces.Contains(declaration.Namespace))
                {
                    diagnostics.Add(new Diagnostic(Rules.SecretOutsideComponents, d.Render.Placed.Location,
                        $"component '{d.Render.Name}' {where} declares secret {declaration.Namespace}/{declaration.Secret}, but no component of the platform deploys namespace '{declaration.Namespace}'"));
                }
            }
        }

        // Every reference read is declared in the reader's namespace.
        foreach (var d in described)
        {
            foreach (var read in d.Reads.Distinct())
            {
                if (!keys.ContainsKey((d.Render.Spec.Namespace, read.SecretName, read.Key)))
                {
                    diagnostics.Add(new Diagnostic(Rules.SecretNotDeclared, d.Render.Placed.Location,
                        $"component '{d.Render.Name}' {where} reads {read} in namespace '{d.Render.Spec.Namespace}', which no component declares; declare it beside the SecretRef: context.Secrets.Declare(\"{read.SecretName}\", \"{read.Key}\", SecretSource.Store(...) or .Generate(...) or .Template(...))"));
                }
            }
        }

        var store = described.Select(d => d.Render).FirstOrDefault(r => r.Placed.Component is ISecretStore);
        if (keys.Count > 0 && store is null)
        {
            diagnostics.Add(new Diagnostic(Rules.NoSecretStore, keys.Values.First().By.Placed.Location,
                $"the platform {where} declares {keys.Select(k => (k.Key.Ns, k.Key.Secret)).Distinct().Count()} Secrets but has no secret store component; add the External Secrets Operator: platform.Add(new ExternalSecretsOperator(\"external-secrets\"))"));
        }

        // Resolve every key to what it follows.
        var resolved = new Dictionary<(string Ns, string Secret, string Key), ResolvedValue>();
        foreach (var (id, (declaration, by)) in keys.OrderBy(k => k.Key))
        {
            if (Resolve(declaration.Namespace, declaration.Source, keys, 0, out var value, out var problem))
            {
                resolved[id] = value;
            }
            else
            {
                diagnostics.Add(new Diagnostic(Rules.SecretSourceUnresolved, by.Placed.Location,
                    $"component '{by.Name}' {where} declares secret {declaration.Namespace}/{declaration.Secret} key '{declaration.Key}': {problem}"));
            }
        }

        var generated = resolved.Where(r => ownerNames.ContainsKey(r.Key.Ns)).Select(r => r.Value).SelectMany(v => v.Leaves).OfType<GeneratedValue>().Distinct().OrderBy(g => g.Id, StringComparer.Ordinal).ToList();
        foreach (var clash in generated.GroupBy(g => g.Id).Where(g => g.Count() > 1))
        {
            diagnostics.Add(new Diagnostic(Rules.SecretDeclaredTwice, store?.Placed.Location ?? keys.Values.First().By.Placed.Location,
                $"generated value '{clash.Key}' {where} is declared with different shapes ({string.Join(", ", clash.Select(g => g.Shape.Name))}); a value is generated once"));
        }
        if (diagnostics.Count > before || store is null)
        {
            return (objects, SecretInventory.Empty);
        }

        var provider = (ISecretStore)store.Placed.Component;
        var planned = resolved.Where(r => ownerNames.ContainsKey(r.Key.Ns)).GroupBy(r => (r.Key.Ns, r.Key.Secret))
            .OrderBy(g => g.Key.Ns, StringComparer.Ordinal).ThenBy(g => g.Key.Secret, StringComparer.Ordinal)
            .Select(g => new PlannedSecret(g.Key.Ns, g.Key.Secret, types.GetValueOrDefault(g.Key),
                new SortedDictionary<string, ResolvedValue>(g.ToDictionary(r => r.Key.Key, r => r.Value), StringComparer.Ordinal), ownerNames[g.Key.Ns])
                { Labels = labels.GetValueOrDefault(g.Key) })
            .ToList();
        var objectsOf = new ExternalSecretObjects(config, naming, provider);
        foreach (var secret in planned)
        {
            Add(objects, secret.Owner, objectsOf.ExternalSecret(secret));
        }
        foreach (var o in objectsOf.GeneratedValues(generated))
        {
            Add(objects, store.Name, o);
        }
        var storeEntries = planned.SelectMany(s => s.Leaves.OfType<StoreValue>().Select(v => (Value: v, Secret: $"{s.Namespace}/{s.Name}")))
            .GroupBy(e => e.Value)
            .Select(g => (g.Key, Where: provider.Locate(naming, config, g.Key), Secrets: g.Select(e => e.Secret).Distinct().Order(StringComparer.Ordinal).ToList()))
            .OrderBy(e => e.Where.Key, StringComparer.Ordinal).ThenBy(e => e.Where.Property, StringComparer.Ordinal)
            .Select(e => new StoreEntry(e.Key, e.Where.Key, e.Where.Property, e.Secrets))
            .ToList();
        return (objects, new SecretInventory(planned, generated, storeEntries) { StoreDescription = provider.Describe(naming, config) });
    }

    private static void Add(Dictionary<string, List<ManifestObject>> objects, string component, ManifestObject o)
    {
        if (!objects.TryGetValue(component, out var list))
        {
            objects[component] = list = [];
        }
        list.Add(o);
    }

    private static bool Resolve(string ns, SecretSource source, Dictionary<(string, string, string), (SecretDeclaration Declaration, ComponentRender By)> keys, int depth,
        out ResolvedValue value, out string problem)
    {
        value = null!;
        problem = "";
        switch (source)
        {
            case SameValue same when depth > 8:
                problem = $"following {same.Secret} goes round in a circle";
                return false;
            case SameValue same:
                var from = same.Namespace ?? ns;
                if (!keys.TryGetValue((from, same.Secret.SecretName, same.Secret.Key), out var target))
                {
                    problem = $"it follows {same.Secret}, which is not declared in namespace '{from}'";
                    return false;
                }
                return Resolve(from, target.Declaration.Source, keys, depth + 1, out value, out problem);
            case TemplateValue template:
                var inputs = new SortedDictionary<string, SecretSource>(StringComparer.Ordinal);
                foreach (var (name, input) in template.Inputs)
                {
                    if (!Resolve(ns, input, keys, depth + 1, out var inner, out problem))
                    {
                        return false;
                    }
                    if (inner.Leaf is null)
                    {
                        problem = $"template input '{name}' is itself a template; give the template the inputs of that one";
                        return false;
                    }
                    inputs[name] = inner.Leaf;
                }
                var unused = inputs.Keys.Where(n => !Regex.IsMatch(template.Text, $@"\.{Regex.Escape(n)}\b")).ToList();
                if (unused.Count > 0)
                {
                    problem = $"the template does not use its input(s) {string.Join(", ", unused)}";
                    return false;
                }
                value = new ResolvedValue(null, template.Text, inputs);
                return true;
            default:
                value = new ResolvedValue(source, null, new Dictionary<string, SecretSource>());
                return true;
        }
    }

    internal static string Show(SecretSource source) => source switch
    {
        StoreValue s => $"the store entry '{s.Entry}' property '{s.Property}'",
        GeneratedValue g => $"the generated value '{g.Id}'",
        PlainValue => "a plain value",
        SameValue same => $"the same value as {same.Secret}",
        TemplateValue => "a template",
        _ => source.GetType().Name,
    };
}
