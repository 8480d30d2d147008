using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Lakehouse.Model.Configuration;

/// <summary>Which Apache Iceberg catalog serves table metadata.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CatalogBackend>))]
public enum CatalogBackend
{
    /// <summary>An Iceberg REST catalog deployed in the cluster (Apache Polaris).</summary>
    [JsonStringEnumMemberName("rest")] Rest,

    /// <summary>An Iceberg REST catalog run elsewhere (a vendor's, another team's Polaris): referenced by its URI.</summary>
    [JsonStringEnumMemberName("external-rest")] ExternalRest,

    /// <summary>The Iceberg JDBC catalog: table pointers in a database of the platform's PostgreSQL; nothing else deployed.</summary>
    [JsonStringEnumMemberName("jdbc")] Jdbc,

    /// <summary>An existing Hive Metastore, referenced by its Thrift URI.</summary>
    [JsonStringEnumMemberName("hive")] Hive,

    /// <summary>AWS Glue Data Catalog: managed, referenced, not deployed.</summary>
    [JsonStringEnumMemberName("glue")] Glue,
}

/// <summary>Iceberg catalog settings.</summary>
public sealed record CatalogConfig
{
    /// <summary>The backend; its own section below carries its sizes.</summary>
    [Required]
    public required CatalogBackend Backend { get; init; }

    /// <summary>Name of the Iceberg warehouse (the catalog name in Polaris); the platform's name when absent.</summary>
    [RegularExpression(Patterns.DnsLabel)]
    public string? Warehouse { get; init; }

    /// <summary>The warehouse clients ask for: catalog.warehouse, or the platform's name.</summary>
    public string WarehouseName(Naming naming) => Warehouse ?? naming.Platform;

    /// <summary>REST catalog settings, required when backend is rest.</summary>
    public RestCatalogConfig? Rest { get; init; }

    /// <summary>The external REST catalog, required when backend is external-rest.</summary>
    public ExternalRestCatalogConfig? ExternalRest { get; init; }

    /// <summary>JDBC catalog settings (optional: defaults apply).</summary>
    public JdbcCatalogConfig Jdbc { get; init; } = new();

    /// <summary>The Hive Metastore, required when backend is hive.</summary>
    public HiveCatalogConfig? Hive { get; init; }

    /// <summary>AWS Glue settings, required when backend is glue.</summary>
    public GlueCatalogConfig? Glue { get; init; }
}

/// <summary>An Iceberg REST catalog the platform uses but does not deploy.</summary>
public sealed record ExternalRestCatalogConfig
{
    /// <summary>Catalog base URI by DNS name with scheme and port (clients append /v1/config): https://catalog.example.com:443/api/catalog.</summary>
    [Required, RegularExpression(Patterns.Endpoint)]
    public required string Uri { get; init; }

    /// <summary>
    /// Warehouse clients ask the catalog for, when it is not catalog.warehouse: catalogs name them their own
    /// way (a Polaris catalog name, a Lakekeeper project-id/warehouse, a vendor's account path).
    /// </summary>
    [RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9_./:-]*$")]
    public string? Warehouse { get; init; }

    /// <summary>OAuth2 scope clients request with their client credentials.</summary>
    public string Scope { get; init; } = "PRINCIPAL_ROLE:ALL";

    /// <summary>
    /// OAuth2 token endpoint, when the catalog delegates tokens to an identity provider rather than serving
    /// its own URI/v1/oauth/tokens: https://idp.example.com:443/realms/data/protocol/openid-connect/token.
    /// </summary>
    [RegularExpression(Patterns.Endpoint)]
    public string? TokenUri { get; init; }
}

/// <summary>The Iceberg JDBC catalog's name inside its database (the catalog_name column clients agree on).</summary>
public sealed record JdbcCatalogConfig
{
    /// <summary>Catalog name recorded in the JDBC catalog's tables; every client must use the same. The platform's name ('-' as '_') when absent.</summary>
    [RegularExpression(@"^[a-z][a-z0-9_]*$")]
    public string? CatalogName { get; init; }

    /// <summary>The catalog name clients use: catalog.jdbc.catalogName, or the platform's name with '-' as '_'.</summary>
    public string CatalogNameFor(Naming naming) => CatalogName ?? naming.Platform.Replace('-', '_');
}

/// <summary>An existing Hive Metastore.</summary>
public sealed record HiveCatalogConfig
{
    /// <summary>Thrift URI by DNS name and port: thrift://metastore.example.com:9083.</summary>
    [Required, RegularExpression(@"^thrift://[A-Za-z0-9.-]+:[0-9]{1,5}$")]
    public required string Uri { get; init; }
}

/// <summary>Where the Glue Data Catalog is.</summary>
public sealed record GlueCatalogConfig
{
    /// <summary>AWS region of the catalog.</summary>
    [Required, RegularExpression(Patterns.Region)]
    public required string Region { get; init; }

    /// <summary>Catalog ID (the AWS account ID) when it is not the account of the workload's role.</summary>
    [RegularExpression(@"^[0-9]{12}$")]
    public string? CatalogId { get; init; }
}

/// <summary>Apache Polaris sizes.</summary>
public sealed record RestCatalogConfig
{
    /// <summary>Polaris server replicas.</summary>
    [Required, Range(1, 10)]
    public required int Replicas { get; init; }

    /// <summary>Resources of each Polaris server.</summary>
    [Required]
    public required ResourcesConfig Resources { get; init; }
}
