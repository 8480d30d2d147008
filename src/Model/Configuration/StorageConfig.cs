using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Lakehouse.Model.Configuration;

/// <summary>Which S3-compatible object store backs the lakehouse.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ObjectStoreBackend>))]
public enum ObjectStoreBackend
{
    /// <summary>MinIO deployed in the cluster by the MinIO Operator (charts operator and tenant from operator.min.io).</summary>
    [JsonStringEnumMemberName("minio")] Minio,

    /// <summary>SeaweedFS deployed in the cluster (chart seaweedfs), S3 served by its filers.</summary>
    [JsonStringEnumMemberName("seaweedfs")] Seaweedfs,

    /// <summary>An S3-compatible store run elsewhere (Amazon S3, say): referenced, not deployed.</summary>
    [JsonStringEnumMemberName("external")] External,
}

/// <summary>Object storage settings.</summary>
public sealed record StorageConfig
{
    /// <summary>The backend; its own section below carries its sizes.</summary>
    [Required]
    public required ObjectStoreBackend Backend { get; init; }

    /// <summary>S3 region name clients sign requests for (MinIO accepts any; us-east-1 is its default).</summary>
    [Required, RegularExpression(Patterns.Region)]
    public required string Region { get; init; }

    /// <summary>MinIO settings, required when backend is minio.</summary>
    public MinioConfig? Minio { get; init; }

    /// <summary>SeaweedFS settings, required when backend is seaweedfs.</summary>
    public SeaweedfsConfig? Seaweedfs { get; init; }

    /// <summary>The external store, required when backend is external.</summary>
    public ExternalStorageConfig? External { get; init; }
}

/// <summary>An S3-compatible store the platform uses but does not deploy.</summary>
public sealed record ExternalStorageConfig
{
    /// <summary>S3 API endpoint by DNS name with scheme and port: https://s3.us-east-1.amazonaws.com:443.</summary>
    [Required, RegularExpression(Patterns.Endpoint)]
    public required string Endpoint { get; init; }

    /// <summary>Address buckets by path (most S3-compatible stores) rather than by virtual host (Amazon S3).</summary>
    public bool PathStyleAccess { get; init; }

    /// <summary>
    /// Consumers authenticate with their workload identity (IAM roles for service accounts) instead of
    /// access keys from Secrets.
    /// </summary>
    public bool WorkloadIdentity { get; init; }
}

/// <summary>MinIO tenant sizes: one pool of servers, each with its volumes (erasure-coded across all drives).</summary>
public sealed record MinioConfig
{
    /// <summary>MinIO servers in the pool: 1 (single node) or 4 and more (distributed, erasure-coded).</summary>
    [Required, Range(1, 32)]
    public required int Servers { get; init; }

    /// <summary>Volumes per server; servers x volumes must be at least 4 for erasure coding when servers &gt; 1.</summary>
    [Required, Range(1, 16)]
    public required int VolumesPerServer { get; init; }

    /// <summary>Size of each volume.</summary>
    [Required, RegularExpression(Patterns.StorageSize)]
    public required string VolumeSize { get; init; }

    /// <summary>Resources of each server.</summary>
    [Required]
    public required ResourcesConfig Resources { get; init; }
}

/// <summary>SeaweedFS sizes: masters (the volume directory), volume servers (the data) and filers (the S3 API).</summary>
public sealed record SeaweedfsConfig
{
    /// <summary>Master servers: 1, or 3 for a Raft quorum that survives losing one.</summary>
    [Range(1, 5)]
    public int Masters { get; init; } = 1;

    /// <summary>Volume servers; with 2 or more every object is written to two of them (replication 001).</summary>
    [Required, Range(1, 64)]
    public required int VolumeServers { get; init; }

    /// <summary>Size of each volume server's data volume.</summary>
    [Required, RegularExpression(Patterns.StorageSize)]
    public required string VolumeSize { get; init; }

    /// <summary>Resources of each volume server.</summary>
    [Required]
    public required ResourcesConfig Resources { get; init; }

    /// <summary>
    /// Filers, which also serve the S3 API: 2 or more keep S3 up while one restarts. Each keeps its own
    /// metadata store and replays its peers' changes (SeaweedFS' filer meta aggregation).
    /// </summary>
    [Range(1, 5)]
    public int Filers { get; init; } = 1;

    /// <summary>Resources of each master (default 100m CPU, 256Mi).</summary>
    public ResourcesConfig? MasterResources { get; init; }

    /// <summary>Resources of each filer, S3 gateway included (default 250m CPU, 512Mi).</summary>
    public ResourcesConfig? FilerResources { get; init; }
}
