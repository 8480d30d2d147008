using System.Runtime.CompilerServices;
using Lakehouse.Model.Configuration;

namespace Lakehouse.Model.Components;

/// <summary>
/// The object store and the Iceberg catalog for whichever backend env/ chose, under stable component
/// names ("object-storage", "iceberg-catalog"): definitions add them in one line each and never branch.
/// </summary>
public static class Backends
{
    /// <summary>Adds the object store the environment's storage.backend names; returns the store.</summary>
    public static Contracts.IObjectStorage AddObjectStorage(this PlatformBuilder platform, EnvironmentConfig env, IReadOnlyList<string> buckets,
        [CallerFilePath] string callerFile = "", [CallerLineNumber] int callerLine = 0) => env.Storage.Backend switch
    {
        ObjectStoreBackend.Minio => platform.Add(
            new MinioTenant("object-storage", platform.Add(new MinioOperator("minio-operator"), callerFile, callerLine), buckets), callerFile, callerLine),
        ObjectStoreBackend.Seaweedfs => platform.Add(new SeaweedfsStorage("object-storage", buckets), callerFile, callerLine),
        ObjectStoreBackend.External => platform.Add(new ExternalObjectStorage("object-storage", buckets), callerFile, callerLine),
        _ => throw new InvalidOperationException($"no object store for backend {env.Storage.Backend}"),
    };

    /// <summary>Adds the Iceberg catalog the environment's catalog.backend names; returns the catalog.</summary>
    public static Contracts.IIcebergCatalog AddIcebergCatalog(this PlatformBuilder platform, EnvironmentConfig env, string warehouseBucket,
        [CallerFilePath] string callerFile = "", [CallerLineNumber] int callerLine = 0) => env.Catalog.Backend switch
    {
        CatalogBackend.Rest => platform.Add(new PolarisCatalog("iceberg-catalog", warehouseBucket), callerFile, callerLine),
        CatalogBackend.ExternalRest => platform.Add(new ExternalRestCatalog("iceberg-catalog", warehouseBucket), callerFile, callerLine),
        CatalogBackend.Jdbc => platform.Add(new JdbcCatalog("iceberg-catalog", warehouseBucket), callerFile, callerLine),
        CatalogBackend.Hive => platform.Add(new HiveMetastoreCatalog("iceberg-catalog", warehouseBucket), callerFile, callerLine),
        CatalogBackend.Glue => platform.Add(new GlueCatalog("iceberg-catalog", warehouseBucket), callerFile, callerLine),
        _ => throw new InvalidOperationException($"no Iceberg catalog for backend {env.Catalog.Backend}"),
    };

    /// <summary>
    /// Adds the orchestrator the environment's orchestrator.backend names ("orchestrator"), running <paramref name="jobs"/>;
    /// with <paramref name="logsBucket"/> (a bucket purpose declared on the object store) its task logs go there.
    /// </summary>
    public static Component AddOrchestrator(this PlatformBuilder platform, EnvironmentConfig env, IReadOnlyList<Jobs.JobSpec> jobs, string? logsBucket = null,
        [CallerFilePath] string callerFile = "", [CallerLineNumber] int callerLine = 0) => env.Orchestrator.Backend switch
    {
        OrchestratorBackend.Airflow => platform.Add(new Airflow("orchestrator", jobs) { CeleryBroker = env.Orchestrator.Airflow.Executor == AirflowExecutor.Celery, LogsBucket = logsBucket }, callerFile, callerLine),
        OrchestratorBackend.Dagster => platform.Add(new Dagster("orchestrator", jobs) { LogsBucket = logsBucket }, callerFile, callerLine),
        _ => throw new InvalidOperationException($"no orchestrator for backend {env.Orchestrator.Backend}"),
    };

    /// <summary>
    /// Adds the identity provider env/'s identity section names ("identity"), mapping the groups of the platform's
    /// workspaces; returns null, adding nothing, when the environment has no identity section.
    /// </summary>
    public static Identity.IIdentityProvider? AddIdentityProvider(this PlatformBuilder platform, EnvironmentConfig env,
        [CallerFilePath] string callerFile = "", [CallerLineNumber] int callerLine = 0) => env.Identity?.Backend switch
    {
        null => null,
        IdentityBackend.External => platform.Add(new ExternalIdentityProvider("identity"), callerFile, callerLine),
        _ => throw new InvalidOperationException($"no identity provider for backend {env.Identity.Backend}"),
    };

    /// <summary>
    /// Adds the cloud side of an AWS environment (env/ section aws:): Crossplane with the environment's buckets, the
    /// Glue <paramref name="databases"/> and the workload roles as managed resources; nothing elsewhere.
    /// </summary>
    public static Component? AddCloudResources(this PlatformBuilder platform, EnvironmentConfig env, IReadOnlyList<string>? databases = null,
        [CallerFilePath] string callerFile = "", [CallerLineNumber] int callerLine = 0) =>
        env.Aws is null ? null : platform.Add(new CloudResources("cloud-resources", databases), callerFile, callerLine);
}
