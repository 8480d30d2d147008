using System.Diagnostics;
using System.Text.RegularExpressions;
using Lakehouse.Model;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Components;

/// <summary>
/// Airflow and Dagster run the same orchestrator-agnostic jobs: DAG files and Dagster definitions generated
/// from one JobSpec, with the same tasks in the same order; executors, secrets and metrics as env/ says.
/// </summary>
public class OrchestratorTests
{
    private static ComponentSpec Spec(string env, string component = "orchestrator") =>
        Render.Spec(env, component);

    private static string ConfigMapFile(string env, string file) =>
        (string)Spec(env).Manifests.Single(m => m.Kind == "ConfigMap" && m.Body["data"]![file] is not null).Body["data"]![file]!;

    private static string Dag(string env) => ConfigMapFile(env, "maintain_bronze.py");

    private static string DagsterDefinitions(string env) => ConfigMapFile(env, "definitions.py");

    [Fact]
    public void The_same_job_has_the_same_tasks_in_the_same_order_under_both_orchestrators()
    {
        var airflow = Regex.Matches(Dag("dev"), "task_id=\"([a-z0-9-]+)\"").Select(m => m.Groups[1].Value).ToList();
        var dagster = Regex.Matches(DagsterDefinitions("staging"), "name=\"maintain_bronze__([a-z0-9_]+)\"").Select(m => m.Groups[1].Value.Replace('_', '-')).ToList();
        Assert.Equal(["ensure-tables", "compact-bronze-orders", "expire-bronze-orders"], airflow);
        Assert.Equal(airflow, dagster);
        Assert.Contains("t_ensure_tables >> t_compact_bronze_orders\n", Dag("dev"));
        Assert.Contains("t_compact_bronze_orders >> t_expire_bronze_orders\n", Dag("dev"));
        Assert.Contains("compact_bronze_orders = maintain_bronze__compact_bronze_orders(start_after=[ensure_tables])", DagsterDefinitions("staging"));
        Assert.Contains("cron_schedule=\"0 3 * * *\"", DagsterDefinitions("staging"));
        Assert.Contains("schedule=\"0 3 * * *\"", Dag("dev"));
    }

    [Theory]
    [InlineData("dev", "maintain_bronze.py")]
    [InlineData("dev", "medallion_orders.py")]
    [InlineData("prod", "medallion_orders.py")]
    [InlineData("staging", "definitions.py")]
    public void The_generated_python_compiles(string env, string file)
    {
        var python = FindPython();
        Assert.SkipWhen(python is null, "python3 is not installed; the generated code's syntax is not checked");
        var path = Path.Combine(Path.GetTempPath(), $"lakehouse-{Guid.NewGuid():N}.py");
        File.WriteAllText(path, ConfigMapFile(env, file));
        try
        {
            using var process = Process.Start(new ProcessStartInfo(python!, ["-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())", path])
            {
                RedirectStandardError = true,
            })!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Sql_tasks_run_the_trino_client_with_credentials_from_a_secret_over_verified_https()
    {
        var dag = Dag("dev");
        Assert.Contains("image=\"trinodb/trino:480\"", dag);
        Assert.Contains("--server=https://trino.lakehouse-trino.svc.cluster.local:8443", dag);
        Assert.Contains("--truststore-path=/etc/lakehouse/trino-ca/ca.pem", dag);
        Assert.Contains("secret_key_ref=k8s.V1SecretKeySelector(name=\"orchestrator-trino\", key=\"password\")", dag);
        Assert.DoesNotContain("--insecure", dag);
    }

    [Fact]
    public void Spark_tasks_submit_the_platform_spark_application()
    {
        Assert.Contains("SparkKubernetesOperator(", Dag("dev"));
        Assert.Contains("namespace=\"lakehouse-spark\"", Dag("dev"));
        Assert.Contains("\"spark.sql.catalog.iceberg.type\": \"rest\"", Dag("dev"));
        // Dagster creates it with kubectl under a generated name and polls its state.
        var dagster = DagsterDefinitions("staging");
        Assert.Contains("\\\"generateName\\\":\\\"orchestrator-maintain-bronze-compact-bronze-orders-\\\"", dagster);
        Assert.Contains("\\\"spark.sql.catalog.iceberg.type\\\":\\\"jdbc\\\"", dagster);
        Assert.Contains("FAILED|SUBMISSION_FAILED", dagster);
    }

    [Fact]
    public void Airflow_uses_the_kubernetes_executor_by_default_and_celery_with_flower_and_valkey_where_env_says()
    {
        var dev = Spec("dev").Values;
        Assert.Equal("KubernetesExecutor", (string?)dev["executor"]);
        Assert.Null(dev["flower"]);
        // Named with every executor, so the chart renders no broker Secret of its own (it would hold
        // "%!s(<nil>)" without Redis; HydrationTests' template-errors check); only Celery pods read it.
        Assert.Equal("orchestrator-broker", (string?)dev["data"]!["brokerUrlSecretName"]);
        var prod = Spec("prod").Values;
        Assert.Equal("CeleryExecutor", (string?)prod["executor"]);
        Assert.True((bool)prod["flower"]!["enabled"]!);
        Assert.Equal("orchestrator-broker", (string?)prod["data"]!["brokerUrlSecretName"]);
        Assert.Equal(3, (long)prod["workers"]!["replicas"]!);
        Assert.True((bool)prod["workers"]!["podDisruptionBudget"]!["enabled"]!);
        Assert.True((bool)prod["scheduler"]!["podDisruptionBudget"]!["enabled"]!);
        Assert.Null(dev["scheduler"]!["podDisruptionBudget"]);
        Assert.False((bool)prod["redis"]!["enabled"]!);
        // Valkey lets the orchestrator in.
        Assert.Contains("kubernetes.io/metadata.name: lakehouse-orchestrator", Render.ReferenceTree.Files["gitops/prod/apps/valkey/networkpolicy-default-ingress.yaml"]);
    }

    [Fact]
    public void Airflow_keeps_every_secret_in_existing_secrets_and_creates_no_default_admin()
    {
        var values = Spec("dev").Values;
        Assert.False((bool)values["postgresql"]!["enabled"]!);
        Assert.Equal("orchestrator-metadata", (string?)values["data"]!["metadataSecretName"]);
        Assert.Equal("orchestrator-fernet-key", (string?)values["fernetKeySecretName"]);
        Assert.Equal("orchestrator-api-secret-key", (string?)values["apiSecretKeySecretName"]);
        Assert.Equal("orchestrator-jwt-secret", (string?)values["jwtSecretName"]);
        Assert.False((bool)values["createUserJob"]!["enabled"]!);
    }

    [Fact]
    public void Airflow_metrics_come_from_its_statsd_exporter_and_lineage_goes_to_marquez()
    {
        var spec = Spec("dev");
        Assert.True((bool)spec.Values["statsd"]!["enabled"]!);
        var monitor = spec.Manifests.Single(m => m.Kind == "ServiceMonitor").Body;
        Assert.Equal("statsd-scrape", (string?)monitor["spec"]!["endpoints"]![0]!["port"]);
        Assert.Equal("statsd", (string?)monitor["spec"]!["selector"]!["matchLabels"]!["component"]);
        var openlineage = spec.Values["config"]!["openlineage"]!;
        Assert.Contains("http://lineage-marquez.lakehouse-lineage.svc.cluster.local:80", (string?)openlineage["transport"]);
        Assert.Equal("lakehouse-dev", (string?)openlineage["namespace"]);
    }

    [Fact]
    public void Dagster_keeps_runs_in_postgres_with_the_password_from_an_existing_secret()
    {
        var values = Spec("staging").Values;
        Assert.False((bool)values["postgresql"]!["enabled"]!);
        Assert.False((bool)values["generatePostgresqlPasswordSecret"]!);
        Assert.Equal("postgres-rw.lakehouse-postgres.svc.cluster.local", (string?)values["postgresql"]!["postgresqlHost"]);
        Assert.Equal("orchestrator", (string?)values["postgresql"]!["postgresqlUsername"]);
        Assert.Equal("orchestrator-postgresql", (string?)values["global"]!["postgresqlSecretName"]);
        Assert.Equal("K8sRunLauncher", (string?)values["runLauncher"]!["type"]);
        Assert.IsType<NoMetrics>(Spec("staging").Metrics);
    }

    private static string? FindPython() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "python3")).FirstOrDefault(File.Exists);
}
