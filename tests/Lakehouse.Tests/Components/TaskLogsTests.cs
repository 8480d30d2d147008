using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Model.Configuration;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Components;

/// <summary>
/// Task logs kept in the object store: Airflow's remote logging and Dagster's S3ComputeLogManager write to the
/// declared "logs" bucket under the orchestrator's prefix, with keys from its Secret, or its IAM role on aws.
/// </summary>
public class TaskLogsTests
{
    private static JsonObject Values(string env) => Render.Spec(env, "orchestrator").Values;

    [Theory]
    [InlineData("dev", "lakehouse-dev-logs")]
    [InlineData("prod", "lakehouse-prod-logs")]
    [InlineData("aws", "lakehouse-aws-logs")]
    public void Airflow_writes_task_logs_to_the_declared_bucket_under_its_prefix(string env, string bucket)
    {
        var logging = Values(env)["config"]!["logging"]!;
        Assert.Equal("True", (string?)logging["remote_logging"]);
        Assert.Equal($"s3://{bucket}/orchestrator", (string?)logging["remote_base_log_folder"]);
        Assert.Equal(Airflow.LogsConnection, (string?)logging["remote_log_conn_id"]);
        Assert.Equal(new Naming("lakehouse", env).Bucket("logs"), bucket);
        // The connection Airflow resolves that id to, from its environment: the store's endpoint, no keys.
        var connection = Values(env)["env"]!.AsArray().Single(e => (string?)e!["name"] == "AIRFLOW_CONN_OBJECT_STORAGE_LOGS")!;
        var extra = JsonNode.Parse((string)connection["value"]!)!["extra"]!;
        Assert.Equal("aws", (string?)JsonNode.Parse((string)connection["value"]!)!["conn_type"]);
        Assert.Equal(env == "aws" ? "https://s3.eu-west-1.amazonaws.com:443" : "http://minio.lakehouse-object-storage.svc.cluster.local:80", (string?)extra["endpoint_url"]);
        Assert.Equal(env == "aws" ? "virtual" : "path", (string?)extra["config_kwargs"]!["s3"]!["addressing_style"]);
        Assert.DoesNotContain("secret", extra.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Airflow_reads_the_store_keys_from_its_own_secret()
    {
        var secret = Values("dev")["secret"]!.AsArray();
        Assert.Equal(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"], secret.Select(s => (string?)s!["envName"]));
        Assert.All(secret, s => Assert.Equal("orchestrator-s3-credentials", (string?)s!["secretName"]));
        Assert.Equal(["access-key", "secret-key"], secret.Select(s => (string?)s!["secretKey"]));
    }

    [Fact]
    public void On_aws_airflow_signs_in_with_its_iam_role_on_every_service_account_and_reads_no_keys()
    {
        var values = Values("aws");
        Assert.Null(values["secret"]);
        foreach (var section in new[] { "workers", "scheduler", "apiServer", "triggerer", "dagProcessor" })
        {
            Assert.Equal("arn:aws:iam::123456789012:role/lakehouse-aws-orchestrator", (string?)values[section]!["serviceAccount"]!["annotations"]!["eks.amazonaws.com/role-arn"]);
        }
    }

    [Fact]
    public void Dagster_writes_compute_logs_with_the_s3_compute_log_manager()
    {
        var values = Values("staging");
        Assert.Equal("S3ComputeLogManager", (string?)values["computeLogManager"]!["type"]);
        var s3 = values["computeLogManager"]!["config"]!["s3ComputeLogManager"]!;
        Assert.Equal("lakehouse-staging-logs", (string?)s3["bucket"]);
        Assert.Equal("orchestrator", (string?)s3["prefix"]);
        Assert.Equal("http://object-storage-seaweedfs-s3.lakehouse-object-storage.svc.cluster.local:8333", (string?)s3["endpointUrl"]);
        // The webserver reads them; run workers (which inherit the code location's environment) write them.
        foreach (var env in new[] { values["dagsterWebserver"]!["env"]!, values["dagster-user-deployments"]!["deployments"]![0]!["env"]! })
        {
            Assert.Equal(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"], env.AsArray().Select(e => (string?)e!["name"]));
            Assert.All(env.AsArray(), e => Assert.Equal("orchestrator-s3-credentials", (string?)e!["valueFrom"]!["secretKeyRef"]!["name"]));
        }
        Assert.True((bool)values["dagster-user-deployments"]!["deployments"]![0]!["includeConfigInLaunchedRuns"]!["enabled"]!);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    public void The_object_store_gives_the_orchestrator_its_own_identity(string env)
    {
        var store = Render.Spec(env, "object-storage").Values;
        var identities = env == "dev"
            ? store["tenant"]!["users"]!.AsArray().Select(u => (string)u!["name"]!).ToList()
            : ((string)store["filer"]!["podAnnotations"]![SeaweedfsStorage.IdentitiesAnnotation]!).Split(',').ToList();
        Assert.Contains(env == "dev" ? "object-storage-user-orchestrator" : "orchestrator", identities);
        Assert.Contains("lakehouse-orchestrator", Render.Spec(env, "object-storage").Manifests
            .Single(m => m.Kind == "NetworkPolicy" && m.Name == "default-ingress").Body.ToJsonString());
    }

    private static IPlatformDefinition LogsPlatform(IReadOnlyList<string> buckets, string logsBucket) => new TestPlatform((platform, env) =>
    {
        platform.Add(new Monitoring("monitoring"));
        platform.Add(new ArgoCd("argocd"));
        platform.AddObjectStorage(env, buckets);
        platform.AddPostgres();
        platform.Add(new Valkey("valkey"));
        platform.AddOrchestrator(env, [], logsBucket);
        platform.Add(new ExternalSecretsOperator("external-secrets"));
    });

    [Fact]
    public void A_logs_bucket_the_store_does_not_declare_fails_the_render()
    {
        var outcome = RenderPipeline.Render(LogsPlatform(["postgres-backups"], "logs"), Fixtures.ReferenceEnvironments);
        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Diagnostics, d => d.ToString().Contains("bucket 'logs' is not declared on object store 'object-storage'", StringComparison.Ordinal));
        Assert.True(RenderPipeline.Render(LogsPlatform(["postgres-backups", "logs"], "logs"), Fixtures.ReferenceEnvironments).Succeeded);
    }

    [Fact]
    public void Workload_identity_without_the_orchestrators_role_fails_the_render()
    {
        var text = Render.EnvironmentText("aws");
        var withoutRole = string.Join('\n', text.Split('\n').Where(l => !l.Contains("lakehouse-aws-orchestrator", StringComparison.Ordinal)));
        var outcome = RenderPipeline.Render(LogsPlatform(["postgres-backups", "logs"], "logs"), [Render.Environment("aws", withoutRole)]);
        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Diagnostics, d => d.ToString().Contains("set orchestrator.serviceAccountRoleArn", StringComparison.Ordinal));
    }
}
