using System.Text.Json.Nodes;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Identity;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Model.Secrets;

namespace Lakehouse.Model.Components;

/// <summary>
/// Apache Superset (chart superset from apache.github.io/superset, served over HTTPS by GitHub Pages).
/// Metadata on the platform's PostgreSQL (IPostgres), cache and Celery broker on Valkey (IKeyValueStore),
/// and the Trino datasource (ISqlEngine) registered by the chart's init job on first start with
/// "superset set-database-uri", the URI assembled in the job's shell from environment variables that come
/// from Secrets: no credential is ever in values. Superset has no Prometheus endpoint; it emits StatsD, so a
/// statsd-exporter sidecar in the web pods turns that into metrics a PodMonitor scrapes.
/// </summary>
public sealed record Superset(string Name) : Component(Name)
{
    /// <summary>Keys checked against apache/superset helm/superset/values.yaml (see docs/components.md).</summary>
    public static HelmChart Chart => Locked.Chart("superset");

    public static ContainerImage Image => Locked.Image("superset");

    public static ContainerImage StatsdExporterImage => Locked.Image("superset-statsd-exporter");

    /// <summary>The Trino DB-API/SQLAlchemy driver, which the Superset image does not ship.</summary>
    public const string TrinoDriver = "trino[sqlalchemy]==0.333.0";

    /// <summary>Name of the registered Trino database in Superset: "PLATFORM (Trino)".</summary>
    public static string TrinoDatabaseName(Naming naming) => $"{naming.DisplayName} (Trino)";

    private const int HttpPort = 8088;
    private const int MetricsPort = 9102;
    private const int StatsdPort = 9125;
    private const string MetricsLabel = "lakehouse.io/metrics";

    public override IReadOnlyList<Need> Needs => [Need.Of<ISqlEngine>(), Need.Of<IPostgres>(), Need.Of<IKeyValueStore>(), Need.OptionalOf<IIdentityProvider>()];

    /// <summary>
    /// Audit: Superset's event logger writes every logged action (user id, action, dashboard, chart, duration) as a
    /// line to stdout, which the cluster's log agent collects, instead of only into its metadata database.
    /// </summary>
    public const string EventLoggerConfig = "from superset.utils.log import StdOutEventLogger\nEVENT_LOGGER = StdOutEventLogger()\n";

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var naming = context.Naming;
        var trino = context.Use<ISqlEngine>();
        var db = context.Use<IPostgres>().DatabaseFor(context, Name);
        var kv = context.Use<IKeyValueStore>().ConnectionFor(context, Name);
        var sql = trino.SqlEndpoint(context);
        var secretKey = context.Secrets.Declare(naming.Secret(Name, "secret-key"), "secret-key",
            SecretSource.Generate(naming.Object(Name, "secret-key"), PasswordShape.SigningKey));
        var adminUser = context.Secrets.Declare(naming.Secret(Name, "admin"), "username", SecretSource.Plain("admin"));
        var adminPassword = context.Secrets.Declare(naming.Secret(Name, "admin"), "password", SecretSource.Generate(naming.Object(Name, "admin-password")));
        var (trinoUser, trinoPassword, _) = trino.UserFor(context, Name);

        // The one seam left for dotted values: superset's locked chart (0.22.8) is not in the chart mirror, so it is
        // not restored and no SupersetValues is generated. Its keys are set as before until the chart can be
        // restored; see docs/charts.md, "Charts without generated types".
        var values = new JsonObject()
            .Set("image.repository", Image.Repository)
            .Set("image.tag", Image.Tag)
            // The platform's PostgreSQL and Valkey, not the chart's bundled Bitnami ones.
            .Set("postgresql.enabled", false)
            .Set("redis.enabled", false)
            .Set("supersetNode.connections.db_host", db.Endpoint.Host)
            .Set("supersetNode.connections.db_port", db.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Set("supersetNode.connections.db_name", db.Database)
            .Set("supersetNode.connections.redis_host", kv.Endpoint.Host)
            .Set("supersetNode.connections.redis_port", kv.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Set("supersetNode.connections.redis_ssl.enabled", kv.Endpoint.Scheme == "rediss")
            // Credentials reach the pods only as environment variables from Secrets (they override the chart's env Secret).
            .Set("extraEnvRaw", Values.List(
                Values.SecretEnv("DB_USER", db.Username),
                Values.SecretEnv("DB_PASS", db.Password),
                Values.SecretEnv("REDIS_PASSWORD", kv.Password),
                new JsonObject { ["name"] = "REDIS_USER", ["value"] = kv.Username },
                Values.SecretEnv("SUPERSET_SECRET_KEY", secretKey),
                Values.SecretEnv("ADMIN_USERNAME", adminUser),
                Values.SecretEnv("ADMIN_PASSWORD", adminPassword),
                Values.SecretEnv("TRINO_USER", trinoUser),
                Values.SecretEnv("TRINO_PASSWORD", trinoPassword)))
            .Set("bootstrapScript", $"#!/bin/bash\npip install --no-cache-dir '{TrinoDriver}'\n")
            .Set("configOverrides.signing_key_from_environment", "import os\nSECRET_KEY = os.environ[\"SUPERSET_SECRET_KEY\"]\n")
            .Set("configOverrides.valkey", ValkeyConfig(kv))
            .Set("configOverrides.statsd", $"from superset.stats_logger import StatsdStatsLogger\nSTATS_LOGGER = StatsdStatsLogger(host=\"localhost\", port={StatsdPort}, prefix=\"superset\")\n")
            .Set("init.enabled", true)
            .Set("init.loadExamples", false)
            // The chart's admin step would put the password in values; the script below reads it from the environment.
            .Set("init.createAdmin", false)
            .Set("init.initscript", InitScript(TrinoDatabaseName(context.Naming), sql.Host, sql.Port, trino.Catalog))
            .Set("init.resources", Values.Resources(new() { Cpu = "250m", Memory = "1Gi" }))
            .Set("supersetNode.replicas.replicaCount", 1)
            .Set("supersetNode.resources", Values.Resources(new() { Cpu = "500m", Memory = "2Gi" }))
            // The chart renders each probe while its object is set; stated so LH0012 can check them.
            .Set("supersetNode.livenessProbe.httpGet.path", "/health")
            .Set("supersetNode.readinessProbe.httpGet.path", "/health")
            .Set("supersetNode.podLabels", Values.Map(new Dictionary<string, string> { [MetricsLabel] = Name }))
            .Set("supersetNode.extraContainers", Values.List(new JsonObject
            {
                ["name"] = "statsd-exporter",
                ["image"] = StatsdExporterImage.ToString(),
                ["args"] = Values.List($"--statsd.listen-udp=:{StatsdPort}", "--statsd.listen-tcp=", $"--web.listen-address=:{MetricsPort}"),
                ["ports"] = Values.List(new JsonObject { ["name"] = "metrics", ["containerPort"] = MetricsPort }),
                ["livenessProbe"] = new JsonObject { ["httpGet"] = new JsonObject { ["path"] = "/-/healthy", ["port"] = MetricsPort } },
                ["readinessProbe"] = new JsonObject { ["httpGet"] = new JsonObject { ["path"] = "/-/ready", ["port"] = MetricsPort } },
                ["resources"] = Values.Resources(new() { Cpu = "20m", Memory = "64Mi" }),
                // Pod Security "restricted" judges each container; the image's user is "nobody" by name, which the
                // kubelet cannot prove non-root, hence its uid.
                ["securityContext"] = Values.RestrictedContainer().Set("runAsUser", 65534).Set("runAsGroup", 65534),
            }))
            .Set("supersetWorker.resources", Values.Resources(new() { Cpu = "500m", Memory = "2Gi" }))
            .Set("configOverrides.audit", EventLoggerConfig);
        // Single sign-on at the platform's provider (docs/identity.md); the client secret only as an environment variable.
        if (context.TryUse<IIdentityProvider>() is { } idp)
        {
            var client = idp.ClientFor(context, Name);
            values.Set("configOverrides.oidc", SupersetSso.Config(client, idp.Groups(context)));
            values["extraEnvRaw"]!.AsArray().Add(Values.SecretEnv(SupersetSso.ClientSecretVariable, client.ClientSecret));
        }

        var podMonitor = StandardObjects.PodMonitor(Name, ns, context.MonitorLabels,
            new Dictionary<string, string> { [MetricsLabel] = Name },
            new() { Port = "metrics", Path = "/metrics", Interval = context.Environment.Monitoring.Interval });

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values,
            Manifests = [.. StandardObjects.Baseline(context, this, [HttpPort], [MetricsPort]), podMonitor],
            Metrics = new ManifestMonitor("PodMonitor", Name),
            Probes = new ChartProbes("supersetNode.livenessProbe", "supersetNode.readinessProbe"),
            Egress = [new EgressGrant("python-packages", $"the bootstrap script of every Superset pod installs {TrinoDriver} from PyPI over HTTPS when it starts", [443])],
        };
    }

    /// <summary>
    /// Cache, data cache, SQL Lab results and the Celery broker and result backend on Valkey as Superset's own
    /// user, every key and channel under its prefix (its ACL allows nothing else): the caches by key prefix,
    /// Celery by kombu's and the result backend's global_keyprefix. Replaces what the chart's config builds,
    /// which signs in as the default user (disabled).
    /// </summary>
    public static string ValkeyConfig(KeyValueConnection kv)
    {
        var url = kv.Url("{quote(os.environ['REDIS_PASSWORD'], safe='')}");
        return $$"""
            import os
            from urllib.parse import quote
            import redis
            from cachelib.redis import RedisCache
            VALKEY_URL = f"{{url}}"
            CACHE_CONFIG = {"CACHE_TYPE": "RedisCache", "CACHE_DEFAULT_TIMEOUT": 300, "CACHE_KEY_PREFIX": "{{kv.KeyPrefix}}cache:", "CACHE_REDIS_URL": VALKEY_URL}
            DATA_CACHE_CONFIG = {**CACHE_CONFIG, "CACHE_KEY_PREFIX": "{{kv.KeyPrefix}}data:"}
            # cachelib takes a ready client: the same URL, so the password is read in one place.
            RESULTS_BACKEND = RedisCache(host=redis.from_url(VALKEY_URL), key_prefix="{{kv.KeyPrefix}}results:")
            class CeleryConfig:
                imports = ("superset.sql_lab",)
                broker_url = VALKEY_URL
                result_backend = VALKEY_URL
                broker_transport_options = {"global_keyprefix": "{{kv.KeyPrefix}}"}
                result_backend_transport_options = {"global_keyprefix": "{{kv.KeyPrefix}}"}
            CELERY_CONFIG = CeleryConfig

            """;
    }

    /// <summary>
    /// The init job: schema, roles, the admin from the environment, then the Trino database. The URI is
    /// built by the shell from TRINO_USER and TRINO_PASSWORD (Secrets); with a password the Trino driver
    /// speaks HTTPS, which Trino's password authentication requires.
    /// </summary>
    public static string InitScript(string databaseName, string trinoHost, int trinoPort, string catalog) =>
        $$"""
        #!/bin/sh
        set -eu
        superset db upgrade
        superset init
        superset fab create-admin --username "$ADMIN_USERNAME" --password "$ADMIN_PASSWORD" --firstname Superset --lastname Admin --email "$ADMIN_USERNAME@localhost" || true
        TRINO_AUTH="${TRINO_USER}:${TRINO_PASSWORD}"
        superset set-database-uri --database_name '{{databaseName}}' --uri "trino://${TRINO_AUTH}@{{trinoHost}}:{{trinoPort}}/{{catalog}}"
        """;
}
