using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Data;

/// <summary>
/// The medallion sample as rendered (docs/data-operations.md#the-medallion-sample): bronze reads the environment's
/// raw bucket through S3A, and the Spark layers report lineage to Marquez.
/// </summary>
public class MedallionTests
{
    private static string Dag(string env) =>
        (string)Render.Spec(env, "orchestrator").Manifests.Single(m => m.Name == "orchestrator-dags").Body["data"]!["medallion_orders.py"]!;

    [Theory]
    [InlineData("dev", "lakehouse-dev-raw", "http://minio.lakehouse-object-storage.svc.cluster.local:80", "true")]
    [InlineData("aws", "lakehouse-aws-raw", "https://s3.eu-west-1.amazonaws.com:443", "false")]
    public void Bronze_reads_the_environments_raw_bucket_through_s3a(string env, string bucket, string endpoint, string pathStyle)
    {
        var dag = Dag(env);
        Assert.Contains($"OPTIONS (path 's3a://{bucket}/orders/')", dag);
        Assert.DoesNotContain("${bucket:", dag);
        Assert.Contains("\"org.apache.hadoop:hadoop-aws:3.3.4\"", dag);
        Assert.Contains($"\"spark.hadoop.fs.s3a.endpoint\": \"{endpoint}\"", dag);
        Assert.Contains($"\"spark.hadoop.fs.s3a.path.style.access\": \"{pathStyle}\"", dag);
        Assert.Contains("\"spark.hadoop.fs.s3a.aws.credentials.provider\": \"com.amazonaws.auth.DefaultAWSCredentialsProviderChain\"", dag);
    }

    [Fact]
    public void Only_the_task_reading_raw_files_gets_s3a()
    {
        var dag = Dag("dev");
        var merge = dag[dag.IndexOf("t_merge_silver = ", StringComparison.Ordinal)..dag.IndexOf("t_quality_silver_orders = ", StringComparison.Ordinal)];
        Assert.DoesNotContain("hadoop-aws", merge);
    }

    [Fact]
    public void The_spark_layers_report_lineage_to_marquez_under_the_pipelines_name()
    {
        var dag = Dag("dev");
        Assert.Contains("\"spark.extraListeners\": \"io.openlineage.spark.agent.OpenLineageSparkListener\"", dag);
        Assert.Contains("\"spark.openlineage.parentJobName\": \"medallion-orders\"", dag);
        Assert.Contains("\"spark.openlineage.transport.url\": \"http://lineage-marquez.lakehouse-lineage.svc.cluster.local:80\"", dag);
    }
}
