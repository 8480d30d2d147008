namespace Lakehouse.Model.Configuration;

/// <summary>A cross-field problem in an environment file, at a dotted key path (storage.backend).</summary>
public sealed record ConfigProblem(string KeyPath, string Message);

/// <summary>
/// Rules spanning several keys, which a JSON Schema of the types alone cannot say. Which backend needs
/// which section is <see cref="BackendSections"/>' rule, checked on the file itself (leftovers too).
/// </summary>
public static class EnvironmentConfigChecks
{
    public static IEnumerable<ConfigProblem> Check(EnvironmentConfig config)
    {
        if (config.Storage.Minio is { Servers: > 1 and < 4 })
        {
            yield return new("storage.minio.servers", "a distributed MinIO needs at least 4 servers for erasure coding; use 1 for a single node");
        }
        if (config.Storage.Seaweedfs is { Masters: 2 or 4 })
        {
            yield return new("storage.seaweedfs.masters", "SeaweedFS masters elect a leader by Raft: use an odd number (1, 3 or 5)");
        }
        if (config.Storage.External is { WorkloadIdentity: true } && config.Postgres.ServiceAccountRoleArn is null)
        {
            yield return new("postgres", "storage.external.workloadIdentity is true, so PostgreSQL backups need postgres.serviceAccountRoleArn (the IAM role allowed to write the backup bucket)");
        }
        if (config.Storage.External is { WorkloadIdentity: true } && config.Mlflow.ServiceAccountRoleArn is null)
        {
            yield return new("mlflow", "storage.external.workloadIdentity is true, so MLflow's artifact store needs mlflow.serviceAccountRoleArn (the IAM role allowed to use the artifact bucket)");
        }
        if (config.Storage.External is { WorkloadIdentity: true } && config.Spark.ServiceAccountRoleArn is null)
        {
            yield return new("spark", "storage.external.workloadIdentity is true, so Spark jobs need spark.serviceAccountRoleArn (the IAM role they assume for the warehouse and the catalog)");
        }
    }
}
