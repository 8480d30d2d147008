using System.Text.Json.Nodes;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model.Components;

/// <summary>
/// The MLflow tracking server (chart mlflow from community-charts.github.io/helm-charts): runs and models
/// in its database on the platform's PostgreSQL, artifacts in the object store's mlflow-artifacts bucket.
/// The server proxies artifact access, so clients need no object-store credentials of their own.
/// </summary>
/// <param name="Name">Component name.</param>
/// <param name="ArtifactBucket">Purpose of the bucket, declared on the object store, holding the artifacts.</param>
public sealed record Mlflow(string Name, string ArtifactBucket = "mlflow-artifacts") : Component(Name)
{
    public static HelmChart Chart => Locked.Chart("mlflow");

    private const int HttpPort = 5000;

    /// <summary>Flask's secret key while MLflow's auth app is disabled: not a secret, it protects nothing.</summary>
    /// <summary>Flask's secret key while MLflow's auth app is off: nothing reads it (see Describe).</summary>
    private static readonly string FlaskKeyWithoutAuth = Checks.CredentialName.Unused("MLflow's auth app is off, so Flask's secret key signs nothing");

    public override IReadOnlyList<Need> Needs => [Need.Of<IPostgres>(), Need.Of<IObjectStorage>()];

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var config = context.Environment.Mlflow;
        var db = context.Use<IPostgres>().DatabaseFor(context, Name);
        var storage = context.Use<IObjectStorage>();
        var s3 = storage.CredentialsFor(context, Name);

        var values = new JsonObject()
            .Set("replicaCount", config.Replicas)
            .Set("resources", Values.Resources(config.Resources))
            .Set("backendStore.databaseMigration", true)
            .Set("backendStore.postgres.enabled", true)
            .Set("backendStore.postgres.host", db.Endpoint.Host)
            .Set("backendStore.postgres.port", db.Endpoint.Port)
            .Set("backendStore.postgres.database", db.Database)
            // Username and password from the database Secret (the chart's default key names).
            .Set("backendStore.existingDatabaseSecret.name", db.Username.SecretName)
            .Set("artifactRoot.proxiedArtifactStorage", true)
            .Set("artifactRoot.s3.enabled", true)
            .Set("artifactRoot.s3.bucket", storage.Bucket(context, ArtifactBucket))
            .Set("extraEnvVars", new JsonObject
            {
                ["MLFLOW_S3_ENDPOINT_URL"] = storage.S3Endpoint(context).ToString(),
                ["AWS_DEFAULT_REGION"] = storage.Region(context),
            })
            // The chart's pod context has no seccomp profile, which Pod Security "restricted" requires of the
            // server and its migration init container; its container context already is restricted.
            .Set("podSecurityContext.seccompProfile.type", "RuntimeDefault")
            // MLflow's auth app is off (auth.enabled false), so Flask's secret key signs nothing. Fixed rather than
            // left empty, because the chart then generates a random one into a pre-install/pre-upgrade hook Secret
            // (its lookup of an existing Secret never runs under Argo CD): new bytes on every render, recreated on
            // every sync. Enabling auth needs a real key from an out-of-band Secret instead.
            .Set("flaskServerSecretKey", FlaskKeyWithoutAuth)
            .Set("serviceMonitor.enabled", true)
            // Scrape the Service's port by name ("http"); the default targetPort "http" names no container port
            // (MLflow's is "mlflow"), so the monitor would scrape nothing.
            .Set("serviceMonitor.useServicePort", true)
            .Set("serviceMonitor.namespace", ns)
            .Set("serviceMonitor.interval", context.Environment.Monitoring.Interval)
            .Set("serviceMonitor.labels", Values.Map(context.MonitorLabels));

        if (s3.AccessKey is not null && s3.SecretKey is not null)
        {
            if (s3.AccessKey.SecretName != s3.SecretKey.SecretName)
            {
                throw new InvalidOperationException("MLflow reads both S3 keys from one Secret");
            }
            values.Set("artifactRoot.s3.existingSecret.name", s3.AccessKey.SecretName)
                .Set("artifactRoot.s3.existingSecret.keyOfAccessKeyId", s3.AccessKey.Key)
                .Set("artifactRoot.s3.existingSecret.keyOfSecretAccessKey", s3.SecretKey.Key);
        }
        else if (config.ServiceAccountRoleArn is { } roleArn)
        {
            values.Set("serviceAccount.annotations", new JsonObject { ["eks.amazonaws.com/role-arn"] = roleArn });
        }

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values,
            Manifests = StandardObjects.Baseline(context, this, [HttpPort], [HttpPort]),
            Metrics = new ChartMonitor("serviceMonitor.enabled"),
            Probes = new ChartTemplateProbes("templates/deployment.yaml"),
        };
    }
}
