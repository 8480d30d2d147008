using System.Text.Json.Nodes;
using Lakehouse.Catalogue.Charts;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Model.Secrets;

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
        new RestCatalogConnection(CatalogUri(context), context.Environment.Catalog.WarehouseName(context.Naming), Credentials.DeclareCatalogCredential(context, consumer, "the Polaris catalog"), OAuth2Scope)
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
        context.Secrets.Declare(db.Username.SecretName, "jdbcUrl", SecretSource.Plain(db.JdbcUrl));
        foreach (var key in new[] { "public.pem", "private.pem" })
        {
            context.Secrets.Declare(naming.Secret(Name, "token-broker"), key,
                SecretSource.Store(naming.Object(Name, "token-broker"), key, $"the {key.Split('.')[0]} half of the RSA key pair Polaris signs tokens with (PEM; `openssl genrsa` and `openssl rsa -pubout`)"));
        }

        var values = new PolarisValues
        {
            ReplicaCount = config.Replicas,
            Image = new() { Repository = Image.Repository, Tag = Image.Tag },
            Resources = Values.Resources(config.Resources),
            PodDisruptionBudget = new() { Enabled = config.Replicas > 1, MaxUnavailable = 1 },
            RealmContext = new() { Realms = ["POLARIS"] },
            // Feature flags are an open map in the chart (any Polaris feature name, rendered by templates/configmap.yaml).
            // ENABLE_CREDENTIAL_RESET (Polaris' default, stated): the workspaces' hook Jobs set each service principal's
            // generated client secret through the reset-credentials call (PolarisWorkspaceGrants).
            Features = new() { AdditionalValues = new() { ["SUPPORTED_CATALOG_STORAGE_TYPES"] = Values.List("S3"), ["ENABLE_CREDENTIAL_RESET"] = true } },
            // Catalog metadata in the platform's PostgreSQL: the database's Secret holds username and
            // password (the chart's default key names) and jdbcUrl (the chart reads the URL from the Secret only).
            Persistence = new() { Type = "relational-jdbc", RelationalJdbc = new() { Secret = new() { Name = db.Username.SecretName } } },
            // Tokens are signed with an RSA key pair from a Secret, so every replica accepts every token.
            Authentication = new()
            {
                Type = PolarisValuesAuthenticationType.Internal,
                TokenBroker = new() { Type = "rsa-key-pair", Secret = new() { Name = naming.Secret(Name, "token-broker") } },
            },
            // Polaris reads and writes table files with its own S3 user.
            Storage = new()
            {
                Secret = new() { Name = s3.AccessKey?.SecretName, AwsAccessKeyId = s3.AccessKey?.Key, AwsSecretAccessKey = s3.SecretKey?.Key },
            },
            ExtraEnv =
            [
                new JsonObject { ["name"] = "AWS_REGION", ["value"] = storage.Region(context) },
                new JsonObject { ["name"] = "AWS_ENDPOINT_URL_S3", ["value"] = storage.S3Endpoint(context).ToString() },
            ],
            Metrics = new() { Enabled = true },
            ServiceMonitor = new()
            {
                Enabled = true,
                Interval = context.Environment.Monitoring.Interval,
                Labels = context.MonitorLabels,
            },
            Affinity = config.Replicas > 1
                ? Values.SpreadOverNodes(new Dictionary<string, string>
                {
                    ["app.kubernetes.io/name"] = "polaris",
                    ["app.kubernetes.io/instance"] = naming.Release(Name),
                })
                : null,
        };

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values.ToValues(),
            Manifests = [.. StandardObjects.Baseline(context, this, [ApiPort], [ManagementPort]),
                .. PolarisWorkspaceGrants.For(context, Name, ns, Endpoint.InCluster("http", naming.ChartFullName(Name, Chart.Name), ns, ApiPort), context.Environment.Catalog.WarehouseName(naming), "POLARIS")],
            Metrics = new ChartMonitor("serviceMonitor.enabled"),
            Probes = new ChartTemplateProbes("templates/deployment.yaml"),
        };
    }
}
