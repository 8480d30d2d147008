using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Lakehouse.Model.Configuration;

/// <summary>Which Apache Iceberg catalog serves table metadata.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CatalogBackend>))]
public enum CatalogBackend
{
    /// <summary>An Iceberg REST catalog deployed in the cluster (Apache Polaris).</summary>
    [JsonStringEnumMemberName("rest")] Rest,

    /// <summary>AWS Glue Data Catalog: managed, referenced, not deployed.</summary>
    [JsonStringEnumMemberName("glue")] Glue,
}

/// <summary>Iceberg catalog settings.</summary>
public sealed record CatalogConfig
{
    /// <summary>The backend; its own section below carries its sizes.</summary>
    [Required]
    public required CatalogBackend Backend { get; init; }

    /// <summary>Name of the Iceberg warehouse (the catalog name in Polaris).</summary>
    [RegularExpression(Patterns.DnsLabel)]
    public string Warehouse { get; init; } = "lakehouse";

    /// <summary>REST catalog settings, required when backend is rest.</summary>
    public RestCatalogConfig? Rest { get; init; }

    /// <summary>AWS Glue settings, required when backend is glue.</summary>
    public GlueCatalogConfig? Glue { get; init; }
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
