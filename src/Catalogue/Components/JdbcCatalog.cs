using Lakehouse.Model.Contracts;
using Lakehouse.Model.Secrets;

namespace Lakehouse.Model.Components;

/// <summary>
/// The Iceberg JDBC catalog: table metadata pointers in a database of the platform's PostgreSQL. Nothing runs
/// for it: the PostgreSQL provider creates its role and database (it is a consumer like any other), and
/// Trino and Spark connect to that database directly, so the graph lets them through PostgreSQL's
/// NetworkPolicy in its place.
/// </summary>
/// <param name="Name">Component name (also the database and role: iceberg_catalog).</param>
/// <param name="WarehouseBucket">Purpose of the bucket, declared on the object store, holding the warehouse.</param>
public sealed record JdbcCatalog(string Name, string WarehouseBucket) : ExternalComponent(Name), IIcebergCatalog
{
    public override string Description => "Iceberg JDBC catalog in the platform's PostgreSQL";

    /// <summary>Nothing of its own: its clients reach PostgreSQL, whose policies admit them in its place.</summary>
    public override IReadOnlyList<int> EgressPorts(ComponentContext context) => [];

    public override IReadOnlyList<Need> Needs => [Need.Of<IPostgres>(), Need.Of<IObjectStorage>()];

    /// <summary>
    /// Every client uses the catalog's role; its credentials are copied into a Secret in the client's
    /// namespace (CLIENT-catalog-database), since a Pod reads Secrets of its own namespace only.
    /// </summary>
    public IcebergCatalogConnection ConnectionFor(ComponentContext context, string consumer)
    {
        var database = context.UseFor<IPostgres>(Name).DatabaseFor(context, Name);
        var secret = context.Naming.Secret(consumer, "catalog-database");
        var ns = context.Naming.Namespace(consumer);
        return new JdbcCatalogConnection(
            database with
            {
                Username = context.Secrets.DeclareIn(ns, secret, database.Username.Key, SecretSource.SameAs(database.Username, context.Naming.Namespace(Name))),
                Password = context.Secrets.DeclareIn(ns, secret, database.Password.Key, SecretSource.SameAs(database.Password, context.Naming.Namespace(Name))),
            },
            context.Environment.Catalog.Jdbc.CatalogNameFor(context.Naming))
        {
            WarehouseLocation = $"s3://{context.UseFor<IObjectStorage>(Name).Bucket(context, WarehouseBucket)}/",
        };
    }
}
