using System.Globalization;
using System.Text.Json.Nodes;
using Lakehouse.Catalogue;
using Lakehouse.Catalogue.Charts;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Identity;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Model.Secrets;

namespace Lakehouse.Model.Components;

/// <summary>
/// Trino (chart trino from trinodb.github.io/charts). It reads data only through its Iceberg catalog:
/// the chart's default catalogs are removed and no other connector is configured. Clients authenticate
/// with passwords over HTTPS; nodes authenticate each other with a shared secret.
/// </summary>
public sealed record Trino(string Name) : Component(Name), ISqlEngine
{
    public static HelmChart Chart => Locked.Chart("trino");

    public static ContainerImage Image => Locked.Image("trino");

    /// <summary>Sidecar that turns Trino's JMX beans into Prometheus metrics.</summary>
    public static ContainerImage JmxExporterImage => Locked.Image("trino-jmx-exporter");

    private const int HttpPort = 8080;
    private const int HttpsPort = 8443;
    private const int MetricsPort = 5556;
    private const string TlsPath = "/etc/trino/tls";

    public override IReadOnlyList<Need> Needs => [Need.Of<IIcebergCatalog>(), Need.Of<IObjectStorage>(), Need.OptionalOf<IIdentityProvider>()];

    public string Catalog => "iceberg";

    public SqlUser UserFor(ComponentContext context, string consumer)
    {
        var ns = context.Naming.Namespace(consumer);
        var secret = context.Naming.Secret(consumer, "trino");
        return new SqlUser(
            context.Secrets.DeclareIn(ns, secret, "username", SecretSource.Plain(consumer)),
            context.Secrets.DeclareIn(ns, secret, "password", PasswordOf(context.Naming, consumer)),
            context.Secrets.DeclareIn(ns, secret, "ca.pem", CaCertificate(context.Naming)));
    }

    /// <summary>The one source of a Trino user's password (a client's user): generated once.</summary>
    public GeneratedValue PasswordOf(Naming naming, string user) => SecretSource.Generate(naming.Object(Name, $"user-{user}"));

    private StoreValue CaCertificate(Naming naming) =>
        SecretSource.Store(naming.Object(Name, "tls"), "ca.pem", $"the CA certificate that signed {Name}'s certificate (PEM), which clients verify it with");

    /// <summary>
    /// password.db: one bcrypt line per client (Sprig's htpasswd writes "$2a$", the prefix Trino's file authenticator
    /// does not accept; "$2y$" is the same algorithm).
    /// </summary>
    private static TemplateValue PasswordFile(IReadOnlyList<string> users, Func<string, SecretSource> password) =>
        SecretSource.Template(
            string.Concat(users.Select((u, i) => $"{{{{ htpasswd \"{u}\" .user{i} | replace \"$2a$\" \"$2y$\" }}}}\n")),
            [.. users.Select((u, i) => ($"user{i}", password(u)))]);

    public Endpoint SqlEndpoint(ComponentContext context) =>
        // The chart's coordinator Service is its fullname: "trino" for the release trino, "adhoc-trino" for adhoc.
        Endpoint.InCluster("https", context.Naming.ChartFullName(Name, "trino"), context.NamespaceOf(this), HttpsPort);

    /// <summary>The Iceberg catalog file Trino loads as catalog "iceberg", for whichever catalog backend env/ chose.</summary>
    public TrinoIcebergCatalog IcebergCatalog(ComponentContext context)
    {
        var storage = context.UseFor<IObjectStorage>(Name);
        return new TrinoIcebergCatalog(
            context.UseFor<IIcebergCatalog>(Name).ConnectionFor(context, Name),
            storage.S3Endpoint(context),
            storage.Region(context),
            storage.PathStyleAccess(context),
            storage.CredentialsFor(context, Name));
    }

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var naming = context.Naming;
        var config = context.Environment.TrinoOf(Name);
        var coordinatorHeap = Heap(config.Coordinator);
        var workerHeap = Heap(config.Worker);
        var iceberg = IcebergCatalog(context);
        // Every client's user, its password generated once; the TLS key pair and the shared secret of the nodes.
        var clients = context.Consumers.Order(StringComparer.Ordinal).ToList();
        context.Secrets.Declare(naming.Secret(Name, "password-authentication"), "password.db", PasswordFile(clients, u => PasswordOf(naming, u)));
        context.Secrets.Declare(naming.Secret(Name, "tls"), "keystore.pem",
            SecretSource.Store(naming.Object(Name, "tls"), "keystore.pem", $"{Name}'s certificate for {SqlEndpoint(context).Host} and its private key, in one PEM file"));
        var sharedSecret = context.Secrets.Declare(naming.Secret(Name, "internal-communication"), "shared-secret",
            SecretSource.Generate(naming.Object(Name, "internal-communication"), PasswordShape.SigningKey));
        // People sign in at the platform's identity provider (docs/identity.md); service users keep their passwords.
        var sso = context.TryUse<IIdentityProvider>()?.ClientFor(context, Name);
        var auth = new JsonObject { ["passwordAuthSecret"] = naming.Secret(Name, "password-authentication") };
        if (sso is not null || context.Workspaces.Count > 0)
        {
            // Who holds which workspace role: the identity provider's groups as Trino's file group provider reads them.
            auth["groupsAuthSecret"] = TrinoSso.GroupsSecret(naming, Name);
            context.Secrets.Declare(TrinoSso.GroupsSecret(naming, Name), "group.db", SecretSource.Store(naming.Object(Name, "groups"), "group.db",
                $"Trino's group file: one `GROUP:user1,user2` line per identity-provider group (`{naming.Platform}-WORKSPACE-ROLE:alice,bob`), the members of each workspace role, kept in step with the identity provider"));
        }
        if (sso is not null)
        {
            auth["refreshPeriod"] = "1m";
        }

        var values = new TrinoValues
        {
            Image = new() { Repository = Image.Repository, Tag = Image.Tag },
            Server = new()
            {
                Workers = config.Workers,
                // Audit: the coordinator's request log, rotated, streamed to stdout by a sidecar (TrinoAudit); OAuth 2.0 only there.
                CoordinatorExtraConfig = string.Join('\n', TrinoAudit.CoordinatorProperties.Concat(sso is null ? [] : TrinoSso.CoordinatorProperties(sso))),
                Node = new() { Environment = context.Environment.Name },
                Config = new()
                {
                    AuthenticationType = sso is null ? "PASSWORD" : TrinoSso.AuthenticationType,
                    Https = new() { Enabled = true, Port = HttpsPort, Keystore = new() { Path = $"{TlsPath}/keystore.pem" } },
                    Query = new() { MaxMemory = config.QueryMaxMemory },
                },
            },
            AdditionalConfigProperties = ["internal-communication.shared-secret=${ENV:TRINO_INTERNAL_SHARED_SECRET}"],
            // password.db (htpasswd format, bcrypt) in a Secret: users are managed outside Git. The chart leaves
            // `auth` open (its keys are documented in comments only).
            Auth = auth,
            SecretMounts = [new JsonObject
            {
                ["name"] = "tls",
                ["secretName"] = naming.Secret(Name, "tls"),
                ["path"] = TlsPath,
            }],
            Env = [.. new[] { ("TRINO_INTERNAL_SHARED_SECRET", sharedSecret) }
                .Concat(iceberg.Environment)
                .Concat(sso is null ? [] : [(TrinoSso.ClientSecretVariable, sso.ClientSecret)])
                .Select(e => (JsonNode)Values.SecretEnv(e.Item1, e.Item2))],
            // Only Iceberg: the chart's demo catalogs are removed (null deletes a default key in Helm).
            Catalogs = new()
            {
                AdditionalValues = new()
                {
                    ["tpch"] = null,
                    ["tpcds"] = null,
                    [Catalog] = iceberg.ToProperties(),
                },
            },
            Coordinator = new()
            {
                Jvm = new() { MaxHeapSize = $"{coordinatorHeap}M" },
                Config = new() { Query = new() { MaxMemoryPerNode = $"{QueryMemoryPerNode(coordinatorHeap)}MB" } },
                Resources = Values.Resources(config.Coordinator),
                AdditionalVolumes = [TrinoAudit.VolumeSpec()],
                AdditionalVolumeMounts = [TrinoAudit.Mount(readOnly: false)],
            },
            SidecarContainers = new() { ["coordinator"] = Values.List(TrinoAudit.SidecarContainer()) },
            Worker = new()
            {
                Jvm = new() { MaxHeapSize = $"{workerHeap}M" },
                Config = new() { Query = new() { MaxMemoryPerNode = $"{QueryMemoryPerNode(workerHeap)}MB" } },
                Resources = Values.Resources(config.Worker),
                // With several workers, spread them over nodes (with the disruption budget below).
                Affinity = config.Workers > 1 ? Values.SpreadOverNodes(WorkerLabels(naming)) : null,
            },
            // The namespace enforces Pod Security "restricted": the chart sets only the user (pod) and
            // no-escalation (Trino's container), nothing for its JMX exporter sidecar.
            SecurityContext = ChartValues.From<TrinoValuesSecurityContext>(Values.RestrictedPod(1000)),
            ContainerSecurityContext = ChartValues.From<TrinoValuesContainerSecurityContext>(Values.RestrictedContainer()),
            Jmx = new()
            {
                Enabled = true,
                Exporter = new()
                {
                    Enabled = true,
                    Image = JmxExporterImage.ToString(),
                    PullPolicy = "IfNotPresent",
                    Port = MetricsPort,
                    ConfigProperties = JmxExporterConfig,
                    SecurityContext = Values.RestrictedContainer(),
                    Resources = new()
                    {
                        ["requests"] = new JsonObject { ["cpu"] = "50m", ["memory"] = "128Mi" },
                        ["limits"] = new JsonObject { ["memory"] = "128Mi" },
                    },
                },
            },
            ServiceMonitor = new()
            {
                Enabled = true,
                Labels = new() { AdditionalValues = Values.Map(context.MonitorLabels) },
                Interval = context.Environment.Monitoring.Interval,
            },
            // Trino reaches AWS-managed storage and catalogs by its workload identity, not by keys.
            ServiceAccount = config.ServiceAccountRoleArn is { } roleArn
                ? new() { Create = true, Annotations = new() { ["eks.amazonaws.com/role-arn"] = roleArn } }
                : null,
        };

        // Workspaces (docs/workspaces.md): who may use which schema (rules.json), each workspace's resource group, and
        // the group file (group.db, a Secret kept outside Git like password.db) saying who holds which workspace role.
        if (context.Workspaces.Count > 0)
        {
            values = values with
            {
                AccessControl = new()
                {
                    ["type"] = "configmap",
                    ["refreshPeriod"] = "60s",
                    ["configFile"] = "rules.json",
                    ["rules"] = new JsonObject { ["rules.json"] = WorkspaceJson.Text(TrinoAccessControl.Rules(naming, Catalog, context.Workspaces)) },
                },
                ResourceGroups = new()
                {
                    ["type"] = "configmap",
                    ["resourceGroupsConfig"] = WorkspaceJson.Text(TrinoAccessControl.ResourceGroups(naming, context.Environment, context.Workspaces)),
                },
            };
        }

        // The chart renders no PodDisruptionBudget and no affinity: with several workers, spread them over
        // nodes (the affinity above) and let a drain take one at a time (graceful shutdown finishes its tasks).
        var manifests = StandardObjects.Baseline(context, this, [HttpsPort], [MetricsPort]).ToList();
        if (config.Workers > 1)
        {
            manifests.Add(StandardObjects.DisruptionBudget($"{naming.Release(Name)}-worker", ns, WorkerLabels(naming)));
        }

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values.ToValues(),
            Manifests = manifests,
            Metrics = new ChartMonitor("serviceMonitor.enabled"),
            Probes = new ChartTemplateProbes("templates/deployment-coordinator.yaml", "templates/deployment-worker.yaml"),
        };
    }

    private IReadOnlyDictionary<string, string> WorkerLabels(Naming naming) => new Dictionary<string, string>
    {
        ["app.kubernetes.io/name"] = "trino",
        ["app.kubernetes.io/instance"] = naming.Release(Name),
        ["app.kubernetes.io/component"] = "worker",
    };

    // Exported beans: enough for the platform dashboards (queries, tasks, memory pools, JVM).
    private const string JmxExporterConfig =
        """
        hostPort: localhost:9080
        startDelaySeconds: 0
        ssl: false
        lowercaseOutputName: false
        lowercaseOutputLabelNames: false
        includeObjectNames:
          - "java.lang:type=Memory"
          - "java.lang:type=Threading"
          - "trino.execution:name=QueryManager"
          - "trino.execution:name=SqlTaskManager"
          - "trino.memory:name=ClusterMemoryManager"
          - "trino.memory:type=ClusterMemoryPool,name=general"
        rules:
          - pattern: ".*"

        """;

    /// <summary>JVM heap in MiB: 70% of the container's memory, leaving room for off-heap and the OS.</summary>
    internal static long Heap(ResourcesConfig resources) => Values.Mebibytes(resources.Memory) * 7 / 10;

    /// <summary>Memory one query may use on a node: 30% of heap, Trino's own default ratio.</summary>
    private static long QueryMemoryPerNode(long heapMiB) => heapMiB * 3 / 10;
}
