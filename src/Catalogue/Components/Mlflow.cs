using System.Text.Json.Nodes;
using Lakehouse.Catalogue;
using Lakehouse.Catalogue.Charts;
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

        // S3 keys from the consumer's Secret, or (AWS) the workload identity of the service account.
        MlflowValuesArtifactRootS3ExistingSecret? keys = null;
        if (s3.AccessKey is { } accessKey && s3.SecretKey is { } secretKey)
        {
            if (accessKey.SecretName != secretKey.SecretName)
            {
                throw new InvalidOperationException("MLflow reads both S3 keys from one Secret");
            }
            keys = new() { Name = accessKey.SecretName, KeyOfAccessKeyId = accessKey.Key, KeyOfSecretAccessKey = secretKey.Key };
        }

        var values = new MlflowValues
        {
            ArtifactRoot = new()
            {
                ProxiedArtifactStorage = true,
                S3 = new()
                {
                    Enabled = true,
                    Bucket = storage.Bucket(context, ArtifactBucket),
                    ExistingSecret = keys,
                },
            },
            BackendStore = new()
            {
                DatabaseMigration = true,
                Postgres = new() { Enabled = true, Host = db.Endpoint.Host, Port = db.Endpoint.Port, Database = db.Database },
                // Username and password from the database Secret (the chart's default key names).
                ExistingDatabaseSecret = new() { Name = db.Username.SecretName },
            },
            ExtraEnvVars = new()
            {
                MLFLOWS3ENDPOINTURL = storage.S3Endpoint(context).ToString(),
                AWSDEFAULTREGION = storage.Region(context),
            },
            // The chart's pod context has no seccomp profile, which Pod Security "restricted" requires of the
            // server and its migration init container; its container context already is restricted. The chart's
            // schema leaves podSecurityContext open (templates/deployment.yaml renders it whole), and types no seccompProfile.
            PodSecurityContext = new() { AdditionalValues = new() { ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" } } },
            ReplicaCount = config.Replicas,
            Resources = ChartValues.From<MlflowValuesResources>(Values.Resources(config.Resources)),
            ServiceAccount = keys is null && config.ServiceAccountRoleArn is { } roleArn
                ? new() { Annotations = new() { ["eks.amazonaws.com/role-arn"] = roleArn } }
                : null,
            ServiceMonitor = new()
            {
                Enabled = true,
                Interval = context.Environment.Monitoring.Interval,
                Labels = new() { AdditionalValues = Values.Map(context.MonitorLabels) },
                Namespace = ns,
                // Scrape the Service's port by name ("http"); the default targetPort "http" names no container port
                // (MLflow's is "mlflow"), so the monitor would scrape nothing.
                UseServicePort = true,
            },
            // MLflow's auth app is off (auth.enabled false), so Flask's secret key signs nothing. Fixed rather than
            // left empty, because the chart then generates a random one into a pre-install/pre-upgrade hook Secret
            // (its lookup of an existing Secret never runs under Argo CD): new bytes on every render, recreated on
            // every sync. Enabling auth needs a real key from an out-of-band Secret instead.
            FlaskServerSecretKey = FlaskKeyWithoutAuth,
        };

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values.ToValues(),
            Manifests = StandardObjects.Baseline(context, this, [HttpPort], [HttpPort]),
            Metrics = new ChartMonitor("serviceMonitor.enabled"),
            Probes = new ChartTemplateProbes("templates/deployment.yaml"),
        };
    }
}
