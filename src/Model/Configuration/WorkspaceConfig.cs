using System.ComponentModel.DataAnnotations;

namespace Lakehouse.Model.Configuration;

/// <summary>
/// One workspace's sizes in one environment, under <c>workspaces.NAME</c>: its namespace's ResourceQuota and the
/// LimitRange defaults of a container that states no resources. A workspace without a section gets <see cref="Default"/>.
/// </summary>
public sealed record WorkspaceConfig
{
    /// <summary>The sizes of a workspace whose environment gives no <c>workspaces.NAME</c> section.</summary>
    public static WorkspaceConfig Default { get; } = new();

    /// <summary>CPU the namespace's pods may request and be limited to in total (requests.cpu, limits.cpu): 4, 500m.</summary>
    [RegularExpression(Patterns.Cpu)]
    public string Cpu { get; init; } = "2";

    /// <summary>Memory the namespace's pods may request and be limited to in total (requests.memory, limits.memory): 16Gi.</summary>
    [RegularExpression(Patterns.Memory)]
    public string Memory { get; init; } = "8Gi";

    /// <summary>Persistent volume storage the namespace may claim in total (requests.storage): 100Gi.</summary>
    [RegularExpression(Patterns.StorageSize)]
    public string Storage { get; init; } = "50Gi";

    /// <summary>Pods the namespace may run at once.</summary>
    [Range(1, 10000)]
    public int Pods { get; init; } = 20;

    /// <summary>Request and limit a container gets when it states none (the LimitRange default); must fit the quota.</summary>
    public ResourcesConfig Container { get; init; } = new() { Cpu = "250m", Memory = "512Mi" };

    /// <summary>Queries of the workspace Trino runs at once (its resource group's hardConcurrencyLimit).</summary>
    [Range(1, 1000)]
    public int QueryConcurrency { get; init; } = 5;

    /// <summary>Share of Trino's cluster memory the workspace's queries may hold (its resource group's softMemoryLimit): 40%.</summary>
    [RegularExpression(@"^([1-9][0-9]?|100)%$")]
    public string QueryMemory { get; init; } = "30%";
}
