using Lakehouse.Model;
using Lakehouse.Model.Checks;
using Lakehouse.Model.Data;
using Lakehouse.Model.Jobs;
using Lakehouse.Tests.Support;
using Sample = Lakehouse.Definitions.Data;

namespace Lakehouse.Tests.Data;

/// <summary>
/// dbt runs as a task (docs/data-operations.md): the project generated from the declarations, materialising
/// Iceberg tables in Parquet; its profile generated from the platform's Trino (endpoint, catalog, CA); credentials
/// from the orchestrator's Trino Secret; container tasks' declared environment and Secret references honoured
/// by both orchestrators' generated code.
/// </summary>
public class DbtTests
{
    private static string Data(string env, string configMap, string key) =>
        (string)Render.Spec(env, "orchestrator").Manifests.Single(m => m.Name == configMap).Body["data"]![key]!;

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("aws")]
    public void The_profile_comes_from_the_platforms_trino_with_its_ca_and_credentials_from_a_secret(string env)
    {
        var profile = Data(env, "orchestrator-dbt-project", "profiles.yml");
        // Project and profile are named after the platform (a renamed platform renames them: PlatformRenameTests).
        Assert.StartsWith("lakehouse:\n  target: platform\n", profile);
        Assert.StartsWith("name: lakehouse\n", Data(env, "orchestrator-dbt-project", "dbt_project.yml"));
        Assert.Contains("type: trino\n", profile);
        Assert.Contains("method: ldap\n", profile);
        Assert.Contains("host: trino.lakehouse-trino.svc.cluster.local\n", profile);
        Assert.Contains("port: 8443\n", profile);
        Assert.Contains("http_scheme: https\n", profile);
        Assert.Contains("cert: /etc/lakehouse/trino-ca/ca.pem\n", profile);
        Assert.Contains("database: iceberg\n", profile);
        Assert.Contains("password: \"{{ env_var('DBT_TRINO_PASSWORD') }}\"\n", profile);
    }

    [Fact]
    public void Models_materialise_iceberg_tables_in_parquet_in_their_declared_namespace()
    {
        var files = Sample.Catalog.Dbt.Files("lakehouse").ToDictionary(f => f.Path, f => f.Content);
        Assert.Contains("    +materialized: table\n    +properties:\n      format: \"'PARQUET'\"\n", files["dbt_project.yml"]);
        Assert.Equal(
            "{{ config(schema='gold') }}\nSELECT CAST(ordered_at AS DATE) AS order_date, count(*) AS orders, sum(amount) AS revenue\nFROM {{ source('silver', 'orders') }}\nWHERE status = 'completed'\nGROUP BY CAST(ordered_at AS DATE)\n",
            files["models/gold/daily_revenue.sql"]);
        // The schema a model names is used as is, not prefixed with the profile's.
        Assert.Contains("custom_schema_name if custom_schema_name is not none", files["macros/generate_schema_name.sql"]);
        // A model reading another model's table refers to it with ref(), so dbt orders them.
        var chained = Sample.Catalog with
        {
            Models = [.. Sample.Catalog.Models, new DbtModel(new Table("gold", "top_days"), TableSql.Of($"SELECT * FROM {Sample.GoldDailyRevenue} ORDER BY revenue DESC LIMIT 10"))],
        };
        Assert.Contains("FROM {{ ref('daily_revenue') }}", chained.Dbt.Files("lakehouse").Single(f => f.Path == "models/gold/top_days.sql").Content);
    }

    [Fact]
    public void A_dbt_task_runs_the_locked_image_on_the_mounted_project_with_lineage_to_marquez()
    {
        var dag = Data("dev", "orchestrator-dags", "medallion_orders.py");
        Assert.Contains($"image=\"{Locked.Image("dbt-trino")}\"", dag);
        Assert.Contains("cmds=[\"dbt-ol\"]", dag);
        Assert.Contains("arguments=[\"run\", \"--select\", \"daily_revenue customer_revenue\", \"--project-dir\", \"/opt/lakehouse/dbt\", \"--profiles-dir\", \"/opt/lakehouse/dbt\"", dag);
        Assert.Contains("k8s.V1EnvVar(name=\"DBT_TRINO_PASSWORD\", value_from=k8s.V1EnvVarSource(secret_key_ref=k8s.V1SecretKeySelector(name=\"orchestrator-trino\", key=\"password\")))", dag);
        Assert.Contains("k8s.V1EnvVar(name=\"OPENLINEAGE_URL\", value=\"http://lineage-marquez.lakehouse-lineage.svc.cluster.local:80\")", dag);
        Assert.Contains("k8s.V1ConfigMapVolumeSource(name=\"orchestrator-dbt-project\", items=[k8s.V1KeyToPath(key=\"dbt_project.yml\", path=\"dbt_project.yml\")", dag);
        Assert.Contains("k8s.V1KeyToPath(key=\"models__gold__daily_revenue.sql\", path=\"models/gold/daily_revenue.sql\")", dag);
        Assert.Contains("k8s.V1VolumeMount(name=\"orchestrator-dbt-project\", mount_path=\"/opt/lakehouse/dbt\", read_only=True)", dag);
    }

    [Fact]
    public void Container_tasks_get_their_declared_environment_and_secret_references_under_both_orchestrators()
    {
        var task = new ContainerTask("export", new ContainerImage("busybox", "1.37"), ["sh", "-c", "env"])
        {
            Environment = [("EXPORT_FORMAT", "csv")],
            SecretEnvironment = [("API_TOKEN", new SecretRef("orchestrator-export", "token"))],
        };
        var job = new JobSpec("export", null, [task]);
        var run = new PodRun(task.Name, [], task.Image, task.Command, task.SecretEnvironment, []) { Environment = task.Environment };
        var airflow = AirflowDags.Render(job, [run], "ns", "lakehouse");
        Assert.Contains("env_vars=[k8s.V1EnvVar(name=\"EXPORT_FORMAT\", value=\"csv\"), k8s.V1EnvVar(name=\"API_TOKEN\", value_from=k8s.V1EnvVarSource(secret_key_ref=k8s.V1SecretKeySelector(name=\"orchestrator-export\", key=\"token\")))]", airflow);
        var dagster = DagsterDefinitions.Render([(job, [run])], "ns");
        Assert.Contains("\"env\": [{\"name\": \"EXPORT_FORMAT\", \"value\": \"csv\"}, {\"name\": \"API_TOKEN\", \"value_from\": {\"secret_key_ref\": {\"name\": \"orchestrator-export\", \"key\": \"token\"}}}]", dagster);
    }

    [Fact]
    public void The_resolver_passes_a_container_tasks_environment_to_its_pod()
    {
        // The reference platform's resolution of the same task shape (through TaskRuns.Resolve's container case).
        var (_, context) = Contexts.For<Component>(Contexts.Environment("dev"), "orchestrator");
        var task = new ContainerTask("export", new ContainerImage("busybox", "1.37"), ["env"])
        {
            Environment = [("A", "1")],
            SecretEnvironment = [("B", new SecretRef("orchestrator-export", "b"))],
        };
        var run = (PodRun)TaskRuns.Resolve(context, "orchestrator", new JobSpec("export", null, [task])).Single();
        Assert.Equal([("A", "1")], run.Environment);
        Assert.Equal("orchestrator-export", run.SecretEnvironment.Single().Secret.SecretName);
    }

    [Theory]
    [InlineData("{{ env_var('DBT_TRINO_PASSWORD') }}", true)]
    [InlineData("{{env_var('X')}}", true)]
    [InlineData("{{ 'hunter2' }}", false)]
    [InlineData("{{ env_var('X') }} and more", false)]
    public void A_dbt_env_var_lookup_is_a_reference_not_a_literal_credential(string value, bool reference) =>
        Assert.Equal(reference, CredentialName.IsReference(value));
}
