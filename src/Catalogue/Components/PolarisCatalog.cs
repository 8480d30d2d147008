using System.Text.Json.Nodes;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model.Components;

/// <summary>
/// Apache Polaris, an Iceberg REST catalog (chart polaris from downloads.apache.org/polaris/helm-chart).
/// Chosen for its Apache governance, its internal OAuth2 token service (so every client is authenticated
/// without an external identity provider) and its published values.schema.json. See docs/decisions.md.
/// </summary>
/// <param name="Name">Component name.</param>
/// <param name="WarehouseBucket">Purpose of the bucket, declared on the object store, holding the warehouse.</param>
public sealed record PolarisCatalog(string Name, string WarehouseBucket) : Component(Name), IIcebergCatalog
{
    public static HelmChart Chart => Locked.Chart("polaris");

    public static ContainerImage Image => Locked.Image("polaris");

    private const int ApiPort = 8181;
    private const int ManagementPort = 8182;

    public override IReadOnlyList<Need> Needs => [Need.Of<IObjectStorage>(), Need.Of<IPostgres>()];

    private const string OAuth2Scope = "PRINCIPAL_ROLE:ALL";

    public Endpoint CatalogUri(ComponentContext context) =>
        Endpoint.InCluster("http", context.Naming.ChartFullName(Name, Chart.Name), context.NamespaceOf(this), ApiPort, "/api/catalog");

    /// <summary>Each consumer authenticates as its own Polaris principal, whose credential is in its namespace.</summary>
    public IcebergCatalogConnection ConnectionFor(ComponentContext context, string consumer) =>
        new RestCatalogConnection(CatalogUri(context), context.Environment.Catalog.WarehouseName(context.Naming), Credentials.CatalogCredential(context.Naming, consumer), OAuth2Scope)
        {
            WarehouseLocation = $"s3://{context.UseFor<IObjectStorage>(Name).Bucket(context, WarehouseBucket)}/",
        };

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var naming = context.Naming;
        var config = context.Environment.Catalog.Rest
            ?? throw new InvalidOperationException("catalog.rest is required for the REST catalog backend");
        var storage = context.Use<IObjectStorage>();
        // Resolving the bucket checks it is declared on the store, so a typo fails the render.
        _ = storage.Bucket(context, WarehouseBucket);
        var s3 = storage.CredentialsFor(context, Name);
        var db = context.Use<IPostgres>().DatabaseFor(context, Name);
        if (db.Username.SecretName != db.Password.SecretName || db.Username.Key != "username" || db.Password.Key != "password")
        {
            throw new InvalidOperationException("Polaris reads username and password from one Secret under the keys 'username' and 'password'");
        }

        var values = new JsonObject()
            .Set("replicaCount", config.Replicas)
            .Set("image.repository", Image.Repository)
            .Set("image.tag", Image.Tag)
            .Set("resources", Values.Resources(config.Resources))
            .Set("podDisruptionBudget.enabled", config.Replicas > 1)
            .Set("podDisruptionBudget.maxUnavailable", 1)
            .Set("realmContext.realms", Values.List("POLARIS"))
            .Set("features.SUPPORTED_CATALOG_STORAGE_TYPES", Values.List("S3"))
            // Catalog metadata in the platform's PostgreSQL: the database's Secret holds username and
            // password (the chart's default key names) and jdbcUrl (the chart reads the URL from the Secret only).
            .Set("persistence.type", "relational-jdbc")
            .Set("persistence.relationalJdbc.secret.name", db.Username.SecretName)
            // Tokens are signed with an RSA key pair from a Secret, so every replica accepts every token.
            .Set("authentication.type", "internal")
            .Set("authentication.tokenBroker.type", "rsa-key-pair")
            .Set("authentication.tokenBroker.secret.name", naming.Secret(Name, "token-broker"))
            // Polaris reads and writes table files with its own S3 user.
            .Set("storage.secret.name", s3.AccessKey?.SecretName)
            .Set("storage.secret.awsAccessKeyId", s3.AccessKey?.Key)
            .Set("storage.secret.awsSecretAccessKey", s3.SecretKey?.Key)
            .Set("extraEnv", Values.List(
                new JsonObject { ["name"] = "AWS_REGION", ["value"] = storage.Region(context) },
                new JsonObject { ["name"] = "AWS_ENDPOINT_URL_S3", ["value"] = storage.S3Endpoint(context).ToString() }))
            .Set("metrics.enabled", true)
            .Set("serviceMonitor.enabled", true)
            .Set("serviceMonitor.interval", context.Environment.Monitoring.Interval)
            .Set("serviceMonitor.labels", Values.Map(context.MonitorLabels));

        if (config.Replicas > 1)
        {
            values.Set("affinity", Values.SpreadOverNodes(new Dictionary<string, string>
            {
                ["app.kubernetes.io/name"] = "polaris",
                ["app.kubernetes.io/instance"] = naming.Release(Name),
            }));
        }

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values,
            Manifests = StandardObjects.Baseline(context, this, [ApiPort], [ManagementPort]),
            Metrics = new ChartMonitor("serviceMonitor.enabled"),
            Probes = new ChartTemplateProbes("templates/deployment.yaml"),
        };
    }
}
