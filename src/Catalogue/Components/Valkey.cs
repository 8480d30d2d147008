using System.Text.Json.Nodes;
using Lakehouse.Catalogue.Charts;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Model.Secrets;

namespace Lakehouse.Model.Components;

/// <summary>
/// Valkey (chart valkey from valkey.io/valkey-helm): the Celery broker and the caches. ACL authentication
/// on, least privilege: the default user is disabled; each consumer has its own user, confined to its own
/// key and channel prefix (<see cref="KeyValueConnection.KeyPrefix"/>) and to data commands; the exporter
/// has a user allowed its monitoring commands only; in prod a replication user syncs the replicas. Passwords
/// come from an existing Secret, one key per user. maxmemory is set so the memory alert (used / max) is
/// defined, with noeviction because a broker must never drop queued messages.
/// </summary>
public sealed record Valkey(string Name) : Component(Name), IKeyValueStore
{
    public static HelmChart Chart => Locked.Chart("valkey");

    public static ContainerImage Image => Locked.Image("valkey");

    private const int Port = 6379;
    private const int MetricsPort = 9121;

    /// <summary>The user the metrics exporter signs in as.</summary>
    public const string ExporterUser = "exporter";

    /// <summary>The user replicas sign in to the primary as (replicas only).</summary>
    public const string ReplicationUser = "replication";

    /// <summary>
    /// What every consumer's user may run: connection handling, data commands of every type, Pub/Sub and
    /// transactions, the scripts kombu runs, and nothing flagged dangerous (KEYS, FLUSHDB, CONFIG, DEBUG, ...)
    /// nor what lists other users' key names (SCAN, RANDOMKEY). Which keys and channels it may touch is the
    /// consumer's prefix.
    /// </summary>
    public const string ConsumerCommands = "-@all +@connection +@read +@write +@keyspace +@pubsub +@transaction +eval +evalsha +script|load -@dangerous -scan -randomkey";

    /// <summary>
    /// What redis_exporter runs (INFO, CONFIG GET maxmemory, SLOWLOG, LATENCY, CLIENT SETNAME ...), on no key and no channel.
    /// </summary>
    public const string ExporterCommands = "-@all +auth +hello +ping +info +select +dbsize +config|get +client|setname +client|setinfo +cluster|info +slowlog|get +slowlog|len +latency|latest +latency|histogram +memory|stats";

    /// <summary>Replicas sync from the primary and nothing else.</summary>
    public const string ReplicationCommands = "-@all +auth +hello +ping +psync +replconf";

    /// <summary>
    /// Each consumer signs in as its own user (its name) with the password from a Secret in its own namespace,
    /// and keeps every key and channel under its name followed by ':'.
    /// </summary>
    public KeyValueConnection ConnectionFor(ComponentContext context, string consumer) => new(
        Endpoint.InCluster("redis", context.Naming.Release(Name), context.NamespaceOf(this), Port),
        consumer,
        context.Secrets.DeclareIn(context.Naming.Namespace(consumer), context.Naming.Secret(consumer, "valkey"), "password", PasswordOf(context.Naming, consumer)),
        $"{consumer}:");

    /// <summary>The one source of a Valkey user's password (a consumer, the exporter, replication): generated once.</summary>
    public GeneratedValue PasswordOf(Naming naming, string user) => SecretSource.Generate(naming.Object(Name, $"user-{user}"));

    /// <summary>
    /// A consumer's ACL: its own keys and channels (<see cref="KeyValueConnection.KeyPrefix"/>), the Celery
    /// broadcast pattern literally (Valkey compares PSUBSCRIBE patterns literally), <see cref="ConsumerCommands"/>.
    /// </summary>
    public static string ConsumerAcl(KeyValueConnection connection) =>
        $"resetkeys ~{connection.KeyPrefix}* resetchannels &{connection.KeyPrefix}* &{connection.CeleryBroadcastPattern} {ConsumerCommands}";

    /// <summary>maxmemory as 80% of the memory request, in bytes Valkey reads ("800mb").</summary>
    public static string MaxMemory(string memory) => $"{Values.Mebibytes(memory) * 8 / 10}mb";

    /// <summary>
    /// The ACL users: the chart requires a 'default' user, so it is switched off with no key, channel or
    /// command (its password key is the exporter's, the one the chart hands the exporter); the exporter; one
    /// user per consumer; the replication user when there are replicas.
    /// </summary>
    private JsonObject Users(ComponentContext context, bool replicas)
    {
        var users = new JsonObject
        {
            ["default"] = new JsonObject { ["permissions"] = "off resetkeys resetchannels -@all", ["passwordKey"] = ExporterUser },
            [ExporterUser] = new JsonObject { ["permissions"] = $"resetkeys resetchannels {ExporterCommands}" },
        };
        foreach (var consumer in context.Consumers.Order(StringComparer.Ordinal))
        {
            if (users.ContainsKey(consumer) || consumer == ReplicationUser)
            {
                throw new InvalidOperationException($"consumer '{consumer}' of '{Name}' has the name of one of its own users (default, {ExporterUser}, {ReplicationUser}); rename the consumer");
            }
            users[consumer] = new JsonObject { ["permissions"] = ConsumerAcl(ConnectionFor(context, consumer)) };
        }
        if (replicas)
        {
            users[ReplicationUser] = new JsonObject { ["permissions"] = $"resetkeys resetchannels {ReplicationCommands}" };
        }
        return users;
    }

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var naming = context.Naming;
        var config = context.Environment.Valkey;
        var release = naming.Release(Name);
        // One key per user in the users Secret, each the user's generated password (a consumer's own Secret holds the same).
        var users = naming.Secret(Name, "users");
        foreach (var user in context.Consumers.Append(ExporterUser).Concat(config.Replicas > 0 ? [ReplicationUser] : []))
        {
            context.Secrets.Declare(users, user, PasswordOf(naming, user));
        }

        var values = new ValkeyValues
        {
            FullnameOverride = release,
            Image = new() { Repository = Image.Repository, Tag = Image.Tag },
            Resources = Values.Resources(config.Resources),
            InitResources = Values.Resources(new() { Cpu = "20m", Memory = "32Mi" }),
            // The chart appends this to the valkey.conf it generates. With a volume (storageSize, or replicas,
            // which the chart always gives volumes) queued messages survive a restart in the append-only file.
            ValkeyConfig = $"maxmemory {MaxMemory(config.Resources.Memory)}\nmaxmemory-policy noeviction\n"
                + (config.StorageSize is not null || config.Replicas > 0 ? "appendonly yes\n" : ""),
            Auth = new()
            {
                Enabled = true,
                // One key per user, named after it; created out of band (docs/secrets.md).
                UsersExistingSecret = naming.Secret(Name, "users"),
                AclUsers = Users(context, config.Replicas > 0),
            },
            Metrics = new()
            {
                Enabled = true,
                Exporter = new()
                {
                    Resources = Values.Resources(new() { Cpu = "20m", Memory = "64Mi" }),
                    // The chart gives the exporter the password of key aclUsers.default.passwordKey; it signs in as its own user.
                    ExtraEnvs = new() { ["REDIS_USER"] = ExporterUser },
                    // The chart leaves the exporter sidecar without a securityContext, which the namespace's
                    // restricted Pod Security level rejects (the whole pod would not be admitted).
                    SecurityContext = new()
                    {
                        ["runAsNonRoot"] = true,
                        ["allowPrivilegeEscalation"] = false,
                        ["readOnlyRootFilesystem"] = true,
                        ["capabilities"] = new JsonObject { ["drop"] = Values.List("ALL") },
                    },
                },
                ServiceMonitor = new()
                {
                    Enabled = true,
                    ExtraLabels = Values.Map(context.MonitorLabels),
                    Interval = context.Environment.Monitoring.Interval,
                },
            },
            DataStorage = config.StorageSize is { } size ? new() { Enabled = true, RequestedSize = size } : null,
            Replica = config.Replicas > 0
                ? new()
                {
                    Enabled = true,
                    ReplicationUser = ReplicationUser,
                    Replicas = config.Replicas,
                    Persistence = new() { Size = config.StorageSize ?? "1Gi" },
                }
                : null,
            PodDisruptionBudget = config.Replicas > 0 ? new() { Enabled = true } : null,
            Affinity = config.Replicas > 0
                ? Values.SpreadOverNodes(new Dictionary<string, string>
                {
                    ["app.kubernetes.io/name"] = "valkey",
                    ["app.kubernetes.io/instance"] = release,
                })
                : null,
            // values.yaml has livenessProbe and readinessProbe, the chart's values.schema.json does not yet
            // (templates/_helpers.tpl renders each probe while its `enabled` is true).
            AdditionalValues = new()
            {
                ["livenessProbe"] = new JsonObject { ["enabled"] = true },
                ["readinessProbe"] = new JsonObject { ["enabled"] = true },
            },
        };

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values.ToValues(),
            Manifests = StandardObjects.Baseline(context, this, [Port], [MetricsPort]),
            Metrics = new ChartMonitor("metrics.serviceMonitor.enabled"),
            Probes = new ChartProbes("livenessProbe.enabled", "readinessProbe.enabled"),
        };
    }
}
