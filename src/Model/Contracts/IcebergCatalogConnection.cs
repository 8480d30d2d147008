namespace Lakehouse.Model.Contracts;

/// <summary>
/// How a client (Trino, Spark) connects to the Iceberg catalog. One case per backend; consumers switch
/// on the case, so a new backend is a compile error everywhere it must be handled.
/// </summary>
public abstract record IcebergCatalogConnection
{
    /// <summary>Where table data lives: s3://bucket/ of the warehouse.</summary>
    public required string WarehouseLocation { get; init; }
}

/// <summary>An Iceberg REST catalog with OAuth2 client credentials.</summary>
/// <param name="Uri">Catalog base URI (clients append /v1/config).</param>
/// <param name="Warehouse">Warehouse name clients ask for.</param>
/// <param name="Credential">Secret holding "client-id:client-secret".</param>
/// <param name="Scope">OAuth2 scope to request.</param>
public sealed record RestCatalogConnection(Endpoint Uri, string Warehouse, SecretRef Credential, string Scope) : IcebergCatalogConnection
{
    /// <summary>The OAuth2 token endpoint when it is not the catalog's own (URI/v1/oauth/tokens); null otherwise.</summary>
    public Endpoint? OAuth2ServerUri { get; init; }
}

/// <summary>The Iceberg JDBC catalog: table pointers in a PostgreSQL database.</summary>
public sealed record JdbcCatalogConnection(PostgresDatabase Database, string CatalogName) : IcebergCatalogConnection;

/// <summary>A Hive Metastore reached over Thrift.</summary>
public sealed record HiveMetastoreConnection(Endpoint ThriftUri) : IcebergCatalogConnection;

/// <summary>AWS Glue Data Catalog; identity comes from the workload's IAM role (IRSA), not from keys.</summary>
public sealed record GlueCatalogConnection(string Region, string? CatalogId) : IcebergCatalogConnection;
