using System.ComponentModel.DataAnnotations;

namespace Lakehouse.Model.Configuration;

/// <summary>The platform's Valkey (Celery broker, caches).</summary>
public sealed record ValkeyConfig
{
    /// <summary>Read replicas beside the primary (0: a single instance).</summary>
    [Range(0, 5)]
    public int Replicas { get; init; }

    /// <summary>Memory of each instance; Valkey's maxmemory is set to 80% of it, leaving room for replication buffers.</summary>
    [Required]
    public required ResourcesConfig Resources { get; init; }

    /// <summary>Volume size for the append-only file; empty keeps data in memory only (a broker can be refilled).</summary>
    [RegularExpression(Patterns.StorageSize)]
    public string? StorageSize { get; init; }
}
