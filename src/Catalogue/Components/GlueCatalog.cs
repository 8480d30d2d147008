using Lakehouse.Model.Contracts;

namespace Lakehouse.Model.Components;

/// <summary>The AWS Glue Data Catalog as the Iceberg catalog: managed by AWS, referenced from env/, not deployed.</summary>
/// <param name="Name">Component name.</param>
/// <param name="WarehouseBucket">Purpose of the bucket, declared on the object store, holding the warehouse.</param>
public sealed record GlueCatalog(string Name, string WarehouseBucket) : ExternalComponent(Name), IIcebergCatalog
{
    public override string Description => "AWS Glue Data Catalog";

    /// <summary>The Glue API (and AWS STS for workload identity) answer on HTTPS.</summary>
    public override IReadOnlyList<int> EgressPorts(ComponentContext context) => [443];

    public override IReadOnlyList<Need> Needs => [Need.Of<IObjectStorage>()];

    public IcebergCatalogConnection ConnectionFor(ComponentContext context, string consumer)
    {
        var glue = context.Environment.Catalog.Glue
            ?? throw new InvalidOperationException("catalog.glue is required for the glue backend");
        var storage = context.UseFor<IObjectStorage>(Name);
        return new GlueCatalogConnection(glue.Region, glue.CatalogId)
        {
            WarehouseLocation = $"s3://{storage.Bucket(context, WarehouseBucket)}/",
        };
    }
}
