using Lakehouse.Model;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Components;

/// <summary>MLflow: metadata in its PostgreSQL database, artifacts proxied to the object store, metrics, IRSA on aws.</summary>
public class MlflowTests
{
    private static ComponentSpec Spec(string env) =>
        Render.Spec(env, "mlflow");

    [Fact]
    public void Runs_live_in_the_platform_postgres_with_credentials_from_the_database_secret()
    {
        var store = Spec("dev").Values["backendStore"]!;
        Assert.True((bool)store["postgres"]!["enabled"]!);
        Assert.Equal("postgres-rw.lakehouse-postgres.svc.cluster.local", (string?)store["postgres"]!["host"]);
        Assert.Equal("mlflow", (string?)store["postgres"]!["database"]);
        Assert.Null(store["postgres"]!["password"]);
        Assert.Equal("mlflow-database", (string?)store["existingDatabaseSecret"]!["name"]);
    }

    [Fact]
    public void Artifacts_go_through_the_server_to_the_declared_bucket()
    {
        var values = Spec("staging").Values;
        Assert.True((bool)values["artifactRoot"]!["proxiedArtifactStorage"]!);
        Assert.Equal("lakehouse-staging-mlflow-artifacts", (string?)values["artifactRoot"]!["s3"]!["bucket"]);
        Assert.Equal("mlflow-s3-credentials", (string?)values["artifactRoot"]!["s3"]!["existingSecret"]!["name"]);
        Assert.Equal("http://object-storage-seaweedfs-s3.lakehouse-object-storage.svc.cluster.local:8333", (string?)values["extraEnvVars"]!["MLFLOW_S3_ENDPOINT_URL"]);
    }

    [Fact]
    public void On_aws_the_server_uses_its_iam_role_and_no_key_secret()
    {
        var values = Spec("aws").Values;
        Assert.Null(values["artifactRoot"]!["s3"]!["existingSecret"]);
        Assert.Equal("arn:aws:iam::123456789012:role/lakehouse-aws-mlflow", (string?)values["serviceAccount"]!["annotations"]!["eks.amazonaws.com/role-arn"]);
    }

    [Fact]
    public void The_chart_service_monitor_is_on_in_the_component_namespace()
    {
        var monitor = Spec("dev").Values["serviceMonitor"]!;
        Assert.True((bool)monitor["enabled"]!);
        Assert.Equal("lakehouse-mlflow", (string?)monitor["namespace"]);
        Assert.Equal("monitoring", (string?)monitor["labels"]!["release"]);
    }
}
