using Lakehouse.Model.Contracts;

namespace Lakehouse.Model.Components;

/// <summary>
/// An Iceberg REST catalog run elsewhere, referenced by its URI from env/ (catalog.externalRest: uri, and
/// optionally warehouse, scope and the identity provider's tokenUri). Clients authenticate with OAuth2
/// client credentials from a Secret in their namespace (CLIENT-catalog-credentials), as with the deployed catalog.
/// </summary>
/// <param name="Name">Component name.</param>
/// <param name="WarehouseBucket">Purpose of the bucket, declared on the object store, holding the warehouse.</param>
public sealed record ExternalRestCatalog(string Name, string WarehouseBucket) : ExternalComponent(Name), IIcebergCatalog
{
    public override string Description => "Iceberg REST catalog run outside the platform";

    /// <summary>The catalog's URI port and, when set, its identity provider's token endpoint port.</summary>
    public override IReadOnlyList<int> EgressPorts(ComponentContext context)
    {
        var rest = context.Environment.Catalog.ExternalRest
            ?? throw new InvalidOperationException("catalog.externalRest is required for the external-rest backend");
        return [.. new[] { Endpoint.Parse(rest.Uri).Port }.Concat(rest.TokenUri is { } token ? [Endpoint.Parse(token).Port] : []).Distinct().Order()];
    }

    public override IReadOnlyList<Need> Needs => [Need.Of<IObjectStorage>()];

    public IcebergCatalogConnection ConnectionFor(ComponentContext context, string consumer)
    {
        var rest = context.Environment.Catalog.ExternalRest
            ?? throw new InvalidOperationException("catalog.externalRest is required for the external-rest backend");
        return new RestCatalogConnection(Endpoint.Parse(rest.Uri), rest.Warehouse ?? context.Environment.Catalog.WarehouseName(context.Naming), Credentials.DeclareCatalogCredential(context, consumer, $"the REST catalog {rest.Uri}"), rest.Scope)
        {
            OAuth2ServerUri = rest.TokenUri is { } token ? Endpoint.Parse(token) : null,
            WarehouseLocation = $"s3://{context.UseFor<IObjectStorage>(Name).Bucket(context, WarehouseBucket)}/",
        };
    }
}
