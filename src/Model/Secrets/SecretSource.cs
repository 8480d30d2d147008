using Lakehouse.Model.Checks;

namespace Lakehouse.Model.Secrets;

/// <summary>
/// Where the value of one key of a declared Secret comes from. The render turns every declared Secret into an
/// External Secrets Operator ExternalSecret (docs/secrets.md); nothing here ever holds a secret value.
/// </summary>
public abstract record SecretSource
{
    /// <summary>An operator puts the value into the environment's external store (docs/secrets/ENV.md lists each).</summary>
    /// <param name="entry">The store entry, a DNS-1123 label (Vault path / AWS secret name below the environment's prefix, or a Secret in the store namespace).</param>
    /// <param name="property">The key inside that entry.</param>
    /// <param name="description">What the operator puts there, for docs/secrets/ENV.md.</param>
    public static StoreValue Store(string entry, string property, string description) => new(entry, property, description);

    /// <summary>A value the platform generates once (ESO Password generator) and shares wherever it is declared.</summary>
    /// <param name="id">Unique in the environment: the name of the one Secret holding it (DNS-1123 label).</param>
    /// <param name="shape">Its generator's parameters (default: <see cref="PasswordShape.Password"/>).</param>
    public static GeneratedValue Generate(string id, PasswordShape? shape = null) => new(id, shape ?? PasswordShape.Password);

    /// <summary>A value that is not secret (a user name), written as is.</summary>
    public static PlainValue Plain(string text) => new(text);

    /// <summary>
    /// The same value as another declared key (<paramref name="secret"/>, in <paramref name="ns"/> or else the
    /// declaring namespace): followed, never copied by hand.
    /// </summary>
    public static SameValue SameAs(SecretRef secret, string? ns = null) => new(secret, ns);

    /// <summary>
    /// A value assembled from others (ESO target.template, Go template with Sprig functions): each input is
    /// named in <paramref name="template"/> as <c>{{ .NAME }}</c>; the inputs may not be templates themselves.
    /// </summary>
    public static TemplateValue Template(string template, params (string Name, SecretSource Source)[] inputs) =>
        new(template, inputs.ToDictionary(i => i.Name, i => i.Source, StringComparer.Ordinal));
}

/// <summary>A value an operator puts into the external store at <see cref="Entry"/>, key <see cref="Property"/>.</summary>
public sealed record StoreValue : SecretSource
{
    public StoreValue(string entry, string property, string description)
    {
        if (!DnsName.IsLabel(entry))
        {
            throw new ArgumentException($"store entry '{entry}' is not a DNS-1123 label", nameof(entry));
        }
        if (string.IsNullOrWhiteSpace(property) || string.IsNullOrWhiteSpace(description))
        {
            throw new ArgumentException($"store entry '{entry}' needs a property and a description");
        }
        (Entry, Property, Description) = (entry, property, description);
    }

    public string Entry { get; }

    public string Property { get; }

    public string Description { get; }
}

/// <summary>A value generated once into the secret store component's namespace, as Secret <see cref="Id"/>, key "password".</summary>
public sealed record GeneratedValue : SecretSource
{
    public GeneratedValue(string id, PasswordShape shape)
    {
        if (!DnsName.IsLabel(id))
        {
            throw new ArgumentException($"generated value id '{id}' is not a DNS-1123 label", nameof(id));
        }
        (Id, Shape) = (id, shape);
    }

    public string Id { get; }

    public PasswordShape Shape { get; }
}

/// <summary>A value that is not a secret.</summary>
public sealed record PlainValue(string Text) : SecretSource;

/// <summary>The value of another declared key, in <see cref="Namespace"/> or else the declaring namespace.</summary>
public sealed record SameValue(SecretRef Secret, string? Namespace = null) : SecretSource;

/// <summary>A Go template over named inputs.</summary>
public sealed record TemplateValue(string Text, IReadOnlyDictionary<string, SecretSource> Inputs) : SecretSource
{
    public bool Equals(TemplateValue? other) => other is not null && Text == other.Text
        && Inputs.Count == other.Inputs.Count && Inputs.All(i => other.Inputs.TryGetValue(i.Key, out var o) && Equals(o, i.Value));

    public override int GetHashCode() => HashCode.Combine(Text, Inputs.Count);
}

/// <summary>
/// Parameters of an ESO Password generator (generators.external-secrets.io/v1alpha1 Password): length,
/// digits and symbols. One generator object exists per shape; every generated value names its shape.
/// </summary>
public sealed record PasswordShape(string Name, int Length, int Digits, int Symbols)
{
    /// <summary>Internal passwords: 32 characters, letters and digits only, safe in URLs, pgpass and config files.</summary>
    public static PasswordShape Password { get; } = new("password", 32, 8, 0);

    /// <summary>S3 access keys of the in-cluster object stores: 20 characters (MinIO's limit for an access key).</summary>
    public static PasswordShape AccessKey { get; } = new("access-key", 20, 6, 0);

    /// <summary>S3 secret keys of the in-cluster object stores: 40 characters (MinIO's limit for a secret key).</summary>
    public static PasswordShape SecretKey { get; } = new("secret-key", 40, 10, 0);

    /// <summary>Signing keys (Flask SECRET_KEY, JWT secrets): 64 characters, letters and digits.</summary>
    public static PasswordShape SigningKey { get; } = new("signing-key", 64, 16, 0);
}
