using System.ComponentModel.DataAnnotations;

namespace Lakehouse.Model.Configuration;

/// <summary>The MLflow tracking server.</summary>
public sealed record MlflowConfig
{
    /// <summary>Tracking server replicas.</summary>
    [Range(1, 10)]
    public int Replicas { get; init; } = 1;

    /// <summary>Resources of each tracking server.</summary>
    public ResourcesConfig Resources { get; init; } = new() { Cpu = "250m", Memory = "1Gi" };

    /// <summary>
    /// IAM role the server's service account assumes (IAM roles for service accounts) to reach the artifact
    /// bucket when the object store is reached by workload identity (storage.external.workloadIdentity).
    /// </summary>
    [RegularExpression(@"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$")]
    public string? ServiceAccountRoleArn { get; init; }
}
