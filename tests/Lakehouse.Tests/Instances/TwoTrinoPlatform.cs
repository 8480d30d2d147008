using Lakehouse.Definitions;
using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Contracts;

namespace Lakehouse.Tests.Instances;

/// <summary>
/// The reference platform with a second Trino, "adhoc", sized by its own env/ section (instances.adhoc.trino):
/// Superset queries adhoc, the orchestrator's SQL tasks run on trino. The example of docs/instances.md.
/// </summary>
/// <param name="wired">False: the consumers are left unwired, for the ambiguity (LH0017) it makes.</param>
internal sealed class TwoTrinoPlatform(bool wired = true) : IPlatformDefinition
{
    public string Name => "lakehouse";

    public void Define(PlatformBuilder platform, EnvironmentConfig env)
    {
        platform.Add(new Monitoring("monitoring"));
        platform.Add(new ArgoCd("argocd"));
        platform.AddObjectStorage(env, buckets: ["warehouse", "postgres-backups", "mlflow-artifacts", "raw"]);
        platform.AddPostgres();
        platform.Add(new Valkey("valkey"));
        platform.AddIcebergCatalog(env, warehouseBucket: "warehouse");
        var trino = platform.Add(new Trino("trino"));
        var adhoc = platform.Add(new Trino("adhoc"));
        var superset = platform.Add(new Superset("superset"));
        platform.Add(new Marquez("lineage"));
        platform.Add(new SparkOperator("spark"));
        platform.Add(new Mlflow("mlflow"));
        var orchestrator = platform.AddOrchestrator(env, Jobs.All);
        platform.Add(new ExternalSecretsOperator("external-secrets"));

        if (!wired)
        {
            return;
        }
        // Two components offer ISqlEngine: each consumer says which it uses.
        platform.Wire(superset).To<ISqlEngine>(adhoc);
        platform.Wire(orchestrator).To<ISqlEngine>(trino);
    }

    /// <summary>The instance section of env/dev.yaml for adhoc: sizes apart from the top-level trino: section.</summary>
    public const string AdhocSection =
        """
        instances:
          adhoc:
            trino:
              workers: 2
              queryMaxMemory: 3GB
              coordinator:
                cpu: 500m
                memory: 2Gi
              worker:
                cpu: "1"
                memory: 3Gi

        """;

    /// <summary>env/dev.yaml with the adhoc section appended.</summary>
    public static string DevText => Support.Render.EnvironmentText("dev").TrimEnd('\n') + "\n" + AdhocSection;
}
