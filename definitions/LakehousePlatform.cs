using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Catalogue.Charts;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Workspaces;

namespace Lakehouse.Definitions;

/// <summary>
/// The lakehouse platform. The same code for every environment: sizes and backends come from
/// env/&lt;name&gt;.yaml. Components offer and consume contracts (object storage, Iceberg catalog, ...);
/// the model connects them, and the tree's sync order follows those connections.
/// </summary>
public sealed class LakehousePlatform : IPlatformDefinition
{
    public string Name => "lakehouse";

    public void Define(PlatformBuilder platform, EnvironmentConfig env)
    {
        // Single sign-on at the provider env/ names (identity:), referenced, not deployed; absent, UIs keep local users.
        platform.AddIdentityProvider(env);
        // Prometheus, Alertmanager and Grafana first: every other component carries a monitor.
        platform.Add(new Monitoring("monitoring"));
        // Argo CD manages itself: this Application adopts the Argo CD installed to apply the bootstrap.
        platform.Add(new ArgoCd("argocd"));
        // Which store and which catalog is env/'s choice (storage.backend, catalog.backend), not code's.
        platform.AddObjectStorage(env, buckets: ["warehouse", "postgres-backups", "mlflow-artifacts", "raw", "logs"]);
        // One PostgreSQL cluster for every metadata database; each consumer gets its own database and role.
        platform.AddPostgres();
        platform.Add(new Valkey("valkey"));
        platform.AddIcebergCatalog(env, warehouseBucket: "warehouse");
        platform.Add(new Trino("trino")
        {
            // Workers finish running tasks before they stop; typed by the locked trino chart (TrinoValues).
            ValueOverrides = new TrinoValues
            {
                Worker = new()
                {
                    GracefulShutdown = new() { Enabled = true, GracePeriodSeconds = 120 },
                    TerminationGracePeriodSeconds = 300,
                },
            }.ToValues(),
        });
        // Dashboards over Trino; the Trino database is registered on first start.
        platform.Add(new Superset("superset"));
        // Lineage from Spark and the orchestrator lands in Marquez.
        platform.Add(new Marquez("lineage"));
        platform.Add(new SparkOperator("spark"));
        // Experiment tracking: runs in PostgreSQL, artifacts in the object store.
        platform.Add(new Mlflow("mlflow"));
        // Airflow or Dagster, as env/ says, running the same jobs; task logs kept in the object store.
        platform.AddOrchestrator(env, Jobs.All, logsBucket: "logs");
        // On AWS, the buckets, the Glue database and the workload roles as Crossplane resources (env/ aws:).
        platform.AddCloudResources(env);
        // Every Secret the components declare is delivered by the External Secrets Operator from env/'s secret store
        // (docs/secrets.md); its CRDs sync before everything but the monitoring stack, whatever the order here.
        platform.Add(new ExternalSecretsOperator("external-secrets"));
        // Workspaces (tenants): each its namespace, bucket, Iceberg namespace, Trino rules and resource group, lineage
        // namespace, AppProject and RBAC for the five roles; sizes per environment in env/'s workspaces: section.
        platform.AddWorkspace(new Workspace("analytics") { Description = "Reporting and dashboards over the curated tables" });
        platform.AddWorkspace(new Workspace("data-science") { Description = "Feature engineering and model training" });
    }
}
