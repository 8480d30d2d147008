using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Model.Configuration;

namespace Lakehouse.Definitions;

/// <summary>
/// The lakehouse platform. The same code for every environment: sizes and backends come from
/// env/&lt;name&gt;.yaml, and dependencies are typed, so the tree's sync order follows them.
/// </summary>
public sealed class LakehousePlatform : IPlatformDefinition
{
    public string Name => "lakehouse";

    public void Define(PlatformBuilder platform, EnvironmentConfig env)
    {
        var minioOperator = platform.Add(new MinioOperator("minio-operator"));
        var storage = platform.Add(new MinioTenant("object-storage", minioOperator, Buckets: ["warehouse"]));
        var catalog = platform.Add(new PolarisCatalog("iceberg-catalog", storage, WarehouseBucket: "warehouse"));
        platform.Add(new Trino("trino", catalog, storage));
    }
}
