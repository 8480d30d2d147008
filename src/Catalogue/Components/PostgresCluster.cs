using System.Globalization;
using System.Text.Json.Nodes;
using Lakehouse.Catalogue.Charts;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model.Components;

/// <summary>
/// The platform's PostgreSQL: one CloudNativePG cluster (chart cluster from cloudnative-pg.github.io/charts)
/// shared by every consumer, each with its own database and login role (managed roles and Database
/// objects, so nothing is created by hand). Base backups and WAL go to the object store with barman.
/// One shared cluster rather than one per consumer: the metadata databases are small, and one cluster is
/// one failover, one backup schedule and one set of alerts to watch.
/// </summary>
/// <param name="Name">Component name; also the cluster's name (the chart's fullname).</param>
/// <param name="Operator">The operator that reconciles the cluster.</param>
/// <param name="BackupBucket">Purpose of the bucket, declared on the object store, receiving backups.</param>
public sealed record PostgresCluster(string Name, CloudNativePgOperator Operator, string BackupBucket = "postgres-backups") : Component(Name), IPostgres
{
    public static HelmChart Chart => Locked.Chart("cluster");

    /// <summary>PostgreSQL major version; the operator picks the matching image from its catalog.</summary>
    public const string PostgresVersion = "17";

    private const int PostgresPort = 5432;
    private const int MetricsPort = 9187;
    private const int StatusPort = 8000;

    public override IEnumerable<Component> Dependencies => [Operator];

    public override IReadOnlyList<Need> Needs => [Need.Of<IObjectStorage>()];

    /// <summary>The role and database of a consumer: its name with '-' as '_' (a plain SQL identifier).</summary>
    public static string DatabaseName(string consumer) => consumer.Replace('-', '_');

    /// <summary>Each consumer logs in as its own role; its username and password are in a Secret in its namespace.</summary>
    public PostgresDatabase DatabaseFor(ComponentContext context, string consumer)
    {
        var secret = context.Naming.Secret(consumer, "database");
        return new PostgresDatabase(
            Endpoint.InCluster("postgresql", $"{context.Naming.Release(Name)}-rw", context.NamespaceOf(this), PostgresPort),
            DatabaseName(consumer),
            new SecretRef(secret, "username"),
            new SecretRef(secret, "password"));
    }

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var naming = context.Naming;
        var config = context.Environment.Postgres;
        var release = naming.Release(Name);
        var storage = context.Use<IObjectStorage>();
        var bucket = storage.Bucket(context, BackupBucket);
        var s3 = storage.CredentialsFor(context, Name);
        var consumers = context.Consumers.Order(StringComparer.Ordinal).ToList();

        var values = new ClusterValues
        {
            FullnameOverride = release,
            Type = "postgresql",
            Mode = "standalone",
            Version = new() { Postgresql = PostgresVersion },
            Cluster = new()
            {
                Instances = config.Instances,
                Storage = new() { Size = config.StorageSize },
                Resources = Values.Resources(config.Resources),
                EnablePDB = config.Instances > 1,
                // Spread instances over nodes (the chart's default spreads over zones, which a one-zone cluster lacks).
                Affinity = new() { TopologyKey = "kubernetes.io/hostname" },
                // No superuser login over the network: consumers get their own roles, the operator its own access.
                EnableSuperuserAccess = false,
                Postgresql = new()
                {
                    Parameters = new() { ["max_connections"] = config.MaxConnections.ToString(CultureInfo.InvariantCulture) },
                },
                // One login role per consumer; the password is in a basic-auth Secret in this namespace.
                Roles = [.. consumers.Select(c => (JsonNode)new JsonObject
                {
                    ["name"] = DatabaseName(c),
                    ["ensure"] = "present",
                    ["login"] = true,
                    ["superuser"] = false,
                    ["passwordSecret"] = new JsonObject { ["name"] = naming.Secret(Name, $"role-{c}") },
                })],
                // CloudNativePG's exporter (default queries: cnpg_backends_total, cnpg_pg_settings_setting,
                // cnpg_pg_stat_database_*), scraped by the PodMonitor the chart renders with our labels.
                Monitoring = new()
                {
                    Enabled = true,
                    PodMonitor = new() { Enabled = true, Labels = Values.Map(context.MonitorLabels) },
                    PrometheusRule = new() { Enabled = true, AdditionalLabels = Values.Map(context.MonitorLabels) },
                },
                // Backups reach AWS-managed storage by the instances' workload identity, not by keys.
                ServiceAccountTemplate = config.ServiceAccountRoleArn is { } roleArn
                    ? new()
                    {
                        ["metadata"] = new JsonObject
                        {
                            ["annotations"] = new JsonObject { ["eks.amazonaws.com/role-arn"] = roleArn },
                        },
                    }
                    : null,
            },
            Databases = [.. consumers.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = DatabaseName(c),
                ["owner"] = DatabaseName(c),
                ["ensure"] = "present",
            })],
            Backups = new()
            {
                Enabled = true,
                Method = "barmanObjectStore",
                Provider = "s3",
                EndpointURL = storage.S3Endpoint(context).WithPath("").ToString(),
                DestinationPath = $"s3://{bucket}/{release}/",
                S3 = new() { Region = storage.Region(context), Bucket = bucket, InheritFromIAMRole = s3.AccessKey is null },
                // No server-side encryption header: the chart's default (AES256, SSE-S3) makes MinIO without a KMS
                // reject every WAL upload (cloudnative-pg/charts#198). Empty leaves it to the bucket's default
                // encryption, which Amazon S3 applies to every new object.
                Wal = new() { Encryption = "" },
                Data = new() { Encryption = "" },
                // The chart reads keys ACCESS_KEY_ID and ACCESS_SECRET_KEY from this Secret (created out of band).
                Secret = new() { Create = false, Name = naming.Secret(Name, "backup-s3-credentials") },
                ScheduledBackups =
                [
                    new()
                    {
                        Name = "daily-backup",
                        Schedule = config.Backup.Schedule,
                        BackupOwnerReference = "self",
                        Method = "barmanObjectStore",
                    },
                ],
                RetentionPolicy = config.Backup.Retention,
            },
        };

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values.ToValues(),
            // The operator talks to every instance's status endpoint, so it is let in like a consumer.
            Manifests = StandardObjects.Baseline(context, this, [PostgresPort, StatusPort], [MetricsPort], [context.NamespaceOf(Operator)]),
            Metrics = new ChartMonitor("cluster.monitoring.enabled"),
            // Instance manager probes (HTTP on the status port).
            Probes = new OperatorProbes("postgres-operator"),
            Egress = [EgressGrant.KubernetesApi("CloudNativePG's instance manager in every instance watches its Cluster and reports its status")],
        };
    }
}
