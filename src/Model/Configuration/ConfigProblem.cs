namespace Lakehouse.Model.Configuration;

/// <summary>A cross-field problem in an environment file, at a dotted key path (storage.backend).</summary>
public sealed record ConfigProblem(string KeyPath, string Message);

/// <summary>Rules spanning several keys, which a JSON Schema of the types alone cannot say.</summary>
public static class EnvironmentConfigChecks
{
    public static IEnumerable<ConfigProblem> Check(EnvironmentConfig config)
    {
        if (config.Storage.Backend == ObjectStoreBackend.Minio && config.Storage.Minio is null)
        {
            yield return new("storage.backend", "storage.backend is 'minio' but the storage.minio section is missing");
        }
        if (config.Storage.Minio is { Servers: > 1 and < 4 })
        {
            yield return new("storage.minio.servers", "a distributed MinIO needs at least 4 servers for erasure coding; use 1 for a single node");
        }
        if (config.Storage.Backend == ObjectStoreBackend.Seaweedfs && config.Storage.Seaweedfs is null)
        {
            yield return new("storage.backend", "storage.backend is 'seaweedfs' but the storage.seaweedfs section is missing");
        }
        if (config.Storage.Seaweedfs is { Masters: 2 or 4 })
        {
            yield return new("storage.seaweedfs.masters", "SeaweedFS masters elect a leader by Raft: use an odd number (1, 3 or 5)");
        }
        if (config.Storage.Backend == ObjectStoreBackend.External && config.Storage.External is null)
        {
            yield return new("storage.backend", "storage.backend is 'external' but the storage.external section is missing");
        }
        if (config.Catalog.Backend == CatalogBackend.Glue && config.Catalog.Glue is null)
        {
            yield return new("catalog.backend", "catalog.backend is 'glue' but the catalog.glue section is missing");
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
        if (config.Catalog.Backend == CatalogBackend.ExternalRest && config.Catalog.ExternalRest is null)
        {
            yield return new("catalog.backend", "catalog.backend is 'external-rest' but the catalog.externalRest section is missing");
        }
        if (config.Catalog.Backend == CatalogBackend.Hive && config.Catalog.Hive is null)
        {
            yield return new("catalog.backend", "catalog.backend is 'hive' but the catalog.hive section is missing");
        }
        if (config.Catalog.Backend == CatalogBackend.Rest && config.Catalog.Rest is null)
        {
            yield return new("catalog.backend", "catalog.backend is 'rest' but the catalog.rest section is missing");
        }
    }
}
