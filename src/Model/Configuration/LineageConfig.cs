using System.ComponentModel.DataAnnotations;

namespace Lakehouse.Model.Configuration;

/// <summary>Marquez, the OpenLineage backend.</summary>
public sealed record LineageConfig
{
    /// <summary>Marquez API replicas.</summary>
    [Range(1, 10)]
    public int Replicas { get; init; } = 1;

    /// <summary>Resources of each Marquez API server.</summary>
    public ResourcesConfig Resources { get; init; } = new() { Cpu = "250m", Memory = "1Gi" };
}
