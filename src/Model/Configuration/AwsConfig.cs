using System.ComponentModel.DataAnnotations;

namespace Lakehouse.Model.Configuration;

/// <summary>
/// The AWS account an environment's cloud resources live in, and its cluster's OIDC provider: with this section
/// the platform renders the environment's buckets, Glue databases and workload IAM roles as Crossplane managed
/// resources (docs/cloud-resources.md). The account id is written here only, never in definitions/.
/// </summary>
public sealed record AwsConfig
{
    /// <summary>The AWS account id (12 digits) that owns the buckets, the Glue catalog and the roles.</summary>
    [Required, RegularExpression(@"^[0-9]{12}$")]
    public required string AccountId { get; init; }

    /// <summary>
    /// The cluster's IAM OIDC provider, without scheme (oidc.eks.REGION.amazonaws.com/id/ID): the workload roles
    /// trust tokens it signs for the workload's service accounts.
    /// </summary>
    [Required, RegularExpression(@"^[a-z0-9.-]+(/[A-Za-z0-9._-]+)*$")]
    public required string OidcProvider { get; init; }

    /// <summary>The AWS partition of ARNs (aws, aws-cn, aws-us-gov).</summary>
    [RegularExpression(@"^aws(-[a-z]+)*$")]
    public string Partition { get; init; } = "aws";
}
