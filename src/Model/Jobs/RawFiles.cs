using System.Text.Json.Nodes;
using Lakehouse.Model.Contracts;

namespace Lakehouse.Model.Jobs;

/// <summary>
/// What a Spark application needs to read files of the platform's buckets directly (not through Iceberg, whose
/// S3FileIO brings its own client): Hadoop's S3A file system at the version of the image's Hadoop, pointed at the
/// platform's store, with the AWS default credential chain (the access keys the SparkApplication already has as
/// environment variables, or the service account's web identity where the store is Amazon S3).
/// </summary>
public static class RawFiles
{
    /// <summary>hadoop-aws at the Hadoop version of Spark 3.5's images (3.3.4); it brings the AWS SDK bundle it was built with.</summary>
    public const string HadoopAwsPackage = "org.apache.hadoop:hadoop-aws:3.3.4";

    /// <summary>Adds S3A's package and settings to <paramref name="application"/> (a SparkApplication body).</summary>
    public static void Enable(JsonObject application, ComponentContext context, IObjectStorage storage)
    {
        var spec = application["spec"]!.AsObject();
        var conf = spec["sparkConf"] as JsonObject ?? [];
        spec["sparkConf"] = conf;
        conf["spark.hadoop.fs.s3a.endpoint"] = storage.S3Endpoint(context).ToString();
        conf["spark.hadoop.fs.s3a.endpoint.region"] = storage.Region(context);
        conf["spark.hadoop.fs.s3a.path.style.access"] = storage.PathStyleAccess(context) ? "true" : "false";
        conf["spark.hadoop.fs.s3a.aws.credentials.provider"] = "com.amazonaws.auth.DefaultAWSCredentialsProviderChain";
        var deps = spec["deps"] as JsonObject ?? [];
        spec["deps"] = deps;
        var packages = deps["packages"] as JsonArray ?? [];
        deps["packages"] = packages;
        packages.Add(HadoopAwsPackage);
    }
}
