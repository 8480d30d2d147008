using System.ComponentModel.DataAnnotations;

namespace Lakehouse.Model.Configuration;

/// <summary>Trino sizes.</summary>
public sealed record TrinoConfig
{
    /// <summary>Number of Trino workers (0: the coordinator also schedules work on itself).</summary>
    [Required, Range(0, 500)]
    public required int Workers { get; init; }

    /// <summary>Memory one query may use across the whole cluster (Trino query.max-memory): 20GB, 500MB.</summary>
    [Required, RegularExpression(@"^[0-9]+(MB|GB|TB)$")]
    public required string QueryMaxMemory { get; init; }

    /// <summary>Resources of the coordinator; the JVM heap is derived from its memory.</summary>
    [Required]
    public required ResourcesConfig Coordinator { get; init; }

    /// <summary>IAM role Trino's service account assumes (IAM roles for service accounts), for AWS-managed storage and catalogs.</summary>
    [RegularExpression(@"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$")]
    public string? ServiceAccountRoleArn { get; init; }

    /// <summary>Resources of each worker; the JVM heap is derived from its memory.</summary>
    [Required]
    public required ResourcesConfig Worker { get; init; }
}
