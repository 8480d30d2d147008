namespace Lakehouse.Model.Contracts;

/// <summary>
/// How a client (Trino, Spark) connects to the Iceberg catalog. One case per backend, closed: only this
/// assembly can add a case (the constructor is private protected), every case must implement
/// <see cref="Match{T}"/>, and every consumer dispatches through <see cref="Match{T}"/>, which takes one
/// handler per backend. A new backend adds a case and a parameter, so it is a compile error in every
/// consumer until each handles it (tests/Lakehouse.Tests/Model/CatalogDispatchTests.cs proves it).
/// </summary>
public abstract record IcebergCatalogConnection
{
    private protected IcebergCatalogConnection()
    {
    }

    /// <summary>Where table data lives: s3://bucket/ of the warehouse.</summary>
    public required string WarehouseLocation { get; init; }

    /// <summary>Calls the handler of this backend: the one way consumers tell backends apart.</summary>
    public abstract T Match<T>(
        Func<RestCatalogConnection, T> rest,
        Func<JdbcCatalogConnection, T> jdbc,
        Func<HiveMetastoreConnection, T> hive,
        Func<GlueCatalogConnection, T> glue);
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

    public override T Match<T>(Func<RestCatalogConnection, T> rest, Func<JdbcCatalogConnection, T> jdbc,
        Func<HiveMetastoreConnection, T> hive, Func<GlueCatalogConnection, T> glue) => rest(this);
}

/// <summary>The Iceberg JDBC catalog: table pointers in a PostgreSQL database.</summary>
public sealed record JdbcCatalogConnection(PostgresDatabase Database, string CatalogName) : IcebergCatalogConnection
{
    public override T Match<T>(Func<RestCatalogConnection, T> rest, Func<JdbcCatalogConnection, T> jdbc,
        Func<HiveMetastoreConnection, T> hive, Func<GlueCatalogConnection, T> glue) => jdbc(this);
}

/// <summary>A Hive Metastore reached over Thrift.</summary>
public sealed record HiveMetastoreConnection(Endpoint ThriftUri) : IcebergCatalogConnection
{
    public override T Match<T>(Func<RestCatalogConnection, T> rest, Func<JdbcCatalogConnection, T> jdbc,
        Func<HiveMetastoreConnection, T> hive, Func<GlueCatalogConnection, T> glue) => hive(this);
}

/// <summary>AWS Glue Data Catalog; identity comes from the workload's IAM role (IRSA), not from keys.</summary>
public sealed record GlueCatalogConnection(string Region, string? CatalogId) : IcebergCatalogConnection
{
    public override T Match<T>(Func<RestCatalogConnection, T> rest, Func<JdbcCatalogConnection, T> jdbc,
        Func<HiveMetastoreConnection, T> hive, Func<GlueCatalogConnection, T> glue) => glue(this);
}
