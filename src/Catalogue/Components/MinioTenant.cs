using System.Text.Json.Nodes;
using Lakehouse.Catalogue.Charts;
using Lakehouse.Catalogue.CustomResources;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Secrets;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model.Components;

/// <summary>
/// An in-cluster MinIO object store: a Tenant (chart tenant from operator.min.io) reconciled by the
/// <see cref="MinioOperator"/>. Buckets are declared here; each consumer gets its own MinIO user whose
/// keys come from a Secret, never from Git.
/// </summary>
/// <param name="Name">Component name.</param>
/// <param name="Operator">The operator that reconciles the tenant.</param>
/// <param name="Buckets">Bucket purposes ("warehouse"); each becomes platform-environment-purpose.</param>
public sealed record MinioTenant(string Name, MinioOperator Operator, IReadOnlyList<string> Buckets) : InClusterObjectStore(Name, Buckets)
{
    public static HelmChart Chart => Locked.Chart("tenant");

    /// <summary>The MinIO server image the tenant runs.</summary>
    public static ContainerImage Image => Locked.Image("minio");

    private const int ApiPort = 9000;

    public override IEnumerable<Component> Dependencies => [Operator];

    /// <summary>The tenant's pods call the operator's endpoints: a need, so the operator's NetworkPolicy admits them.</summary>
    public override IReadOnlyList<Need> Needs => [Need.Of<IMinioOperator>(Operator.Name)];

    /// <summary>The operator names the S3 Service "minio"; without TLS it listens on port 80.</summary>
    public override Endpoint S3Endpoint(ComponentContext context) => Endpoint.InCluster("http", "minio", context.NamespaceOf(this), 80);

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var naming = context.Naming;
        var config = context.Environment.Storage.Minio
            ?? throw new InvalidOperationException("storage.minio is required for the MinIO backend");
        var tenantName = naming.Release(Name);
        // Root credentials generated once, handed to MinIO as its config.env; one user per consumer with the
        // consumer's generated keys (the consumer's CONSUMER-s3-credentials Secret holds the same values).
        var rootUser = SecretSource.Generate(naming.Object(Name, "root-user"), PasswordShape.AccessKey);
        var rootPassword = SecretSource.Generate(naming.Object(Name, "root-password"), PasswordShape.SecretKey);
        context.Secrets.Declare(naming.Secret(Name, "root-config"), "config.env", SecretSource.Template(
            "export MINIO_ROOT_USER={{ .user | quote }}\nexport MINIO_ROOT_PASSWORD={{ .password | quote }}\n", ("user", rootUser), ("password", rootPassword)));
        foreach (var c in context.Consumers)
        {
            context.Secrets.Declare(naming.Secret(Name, $"user-{c}"), "CONSOLE_ACCESS_KEY", AccessKeyOf(naming, c));
            context.Secrets.Declare(naming.Secret(Name, $"user-{c}"), "CONSOLE_SECRET_KEY", SecretKeyOf(naming, c));
        }
        // A bearer token MinIO accepts is a JWT signed with the root credentials (mc admin prometheus generate),
        // which no template function can sign: an operator generates it once and puts it into the store.
        context.Secrets.Declare(naming.Secret(Name, "prometheus-token"), "token",
            SecretSource.Store(naming.Object(Name, "prometheus-token"), "token", $"MinIO's Prometheus bearer token: `mc admin prometheus generate ALIAS` against the tenant, signed with its root credentials (the generated values {rootUser.Id} and {rootPassword.Id})"));

        // The operator labels its Services only with spec.serviceMetadata's labels: give the MinIO Service the
        // label the ServiceMonitor selects, or the monitor selects nothing.
        var serviceLabels = new Dictionary<string, string> { ["v1.min.io/tenant"] = tenantName };

        var values = new TenantValues
        {
            Tenant = new()
            {
                Name = tenantName,
                Image = new() { Repository = Image.Repository, Tag = Image.Tag },
                // Root credentials: config.env with MINIO_ROOT_USER and MINIO_ROOT_PASSWORD, created out of band.
                // existingSecret is documented in the chart's comments only; templates/tenant-configuration.yaml reads it.
                ConfigSecret = new() { Name = naming.Secret(Name, "root-config"), AdditionalValues = new() { ["existingSecret"] = true } },
                Pools =
                [
                    new()
                    {
                        Servers = config.Servers,
                        Name = "pool-0",
                        VolumesPerServer = config.VolumesPerServer,
                        Size = config.VolumeSize,
                        Resources = Values.Resources(config.Resources),
                        SecurityContext = new()
                        {
                            RunAsUser = 1000, RunAsGroup = 1000, FsGroup = 1000,
                            FsGroupChangePolicy = "OnRootMismatch", RunAsNonRoot = true,
                        },
                        ContainerSecurityContext = new()
                        {
                            RunAsUser = 1000, RunAsGroup = 1000, RunAsNonRoot = true,
                            AllowPrivilegeEscalation = false,
                            Capabilities = new() { Drop = ["ALL"] },
                            SeccompProfile = new() { Type = "RuntimeDefault" },
                        },
                    },
                ],
                Metrics = new() { Enabled = true, Port = ApiPort, Protocol = "http" },
                // Clients reach MinIO inside the cluster over HTTP with SigV4-signed (authenticated) requests;
                // auto-certificates are signed by the cluster CA, which Trino and Spark do not trust.
                Certificate = new() { RequestAutoCert = false },
                // The declared buckets and each workspace's own (docs/workspaces.md).
                Buckets = [.. Buckets.Concat(context.Workspaces.Select(w => w.Name)).Select(b => (JsonNode)new JsonObject
                {
                    ["name"] = naming.Bucket(b),
                    ["region"] = Region(context),
                    ["objectLock"] = false,
                })],
                // One MinIO user per consumer; each Secret holds CONSOLE_ACCESS_KEY and CONSOLE_SECRET_KEY.
                Users = [.. context.Consumers.Order(StringComparer.Ordinal).Select(c => (JsonNode)new JsonObject
                {
                    ["name"] = naming.Secret(Name, $"user-{c}"),
                })],
                Liveness = HttpProbe("/minio/health/live", 20),
                Readiness = HttpProbe("/minio/health/ready", 10),
                ServiceMetadata = new() { ["minioServiceLabels"] = Values.Map(serviceLabels) },
                Env =
                [
                    new JsonObject
                    {
                        // Metrics need a bearer token (the default); stated so an upgrade cannot make them public.
                        ["name"] = "MINIO_PROMETHEUS_AUTH_TYPE",
                        ["value"] = "jwt",
                    },
                ],
            },
        };

        var monitor = StandardObjects.ServiceMonitor(
            Name, ns, context.MonitorLabels,
            serviceLabels,
            new()
            {
                Port = "http-minio",
                Path = "/minio/v2/metrics/cluster",
                Scheme = ServiceMonitorV1SpecEndpointsItemScheme.Http,
                Interval = context.Environment.Monitoring.Interval,
                // Token from 'mc admin prometheus generate', kept in a Secret beside the monitor.
                BearerTokenSecret = new() { Name = naming.Secret(Name, "prometheus-token"), Key = "token" },
            });

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values.ToValues(),
            // The operator configures the tenant through the MinIO admin API, so it is let in like a consumer.
            Manifests = [.. StandardObjects.Baseline(context, this, [ApiPort], [ApiPort], [context.NamespaceOf(Operator)]), monitor,
                .. MinioWorkspaceAccess.For(context, Name, ns, S3Endpoint(context), new SecretRef(naming.Secret(Name, "root-config"), "config.env"))],
            Metrics = new ManifestMonitor("ServiceMonitor", Name),
            Probes = new ChartProbes("tenant.liveness", "tenant.readiness"),
            Egress = [EgressGrant.KubernetesApi("the operator's sidecar in every MinIO pod reads the Tenant and its configuration Secret")],
        };
    }

    private static JsonObject HttpProbe(string path, int period) => new()
    {
        ["httpGet"] = new JsonObject { ["path"] = path, ["port"] = ApiPort, ["scheme"] = "HTTP" },
        ["initialDelaySeconds"] = 10,
        ["periodSeconds"] = period,
        ["timeoutSeconds"] = 5,
        ["failureThreshold"] = 3,
    };
}
