namespace Lakehouse.Model.Contracts;

/// <summary>
/// Marks an interface as a contract: a capability one component offers and others consume. The model
/// connects each consumer to the one component in the environment that offers what it needs; sync
/// waves follow those connections. No provider, or more than one without a name, is a build error.
/// </summary>
public interface IContract;

/// <summary>Human name of a contract, used in diagnostics ("S3-compatible object storage").</summary>
[AttributeUsage(AttributeTargets.Interface)]
public sealed class ContractAttribute(string description) : Attribute
{
    public string Description { get; } = description;
}

/// <summary>
/// What a component consumes: a contract, optionally from a named provider when several offer it.
/// An optional need is connected when some component offers it and silently left open otherwise
/// (lineage, say: wired in when the platform has a lineage backend).
/// </summary>
public sealed record Need(Type Contract, string? Provider = null, bool Optional = false)
{
    public static Need Of<T>(string? provider = null) where T : IContract => new(typeof(T), provider);

    public static Need OptionalOf<T>(string? provider = null) where T : IContract => new(typeof(T), provider, Optional: true);

    public string Description =>
        Contract.GetCustomAttributes(typeof(ContractAttribute), false) is [ContractAttribute a, ..] ? a.Description : Contract.Name;
}

/// <summary>An S3-compatible object store other components use through the S3 API only.</summary>
[Contract("S3-compatible object storage")]
public interface IObjectStorage : IContract
{
    string Name { get; }

    /// <summary>The S3 API endpoint as consumers reach it.</summary>
    Endpoint S3Endpoint(ComponentContext context);

    /// <summary>Region clients sign requests for.</summary>
    string Region(ComponentContext context);

    /// <summary>True when buckets are addressed by path (MinIO, SeaweedFS), false for virtual hosts (Amazon S3).</summary>
    bool PathStyleAccess(ComponentContext context);

    /// <summary>The environment's name of a bucket declared on this store; throws when it is not declared.</summary>
    string Bucket(ComponentContext context, string purpose);

    /// <summary>The S3 credentials a consumer uses, as references to a Secret in the consumer's namespace.</summary>
    S3Credentials CredentialsFor(ComponentContext context, string consumer);
}

/// <summary>S3 access key and secret key of one consumer; null where the consumer's identity is its service account (IRSA).</summary>
public sealed record S3Credentials(SecretRef? AccessKey, SecretRef? SecretKey);

/// <summary>An Apache Iceberg catalog; how clients connect depends on the backend chosen in env/.</summary>
[Contract("Apache Iceberg catalog")]
public interface IIcebergCatalog : IContract
{
    string Name { get; }

    /// <summary>How a consumer connects: REST, JDBC, Hive Metastore or AWS Glue, with its credentials.</summary>
    IcebergCatalogConnection ConnectionFor(ComponentContext context, string consumer);
}

/// <summary>A PostgreSQL service that gives each consumer its own database and role.</summary>
[Contract("PostgreSQL database")]
public interface IPostgres : IContract
{
    string Name { get; }

    /// <summary>The database a consumer owns, with the Secret holding its role's credentials.</summary>
    PostgresDatabase DatabaseFor(ComponentContext context, string consumer);
}

/// <summary>One consumer's PostgreSQL database: where it is and which Secret holds its credentials.</summary>
/// <param name="Endpoint">postgresql://host:port of the read-write service.</param>
/// <param name="Database">Database name.</param>
/// <param name="Username">Secret key reference holding the role name.</param>
/// <param name="Password">Secret key reference holding the role's password.</param>
public sealed record PostgresDatabase(Endpoint Endpoint, string Database, SecretRef Username, SecretRef Password)
{
    /// <summary>The login role (not a secret: it derives from the consumer's name); the provider's convention is the database's name.</summary>
    public string Role { get; init; } = Database;

    /// <summary>The JDBC URL (no credentials in it).</summary>
    public string JdbcUrl => $"jdbc:postgresql://{Endpoint.Host}:{Endpoint.Port}/{Database}";
}

/// <summary>A Redis-protocol key-value store (Valkey) used as a broker or cache.</summary>
[Contract("Redis-protocol key-value store")]
public interface IKeyValueStore : IContract
{
    string Name { get; }

    /// <summary>The endpoint (redis:// or rediss://), the consumer's own user and the Secret holding its password.</summary>
    KeyValueConnection ConnectionFor(ComponentContext context, string consumer);
}

/// <summary>How one consumer reaches a key-value store, as its own user confined to its own keys.</summary>
/// <param name="Endpoint">redis://host:port of the store.</param>
/// <param name="Username">The consumer's user on the store.</param>
/// <param name="Password">The Secret key, in the consumer's namespace, holding that user's password.</param>
/// <param name="KeyPrefix">
/// Every key and Pub/Sub channel the consumer uses starts with this (for Celery: the broker's and result
/// backend's global_keyprefix; for caches: their key prefix). Its user may touch nothing else.
/// </param>
/// <param name="Database">The logical database the consumer selects (Celery's fanout channels carry its number).</param>
public sealed record KeyValueConnection(Endpoint Endpoint, string Username, SecretRef Password, string KeyPrefix, int Database = 0)
{
    /// <summary>
    /// The Pub/Sub pattern a Celery worker subscribes to for broadcast commands (kombu's fanout exchange
    /// celery.pidbox, prefixed '/DB.' and by the global key prefix). Valkey matches a PSUBSCRIBE pattern
    /// literally against the user's channel patterns, so the user's ACL names this pattern as is.
    /// </summary>
    public string CeleryBroadcastPattern => $"{KeyPrefix}/{Database}.celery.pidbox";

    /// <summary>The URL a Celery or redis-py client connects with, the password taken from <paramref name="passwordExpression"/>.</summary>
    public string Url(string passwordExpression) => $"{Endpoint.Scheme}://{Username}:{passwordExpression}@{Endpoint.Host}:{Endpoint.Port}/{Database}";
}

/// <summary>A SQL query engine over the lakehouse (Trino), for BI tools.</summary>
[Contract("SQL query engine")]
public interface ISqlEngine : IContract
{
    string Name { get; }

    /// <summary>The engine's endpoint as clients inside the cluster reach it.</summary>
    Endpoint SqlEndpoint(ComponentContext context);

    /// <summary>The catalog clients query.</summary>
    string Catalog { get; }

    /// <summary>
    /// The consumer's own user on the engine: declares CONSUMER-trino (username, password, ca.pem: the CA of the
    /// engine's certificate) in the consumer's namespace, the password the one the engine's user list embeds.
    /// </summary>
    SqlUser UserFor(ComponentContext context, string consumer);
}

/// <summary>A consumer's user on a SQL engine: its name and password, and the CA certificate to verify the engine with, as Secret references.</summary>
public sealed record SqlUser(SecretRef Username, SecretRef Password, SecretRef CaCertificate);

/// <summary>Where to send OpenLineage events.</summary>
[Contract("OpenLineage backend")]
public interface ILineageBackend : IContract
{
    string Name { get; }

    /// <summary>The OpenLineage HTTP endpoint (clients POST to /api/v1/lineage below it).</summary>
    Endpoint LineageEndpoint(ComponentContext context);

    /// <summary>The OpenLineage namespace this environment's jobs report under.</summary>
    string Namespace(ComponentContext context);
}

/// <summary>Where a consumer's S3 credentials live, by the naming convention; one place so provider and consumer agree.</summary>
public static class Credentials
{
    /// <summary>A consumer's S3 access key, in the consumer's namespace (keys access-key and secret-key).</summary>
    public static SecretRef S3AccessKey(Naming naming, string consumer) => new(naming.Secret(consumer, "s3-credentials"), "access-key");

    /// <summary>A consumer's S3 secret key, beside its access key.</summary>
    public static SecretRef S3SecretKey(Naming naming, string consumer) => new(naming.Secret(consumer, "s3-credentials"), "secret-key");

    /// <summary>A consumer's S3 access key and secret key, both from its CONSUMER-s3-credentials Secret.</summary>
    public static S3Credentials S3(Naming naming, string consumer) => new(S3AccessKey(naming, consumer), S3SecretKey(naming, consumer));

    /// <summary>
    /// Declares a consumer's CONSUMER-s3-credentials Secret (in its namespace) from the store's values for it, and
    /// returns the references: the provider of the store says where the keys come from, the consumer reads them.
    /// </summary>
    public static S3Credentials DeclareS3(ComponentContext context, string consumer, Secrets.SecretSource accessKey, Secrets.SecretSource secretKey)
    {
        var ns = context.Naming.Namespace(consumer);
        var secret = context.Naming.Secret(consumer, "s3-credentials");
        return new(context.Secrets.DeclareIn(ns, secret, "access-key", accessKey), context.Secrets.DeclareIn(ns, secret, "secret-key", secretKey));
    }

    /// <summary>A consumer's OAuth2 client credential for an Iceberg REST catalog ("client-id:client-secret").</summary>
    public static SecretRef CatalogCredential(Naming naming, string consumer) => new(naming.Secret(consumer, "catalog-credentials"), "credential");

    /// <summary>
    /// Declares a consumer's CONSUMER-catalog-credentials Secret: the client credential of its principal on the REST
    /// catalog, which an operator creates there and puts into the store.
    /// </summary>
    public static SecretRef DeclareCatalogCredential(ComponentContext context, string consumer, string catalog) =>
        context.Secrets.DeclareIn(context.Naming.Namespace(consumer), context.Naming.Secret(consumer, "catalog-credentials"), "credential",
            Secrets.SecretSource.Store(context.Naming.Object(consumer, "catalog-credentials"), "credential",
                $"`CLIENT_ID:CLIENT_SECRET` of the principal of {consumer} on {catalog}"));
}

/// <summary>
/// Runs Spark applications (the Spark operator) with the platform's Iceberg catalog, object store and
/// lineage configured. Consumers (orchestrators) create the SparkApplications in their own namespace;
/// the provider watches its consumers' namespaces and gives them the Spark service account.
/// </summary>
[Contract("Spark job submission")]
public interface ISparkJobs : IContract
{
    string Name { get; }

    /// <summary>
    /// A sparkoperator.k8s.io SparkApplication running <paramref name="task"/> of job <paramref name="job"/>
    /// in <paramref name="consumer"/>'s namespace, with Iceberg, S3 and OpenLineage settings for that
    /// consumer (credentials from Secrets in its namespace).
    /// </summary>
    System.Text.Json.Nodes.JsonObject SparkApplication(ComponentContext context, string consumer, string job, Jobs.SparkTask task);
}

/// <summary>The environment's name of a bucket a store declares: the one rule every object store applies.</summary>
public static class DeclaredBuckets
{
    public static string Name(ComponentContext context, string store, IReadOnlyList<string> declared, string purpose) =>
        declared.Contains(purpose)
            ? context.Naming.Bucket(purpose)
            : throw new InvalidOperationException($"bucket '{purpose}' is not declared on object store '{store}' (declared: {string.Join(", ", declared)})");
}
