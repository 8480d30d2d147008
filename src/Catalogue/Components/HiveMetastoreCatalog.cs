using Lakehouse.Model.Contracts;

namespace Lakehouse.Model.Components;

/// <summary>An existing Hive Metastore as the Iceberg catalog: referenced by its Thrift URI from env/, not deployed.</summary>
/// <param name="Name">Component name.</param>
/// <param name="WarehouseBucket">Purpose of the bucket, declared on the object store, holding the warehouse.</param>
public sealed record HiveMetastoreCatalog(string Name, string WarehouseBucket) : ExternalComponent(Name), IIcebergCatalog
{
    public override string Description => "Hive Metastore";

    /// <summary>The metastore's Thrift port.</summary>
    public override IReadOnlyList<int> EgressPorts(ComponentContext context) =>
        [Endpoint.Parse((context.Environment.Catalog.Hive ?? throw new InvalidOperationException("catalog.hive is required for the hive backend")).Uri).Port];

    public override IReadOnlyList<Need> Needs => [Need.Of<IObjectStorage>()];

    public IcebergCatalogConnection ConnectionFor(ComponentContext context, string consumer)
    {
        var hive = context.Environment.Catalog.Hive
            ?? throw new InvalidOperationException("catalog.hive is required for the hive backend");
        return new HiveMetastoreConnection(Endpoint.Parse(hive.Uri))
        {
            WarehouseLocation = $"s3://{context.UseFor<IObjectStorage>(Name).Bucket(context, WarehouseBucket)}/",
        };
    }
}
