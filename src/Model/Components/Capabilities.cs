namespace Lakehouse.Model.Components;

/// <summary>An S3-compatible object store other components read and write through the S3 API only.</summary>
public interface IObjectStorage
{
    string Name { get; }

    /// <summary>The S3 API endpoint as consumers inside the cluster reach it.</summary>
    Endpoint S3Endpoint(ComponentContext context);

    /// <summary>Region clients sign requests for.</summary>
    string Region(ComponentContext context);

    /// <summary>The environment's name of a bucket declared on this store; throws when it is not declared.</summary>
    string Bucket(ComponentContext context, string purpose);
}

/// <summary>An Apache Iceberg catalog speaking the Iceberg REST protocol.</summary>
public interface IIcebergRestCatalog
{
    string Name { get; }

    /// <summary>The REST catalog's base URI (the one clients append /v1/config to).</summary>
    Endpoint CatalogUri(ComponentContext context);

    /// <summary>The warehouse (catalog) name clients ask for.</summary>
    string Warehouse(ComponentContext context);

    /// <summary>The OAuth2 scope clients request a token with.</summary>
    string OAuth2Scope { get; }
}

/// <summary>Where each credential lives: one convention, so a consumer and its provider agree on names.</summary>
public static class Credentials
{
    /// <summary>A consumer's S3 access key, in the consumer's namespace (keys access-key and secret-key).</summary>
    public static SecretRef S3AccessKey(Naming naming, string consumer) => new(naming.Secret(consumer, "s3-credentials"), "access-key");

    /// <summary>A consumer's S3 secret key, beside its access key.</summary>
    public static SecretRef S3SecretKey(Naming naming, string consumer) => new(naming.Secret(consumer, "s3-credentials"), "secret-key");

    /// <summary>A consumer's OAuth2 client credential for the Iceberg REST catalog ("client-id:client-secret").</summary>
    public static SecretRef CatalogCredential(Naming naming, string consumer) => new(naming.Secret(consumer, "catalog-credentials"), "credential");
}
