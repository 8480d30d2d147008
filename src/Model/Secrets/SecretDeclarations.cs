namespace Lakehouse.Model.Secrets;

/// <summary>One key of a Secret the platform needs, and where its value comes from.</summary>
/// <param name="Namespace">The namespace of the components reading it.</param>
/// <param name="Secret">The Secret's name.</param>
/// <param name="Key">The key in the Secret.</param>
/// <param name="Source">Where the value comes from.</param>
public sealed record SecretDeclaration(string Namespace, string Secret, string Key, SecretSource Source)
{
    /// <summary>The Secret's type (kubernetes.io/basic-auth where a reader requires it); null for Opaque.</summary>
    public string? Type { get; init; }

    /// <summary>Labels the Secret carries (Argo CD reads a Secret referenced from its config only when labelled part-of argocd).</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

/// <summary>
/// The Secrets declared while one component describes itself, beside the references that read them:
/// <c>var key = context.Secrets.Declare(naming.Secret(Name, "secret-key"), "secret-key", SecretSource.Generate(...))</c>
/// returns the <see cref="SecretRef"/> to read. A provider declares what it hands a consumer in the consumer's
/// namespace (<see cref="DeclareIn"/>). The render gathers every component's declarations, renders them as
/// ExternalSecrets and fails on a SecretRef read without one (LH0160).
/// </summary>
public sealed class SecretDeclarations
{
    private readonly List<SecretDeclaration> _declared = [];
    private readonly object _gate = new();

    /// <summary>The namespace <see cref="Declare"/> declares in: the describing component's.</summary>
    public string Namespace { get; init; } = "";

    public IReadOnlyList<SecretDeclaration> Declared
    {
        get
        {
            lock (_gate)
            {
                return [.. _declared];
            }
        }
    }

    /// <summary>Declares key <paramref name="key"/> of Secret <paramref name="secret"/> in the describing component's namespace.</summary>
    public SecretRef Declare(string secret, string key, SecretSource source, string? type = null, IReadOnlyDictionary<string, string>? labels = null) =>
        DeclareIn(Namespace, secret, key, source, type, labels);

    /// <summary>Declares a key in <paramref name="ns"/> (a provider declaring what a consumer reads).</summary>
    public SecretRef DeclareIn(string ns, string secret, string key, SecretSource source, string? type = null, IReadOnlyDictionary<string, string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (ns.Length == 0)
        {
            throw new InvalidOperationException($"secret {secret}/{key} is declared outside a component's Describe (no namespace)");
        }
        var reference = SecretRef.Declared(secret, key);
        lock (_gate)
        {
            _declared.Add(new SecretDeclaration(ns, secret, key, source) { Type = type, Labels = labels });
        }
        return reference;
    }
}
