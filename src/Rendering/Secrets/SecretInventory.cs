using Lakehouse.Model.Secrets;

namespace Lakehouse.Rendering.Secrets;

/// <summary>
/// Every Secret one environment declares, resolved: each key either one value (stored, generated or plain) or a
/// template over such values. What the ExternalSecrets, docs/secrets/ENV.md and the hydration tests read.
/// </summary>
public sealed record SecretInventory(IReadOnlyList<PlannedSecret> Secrets, IReadOnlyList<GeneratedValue> Generated, IReadOnlyList<StoreEntry> Store)
{
    public static SecretInventory Empty { get; } = new([], [], []);

    /// <summary>How an operator addresses the external store in this environment (docs/secrets/ENV.md).</summary>
    public string StoreDescription { get; init; } = "";

    /// <summary>True when Secret <paramref name="name"/> is declared in namespace <paramref name="ns"/>.</summary>
    public bool Declares(string ns, string name) => Secrets.Any(s => s.Namespace == ns && s.Name == name);
}

/// <summary>One declared Secret: where it lives, its type, its keys and the component whose Application carries it.</summary>
public sealed record PlannedSecret(string Namespace, string Name, string? Type, IReadOnlyDictionary<string, ResolvedValue> Keys, string Owner)
{
    /// <summary>The labels the declarations of this Secret ask for, by key.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>The leaf values this Secret embeds, each once, in key order.</summary>
    public IEnumerable<SecretSource> Leaves => Keys.Values.SelectMany(v => v.Leaves).Distinct();
}

/// <summary>A key's value after following <see cref="SameValue"/>: a single leaf, or a template whose inputs are leaves.</summary>
public sealed record ResolvedValue(SecretSource? Leaf, string? Template, IReadOnlyDictionary<string, SecretSource> Inputs)
{
    public IEnumerable<SecretSource> Leaves => Leaf is not null ? [Leaf] : Inputs.Values;

    public bool Equals(ResolvedValue? other) => other is not null && Equals(Leaf, other.Leaf) && Template == other.Template
        && Inputs.Count == other.Inputs.Count && Inputs.All(i => other.Inputs.TryGetValue(i.Key, out var o) && Equals(o, i.Value));

    public override int GetHashCode() => HashCode.Combine(Leaf, Template, Inputs.Count);
}

/// <summary>A value an operator must put into the external store, where, and which Secrets embed it.</summary>
public sealed record StoreEntry(StoreValue Value, string Key, string Property, IReadOnlyList<string> EmbeddedIn);
