using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Lakehouse.Model.Configuration;

/// <summary>Which orchestrator runs the platform's jobs.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrchestratorBackend>))]
public enum OrchestratorBackend
{
    /// <summary>Apache Airflow (chart airflow from airflow.apache.org): each job a DAG.</summary>
    [JsonStringEnumMemberName("airflow")] Airflow,

    /// <summary>Dagster (chart dagster from dagster-io.github.io/helm): each job a Dagster job of ops.</summary>
    [JsonStringEnumMemberName("dagster")] Dagster,
}

/// <summary>How Airflow runs task instances.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AirflowExecutor>))]
public enum AirflowExecutor
{
    /// <summary>One pod per task instance; nothing idles between runs.</summary>
    [JsonStringEnumMemberName("kubernetes")] Kubernetes,

    /// <summary>Long-running Celery workers fed through the platform's Valkey; Flower shows the queues.</summary>
    [JsonStringEnumMemberName("celery")] Celery,
}

/// <summary>The orchestrator: which one, and its sizes.</summary>
public sealed record OrchestratorConfig
{
    /// <summary>The backend; its own section below carries its settings.</summary>
    public OrchestratorBackend Backend { get; init; } = OrchestratorBackend.Airflow;

    /// <summary>Airflow settings (defaults: KubernetesExecutor, small sizes).</summary>
    public AirflowConfig Airflow { get; init; } = new();

    /// <summary>Dagster settings (defaults: small sizes).</summary>
    public DagsterConfig Dagster { get; init; } = new();

    /// <summary>
    /// IAM role the orchestrator's service accounts assume (IAM roles for service accounts), for its task logs in
    /// an AWS-managed store when storage.external.workloadIdentity is on.
    /// </summary>
    [RegularExpression(@"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$")]
    public string? ServiceAccountRoleArn { get; init; }
}

/// <summary>Airflow's executor and sizes.</summary>
public sealed record AirflowConfig
{
    /// <summary>KubernetesExecutor (default) or CeleryExecutor.</summary>
    public AirflowExecutor Executor { get; init; } = AirflowExecutor.Kubernetes;

    /// <summary>Celery workers (CeleryExecutor only).</summary>
    [Range(1, 50)]
    public int Workers { get; init; } = 2;

    /// <summary>Schedulers and API servers: 2 for high availability.</summary>
    [Range(1, 5)]
    public int Replicas { get; init; } = 1;

    /// <summary>Resources of the scheduler, the API server, the DAG processor and the triggerer.</summary>
    public ResourcesConfig Resources { get; init; } = new() { Cpu = "250m", Memory = "1Gi" };

    /// <summary>Resources of each worker (Celery) or task pod (Kubernetes).</summary>
    public ResourcesConfig WorkerResources { get; init; } = new() { Cpu = "500m", Memory = "1Gi" };
}

/// <summary>Dagster's sizes.</summary>
public sealed record DagsterConfig
{
    /// <summary>Resources of the webserver, the daemon and the code server.</summary>
    public ResourcesConfig Resources { get; init; } = new() { Cpu = "250m", Memory = "512Mi" };
}
