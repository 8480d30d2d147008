using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Lakehouse.Model.Configuration;

/// <summary>
/// Everything that differs between environments. One YAML file per environment in env/, validated
/// against the JSON Schema generated from these types (env/environment.schema.json).
/// </summary>
public sealed record EnvironmentConfig
{
    /// <summary>The environment's name: the env file's name without extension (dev, staging, prod).</summary>
    [JsonIgnore]
    public string Name { get; init; } = "";

    /// <summary>The Kubernetes cluster this environment deploys to.</summary>
    [Required]
    public required ClusterConfig Cluster { get; init; }

    /// <summary>The Git repository and revision Argo CD reads this tree from.</summary>
    [Required]
    public required GitOpsConfig GitOps { get; init; }

    /// <summary>DNS domain under which this environment's user-facing services are published.</summary>
    [Required, RegularExpression(Patterns.DnsName)]
    public required string Domain { get; init; }

    /// <summary>Where Prometheus runs and how it selects monitors.</summary>
    public MonitoringConfig Monitoring { get; init; } = new();

    /// <summary>Object storage: which S3-compatible backend and its size.</summary>
    [Required]
    public required StorageConfig Storage { get; init; }

    /// <summary>The Apache Iceberg catalog: which backend and its size.</summary>
    [Required]
    public required CatalogConfig Catalog { get; init; }

    /// <summary>Trino: coordinator and worker sizes.</summary>
    [Required]
    public required TrinoConfig Trino { get; init; }
}

/// <summary>The target cluster.</summary>
public sealed record ClusterConfig
{
    /// <summary>Kubernetes API server by DNS name, with scheme and port: https://api.prod.example.com:6443.</summary>
    [Required, RegularExpression(Patterns.Endpoint)]
    public required string Server { get; init; }
}

/// <summary>Where Argo CD reads the rendered tree.</summary>
public sealed record GitOpsConfig
{
    /// <summary>HTTPS URL of this Git repository, as registered in Argo CD.</summary>
    [Required, RegularExpression(Patterns.RepositoryUrl)]
    public required string Repository { get; init; }

    /// <summary>Branch, tag or commit Argo CD tracks for this environment.</summary>
    [Required, RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9._/-]*$")]
    public required string Revision { get; init; }

    /// <summary>Namespace Argo CD runs in.</summary>
    [RegularExpression(Patterns.DnsLabel)]
    public string ArgoCdNamespace { get; init; } = "argocd";
}

/// <summary>Prometheus discovery.</summary>
public sealed record MonitoringConfig
{
    /// <summary>Namespace Prometheus scrapes from (allowed in by every NetworkPolicy on metrics ports).</summary>
    [RegularExpression(Patterns.DnsLabel)]
    public string Namespace { get; init; } = "monitoring";

    /// <summary>Labels Prometheus selects ServiceMonitors by (kube-prometheus-stack: release=&lt;release name&gt;).</summary>
    public IReadOnlyDictionary<string, string> MonitorLabels { get; init; } =
        new SortedDictionary<string, string>(StringComparer.Ordinal) { ["release"] = "kube-prometheus-stack" };

    /// <summary>Scrape interval for every monitor.</summary>
    [RegularExpression(@"^\d+[smh]$")]
    public string Interval { get; init; } = "30s";
}

/// <summary>CPU and memory of one workload: requests, with the memory limit equal to the request.</summary>
public sealed record ResourcesConfig
{
    /// <summary>CPU request in Kubernetes quantity form: 500m, 2.</summary>
    [Required, RegularExpression(Patterns.Cpu)]
    public required string Cpu { get; init; }

    /// <summary>Memory request and limit: 512Mi, 8Gi.</summary>
    [Required, RegularExpression(Patterns.Memory)]
    public required string Memory { get; init; }
}

/// <summary>Regular expressions shared by the configuration types and their schema.</summary>
public static class Patterns
{
    public const string DnsLabel = @"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";
    public const string DnsName = @"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$";
    public const string Endpoint = @"^[a-z][a-z0-9+.-]*://[A-Za-z0-9.-]+:[0-9]{1,5}(/.*)?$";
    public const string RepositoryUrl = @"^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?/[A-Za-z0-9._/-]+$";
    public const string Cpu = @"^([0-9]+m|[0-9]+(\.[0-9]+)?)$";
    public const string Memory = @"^[0-9]+(Mi|Gi)$";
    public const string StorageSize = @"^[0-9]+(Mi|Gi|Ti)$";
    public const string Region = @"^[a-z]{2}(-[a-z]+)+-[0-9]+$|^[a-z0-9-]+$";
}
