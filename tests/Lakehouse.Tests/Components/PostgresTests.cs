using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Model.Contracts;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Components;

/// <summary>The platform's PostgreSQL: a role and a database per consumer, backups to the object store, metrics, HA.</summary>
public class PostgresTests
{
    private static EnvironmentRenderView Env(string env) => new(Render.Reference.Platform!.Environments.Single(e => e.Name == env));

    private sealed record EnvironmentRenderView(Lakehouse.Rendering.Pipeline.EnvironmentRender Render)
    {
        public ComponentSpec Spec(string component) => Render.Components.Single(c => c.Name == component).Spec;
    }

    [Fact]
    public void Every_consumer_gets_its_own_login_role_and_database_with_the_password_only_by_reference()
    {
        var values = Env("dev").Spec("postgres").Values;
        var roles = values["cluster"]!["roles"]!.AsArray().Select(r => r!.AsObject()).ToList();
        var databases = values["databases"]!.AsArray().Select(d => d!.AsObject()).ToList();
        var consumers = new[] { "iceberg_catalog", "lineage", "mlflow", "orchestrator", "superset" };
        Assert.Equal(consumers, roles.Select(r => (string)r["name"]!));
        Assert.Equal(consumers, databases.Select(d => (string)d["name"]!));
        Assert.All(databases, d => Assert.Equal((string)d["name"]!, (string)d["owner"]!));
        Assert.All(roles, r =>
        {
            Assert.True((bool)r["login"]!);
            Assert.False((bool)r["superuser"]!);
            Assert.Equal($"postgres-role-{((string)r["name"]!).Replace('_', '-')}", (string)r["passwordSecret"]!["name"]!);
            Assert.Null(r["password"]);
        });
        Assert.False((bool)values["cluster"]!["enableSuperuserAccess"]!);
    }

    [Fact]
    public void A_consumer_is_told_the_read_write_service_its_database_and_the_secret_in_its_own_namespace()
    {
        var postgres = (PostgresCluster)Render.Reference.Platform!.Environments.Single(e => e.Name == "dev").Components.Single(c => c.Name == "postgres").Placed.Component;
        var context = new ComponentContext(new Naming("lakehouse", "dev"), Fixtures.ReferenceEnvironments[0], []);
        var db = postgres.DatabaseFor(context, "iceberg-catalog");
        Assert.Equal("postgresql://postgres-rw.lakehouse-postgres.svc.cluster.local:5432", db.Endpoint.ToString());
        Assert.Equal("iceberg_catalog", db.Database);
        Assert.Equal(new SecretRef("iceberg-catalog-database", "username"), db.Username);
        Assert.Equal(new SecretRef("iceberg-catalog-database", "password"), db.Password);
        Assert.Equal("jdbc:postgresql://postgres-rw.lakehouse-postgres.svc.cluster.local:5432/iceberg_catalog", db.JdbcUrl);
    }

    [Fact]
    public void Backups_go_to_the_declared_bucket_on_the_platform_object_store()
    {
        var dev = Env("dev").Spec("postgres").Values["backups"]!;
        Assert.True((bool)dev["enabled"]!);
        Assert.Equal("s3://lakehouse-dev-postgres-backups/postgres/", (string?)dev["destinationPath"]);
        Assert.Equal("http://minio.lakehouse-object-storage.svc.cluster.local:80", (string?)dev["endpointURL"]);
        Assert.False((bool)dev["s3"]!["inheritFromIAMRole"]!);
        Assert.Equal("postgres-backup-s3-credentials", (string?)dev["secret"]!["name"]);
        Assert.False((bool)dev["secret"]!["create"]!);
        Assert.Equal("0 0 3 * * *", (string?)dev["scheduledBackups"]![0]!["schedule"]);
        Assert.Equal("7d", (string?)dev["retentionPolicy"]);
        // On AWS the instances write with their IAM role; no key Secret is read.
        var aws = Env("aws").Spec("postgres").Values["backups"]!;
        Assert.True((bool)aws["s3"]!["inheritFromIAMRole"]!);
        Assert.Equal("s3://lakehouse-aws-postgres-backups/postgres/", (string?)aws["destinationPath"]);
    }

    [Fact]
    public void The_exporter_is_on_and_its_pod_monitor_is_selected_by_prometheus()
    {
        var monitoring = Env("prod").Spec("postgres").Values["cluster"]!["monitoring"]!;
        Assert.True((bool)monitoring["enabled"]!);
        Assert.True((bool)monitoring["podMonitor"]!["enabled"]!);
        Assert.Equal("monitoring", (string?)monitoring["podMonitor"]!["labels"]!["release"]);
        var op = Env("prod").Spec("postgres-operator").Values["monitoring"]!;
        Assert.True((bool)op["podMonitorEnabled"]!);
    }

    [Fact]
    public void The_default_monitoring_queries_of_the_pinned_operator_chart_provide_the_alerts_metrics()
    {
        // PlatformRules reads cnpg_backends_total, cnpg_pg_settings_setting and cnpg_pg_stat_database_blks_*;
        // the exporter prefixes cnpg_ to each query name of the default queries ConfigMap.
        var text = File.ReadAllText(Paths.RequireUpstream("charts/cloudnative-pg/values.yaml"));
        Assert.Contains("    backends:\n", text);
        Assert.Contains("    pg_settings:\n", text);
        Assert.Contains("    pg_stat_database:\n", text);
        Assert.Contains("- blks_hit:", text);
        Assert.Contains("- blks_read:", text);
    }

    [Fact]
    public void Prod_runs_three_instances_spread_over_nodes_with_a_disruption_budget_and_dev_one()
    {
        var prod = Env("prod").Spec("postgres").Values["cluster"]!;
        Assert.Equal(3, (int)prod["instances"]!);
        Assert.True((bool)prod["enablePDB"]!);
        Assert.Equal("kubernetes.io/hostname", (string?)prod["affinity"]!["topologyKey"]);
        var dev = Env("dev").Spec("postgres").Values["cluster"]!;
        Assert.Equal(1, (int)dev["instances"]!);
        Assert.False((bool)dev["enablePDB"]!);
    }

    [Fact]
    public void Polaris_keeps_its_metadata_in_its_own_database()
    {
        var persistence = Env("dev").Spec("iceberg-catalog").Values["persistence"]!;
        Assert.Equal("relational-jdbc", (string?)persistence["type"]);
        Assert.Equal("iceberg-catalog-database", (string?)persistence["relationalJdbc"]!["secret"]!["name"]);
    }

    [Fact]
    public void Workload_identity_without_a_backup_role_is_a_configuration_error()
    {
        var config = Render.Environment("aws", Render.EnvironmentText("aws"));
        var problems = Lakehouse.Model.Configuration.EnvironmentConfigChecks.Check(config with { Postgres = config.Postgres with { ServiceAccountRoleArn = null } }).ToList();
        Assert.Contains(problems, p => p.KeyPath == "postgres" && p.Message.Contains("postgres.serviceAccountRoleArn", StringComparison.Ordinal));
    }
}
