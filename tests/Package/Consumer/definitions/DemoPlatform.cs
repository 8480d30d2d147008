using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Model.Configuration;

namespace Demo;

public sealed class DemoPlatform : IPlatformDefinition
{
    public string Name => "demo";

    public void Define(PlatformBuilder platform, EnvironmentConfig env)
    {
        var minioOperator = platform.Add(new MinioOperator("minio-operator"));
        platform.Add(new MinioTenant("object-storage", minioOperator, Buckets: ["warehouse"]));
        platform.Add(new PolarisCatalog("iceberg-catalog", WarehouseBucket: "warehouse"));
        platform.Add(new Trino("trino"));
    }
}
