using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Model.Configuration;

namespace Demo;

public sealed class DemoPlatform : IPlatformDefinition
{
    public string Name => "demo";

    public void Define(PlatformBuilder platform, EnvironmentConfig env)
    {
        platform.AddObjectStorage(env, buckets: ["warehouse", "postgres-backups"]);
        platform.AddPostgres();
        platform.AddIcebergCatalog(env, warehouseBucket: "warehouse");
        platform.Add(new Trino("trino"));
        // Delivers the Secrets the components declare (docs/secrets.md).
        platform.Add(new ExternalSecretsOperator("external-secrets"));
    }
}
