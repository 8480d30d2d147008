using System.ComponentModel.DataAnnotations;

namespace Lakehouse.Model.Configuration;

/// <summary>The Spark operator and the identity its jobs run as.</summary>
public sealed record SparkConfig
{
    /// <summary>
    /// IAM role the jobs' service account assumes (IAM roles for service accounts) when the object store or
    /// the catalog is reached by workload identity (storage.external.workloadIdentity, catalog glue).
    /// </summary>
    [RegularExpression(@"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$")]
    public string? ServiceAccountRoleArn { get; init; }
}
