using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Model.Contracts;
using Lakehouse.Tests.Conformance;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Components;

/// <summary>The platform's PostgreSQL: a role and a database per consumer, backups to the object store, metrics, HA.</summary>
public class PostgresTests
{
    private static EnvironmentRenderView Env(string env) => new(Render.Reference.Platform!.Environments.Single(e => e.Name == env));

    private sealed record EnvironmentRenderView(Lakehouse.Rendering.Pipeline.EnvironmentRender Render)
    {
        public ComponentSpec Spec(string component) => Render.Components.Single(c => c.Name == component).Spec;
    }

    [Fact]
    public void Every_consumer_gets_its_own_login_role_and_database_with_the_password_only_by_reference()
    {
        var values = Env("dev").Spec("postgres").Values;
        var roles = values["cluster"]!["roles"]!.AsArray().Select(r => r!.AsObject()).ToList();
        var databases = values["databases"]!.AsArray().Select(d => d!.AsObject()).ToList();
        var consumers = new[] { "iceberg_catalog", "lineage", "mlflow", "orchestrator", "superset" };
        Assert.Equal(consumers, roles.Select(r => (string)r["name"]!));
        Assert.Equal(consumers, databases.Select(d => (string)d["name"]!));
        Assert.All(databases, d => Assert.Equal((string)d["name"]!, (string)d["owner"]!));
        Assert.All(roles, r =>
        {
            Assert.True((bool)r["login"]!);
            Assert.False((bool)r["superuser"]!);
            Assert.Equal($"postgres-role-{((string)r["name"]!).Replace('_', '-')}", (string)r["passwordSecret"]!["name"]!);
            Assert.Null(r["password"]);
        });
        Assert.False((bool)values["cluster"]!["enableSuperuserAccess"]!);
    }

    [Fact]
    public void A_consumer_is_told_the_read_write_service_its_database_and_the_secret_in_its_own_namespace()
    {
        var postgres = (PostgresCluster)Render.Reference.Platform!.Environments.Single(e => e.Name == "dev").Components.Single(c => c.Name == "postgres").Placed.Component;
        var context = new ComponentContext(new Naming("lakehouse", "dev"), Fixtures.ReferenceEnvironments[0], []);
        var db = postgres.DatabaseFor(context, "iceberg-catalog");
        Assert.Equal("postgresql://postgres-rw.lakehouse-postgres.svc.cluster.local:5432", db.Endpoint.ToString());
        Assert.Equal("iceberg_catalog", db.Database);
        Assert.Equal(new SecretRef("iceberg-catalog-database", "username"), db.Username);
        Assert.Equal(new SecretRef("iceberg-catalog-database", "password"), db.Password);
        Assert.Equal("jdbc:postgresql://postgres-rw.lakehouse-postgres.svc.cluster.local:5432/iceberg_catalog", db.JdbcUrl);
    }

    [Fact]
    public void Backups_go_to_the_declared_bucket_on_the_platform_object_store()
    {
        var dev = Env("dev").Spec("postgres").Values["backups"]!;
        Assert.True((bool)dev["enabled"]!);
        Assert.Equal("s3://lakehouse-dev-postgres-backups/postgres/", (string?)dev["destinationPath"]);
        Assert.Equal("http://minio.lakehouse-object-storage.svc.cluster.local:80", (string?)dev["endpointURL"]);
        Assert.False((bool)dev["s3"]!["inheritFromIAMRole"]!);
        Assert.Equal("postgres-backup-s3-credentials", (string?)dev["secret"]!["name"]);
        Assert.False((bool)dev["secret"]!["create"]!);
        Assert.Equal("0 0 3 * * *", (string?)dev["scheduledBackups"]![0]!["schedule"]);
        Assert.Equal("7d", (string?)dev["retentionPolicy"]);
        // On AWS the instances write with their IAM role; no key Secret is read.
        var aws = Env("aws").Spec("postgres").Values["backups"]!;
        Assert.True((bool)aws["s3"]!["inheritFromIAMRole"]!);
        Assert.Equal("s3://lakehouse-aws-postgres-backups/postgres/", (string?)aws["destinationPath"]);
    }

    [Fact]
    public void The_exporter_is_on_and_its_pod_monitor_is_selected_by_prometheus()
    {
        var monitoring = Env("prod").Spec("postgres").Values["cluster"]!["monitoring"]!;
        Assert.True((bool)monitoring["enabled"]!);
        Assert.True((bool)monitoring["podMonitor"]!["enabled"]!);
        Assert.Equal("monitoring", (string?)monitoring["podMonitor"]!["labels"]!["release"]);
        var op = Env("prod").Spec("postgres-operator").Values["monitoring"]!;
        Assert.True((bool)op["podMonitorEnabled"]!);
    }

    [Fact]
    public void The_default_monitoring_queries_of_the_pinned_operator_chart_provide_the_alerts_metrics()
    {
        // PlatformRules reads cnpg_backends_total, cnpg_pg_settings_setting and cnpg_pg_stat_database_blks_*;
        // the exporter prefixes cnpg_ to each query name of the default queries ConfigMap.
        var text = File.ReadAllText(Paths.RequireUpstream("charts/cloudnative-pg/values.yaml"));
        Assert.Contains("    backends:\n", text);
        Assert.Contains("    pg_settings:\n", text);
        Assert.Contains("    pg_stat_database:\n", text);
        Assert.Contains("- blks_hit:", text);
        Assert.Contains("- blks_read:", text);
        // ...and nothing here replaces that ConfigMap (the operator's MONITORING_QUERIES_CONFIGMAP) or turns the
        // default queries off in the Cluster.
        foreach (var env in new[] { "dev", "staging", "prod", "aws" })
        {
            Assert.Null(Env(env).Spec("postgres-operator").Values["monitoringQueriesConfigMap"]);
            Assert.Null(Env(env).Spec("postgres").Values["cluster"]!["monitoring"]!["disableDefaultQueries"]);
        }
        Assert.Contains("  disableDefaultQueries: false", File.ReadAllText(Paths.RequireUpstream("charts/cnpg-cluster/values.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void Prod_runs_three_instances_spread_over_nodes_with_a_disruption_budget_and_dev_one()
    {
        var prod = Env("prod").Spec("postgres").Values["cluster"]!;
        Assert.Equal(3, (long)prod["instances"]!);
        Assert.True((bool)prod["enablePDB"]!);
        Assert.Equal("kubernetes.io/hostname", (string?)prod["affinity"]!["topologyKey"]);
        var dev = Env("dev").Spec("postgres").Values["cluster"]!;
        Assert.Equal(1, (long)dev["instances"]!);
        Assert.False((bool)dev["enablePDB"]!);
    }

    [Fact]
    public void Polaris_keeps_its_metadata_in_its_own_database()
    {
        var persistence = Env("dev").Spec("iceberg-catalog").Values["persistence"]!;
        Assert.Equal("relational-jdbc", (string?)persistence["type"]);
        Assert.Equal("iceberg-catalog-database", (string?)persistence["relationalJdbc"]!["secret"]!["name"]);
    }

    [Fact]
    public void Workload_identity_without_a_backup_role_is_a_configuration_error()
    {
        var config = Render.Environment("aws", Render.EnvironmentText("aws"));
        var problems = Lakehouse.Model.Configuration.EnvironmentConfigChecks.Check(config with { Postgres = config.Postgres with { ServiceAccountRoleArn = null } }).ToList();
        Assert.Contains(problems, p => p.KeyPath == "postgres" && p.Message.Contains("postgres.serviceAccountRoleArn", StringComparison.Ordinal));
    }

    public static TheoryData<string> Environments() => new("dev", "staging", "prod", "aws");

    /// <summary>
    /// The Cluster resource chart cluster 0.8.1 renders (templates/cluster.yaml, _bootstrap.tpl, _backup.tpl,
    /// _barman_object_store.tpl at tag cluster-v0.8.1) from the effective values, for type postgresql in
    /// standalone mode with barmanObjectStore backups on S3: the fields the platform sets or inherits.
    /// </summary>
    private static JsonObject ChartCluster(JsonObject values)
    {
        var c = values["cluster"]!.AsObject();
        var fullname = (string)values["fullnameOverride"]!;
        var spec = new JsonObject
        {
            ["instances"] = c["instances"]!.DeepClone(),
            ["imageName"] = c["imageName"] is JsonValue image && (string)image! != ""
                ? (string)image! : $"ghcr.io/cloudnative-pg/postgresql:{(string)values["version"]!["postgresql"]!}",
            ["imagePullPolicy"] = c["imagePullPolicy"]!.DeepClone(),
            ["postgresUID"] = (long)c["postgresUID"]! >= 0 ? (long)c["postgresUID"]! : 26,
            ["postgresGID"] = (long)c["postgresGID"]! >= 0 ? (long)c["postgresGID"]! : 26,
            ["storage"] = new JsonObject { ["size"] = c["storage"]!["size"]!.DeepClone() },
            ["primaryUpdateMethod"] = c["primaryUpdateMethod"]!.DeepClone(),
            ["primaryUpdateStrategy"] = c["primaryUpdateStrategy"]!.DeepClone(),
            ["logLevel"] = c["logLevel"]!.DeepClone(),
            ["enableSuperuserAccess"] = c["enableSuperuserAccess"]!.DeepClone(),
            ["enablePDB"] = c["enablePDB"]!.DeepClone(),
            ["postgresql"] = new JsonObject(),
            ["monitoring"] = new JsonObject
            {
                ["disableDefaultQueries"] = c["monitoring"]!["disableDefaultQueries"]!.DeepClone(),
                ["tls"] = new JsonObject { ["enabled"] = c["monitoring"]!["tls"]!["enabled"]!.DeepClone() },
            },
        };
        if (c["stopDelay"] is { } stopDelay)
        {
            spec["stopDelay"] = stopDelay.DeepClone();
        }
        foreach (var key in new[] { "resources", "affinity", "serviceAccountTemplate", "podSecurityContext", "securityContext" })
        {
            if (c[key] is JsonObject o && o.Count > 0)
            {
                spec[key] = o.DeepClone();
            }
        }
        if (c["postgresql"]!["parameters"] is JsonObject parameters && parameters.Count > 0)
        {
            spec["postgresql"]!["parameters"] = parameters.DeepClone();
        }
        if (c["roles"] is JsonArray roles && roles.Count > 0)
        {
            spec["managed"] = new JsonObject { ["roles"] = roles.DeepClone() };
        }
        var initdb = c["initdb"] is JsonObject i ? i.DeepClone().AsObject() : new JsonObject();
        initdb.Remove("postInitApplicationSQL");
        initdb.Remove("import");
        spec["bootstrap"] = new JsonObject { ["initdb"] = initdb };

        var b = values["backups"]!.AsObject();
        if ((bool)b["enabled"]! && (string?)b["method"] == "barmanObjectStore")
        {
            JsonObject Part(string name, string countKey)
            {
                var part = new JsonObject { ["compression"] = b[name]!["compression"]!.DeepClone() };
                if (b[name]!["encryption"] is JsonValue e && (string)e! != "")
                {
                    part["encryption"] = (string)e!;
                }
                part[countKey] = b[name]![countKey]!.DeepClone();
                return part;
            }
            var secret = b["secret"]?["name"] is JsonValue n && (string)n! != "" ? (string)n! : $"{fullname}-backup-s3-creds";
            var store = new JsonObject
            {
                ["wal"] = Part("wal", "maxParallel"),
                ["data"] = Part("data", "jobs"),
                ["endpointURL"] = b["endpointURL"]!.DeepClone(),
                ["destinationPath"] = b["destinationPath"]!.DeepClone(),
                ["s3Credentials"] = (bool)b["s3"]!["inheritFromIAMRole"]!
                    ? new JsonObject { ["inheritFromIAMRole"] = true }
                    : new JsonObject
                    {
                        ["accessKeyId"] = new JsonObject { ["name"] = secret, ["key"] = "ACCESS_KEY_ID" },
                        ["secretAccessKey"] = new JsonObject { ["name"] = secret, ["key"] = "ACCESS_SECRET_KEY" },
                    },
            };
            spec["backup"] = new JsonObject
            {
                ["target"] = "prefer-standby",
                ["retentionPolicy"] = b["retentionPolicy"]!.DeepClone(),
                ["barmanObjectStore"] = store,
            };
        }
        return new JsonObject
        {
            ["apiVersion"] = "postgresql.cnpg.io/v1",
            ["kind"] = "Cluster",
            ["metadata"] = new JsonObject { ["name"] = fullname, ["namespace"] = "lakehouse-postgres" },
            ["spec"] = spec,
        };
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task The_cluster_the_chart_renders_from_these_values_validates_against_the_CloudNativePG_crd(string env)
    {
        var schema = await CrdSchemas.Load(Paths.RequireUpstream("charts/cloudnative-pg/crds/postgresql.cnpg.io_clusters.yaml"), "v1");
        var defaults = YamlFiles.Read(File.ReadAllText(Paths.RequireUpstream("charts/cnpg-cluster/values.yaml")))!.AsObject();
        var values = HelmMerge.Effective(defaults, Env(env).Spec("postgres").Values);
        var cluster = ChartCluster(values);

        var errors = schema.Validate(cluster.ToJsonString());
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        // What the CRD must carry for the platform: a role per consumer, each with a password Secret.
        var roles = cluster["spec"]!["managed"]!["roles"]!.AsArray();
        Assert.NotEmpty(roles);
        Assert.All(roles, r => Assert.StartsWith("postgres-role-", (string)r!["passwordSecret"]!["name"]!, StringComparison.Ordinal));
        // parameters are map[string]string in the CRD: max_connections must be rendered as a string.
        Assert.Equal(System.Text.Json.JsonValueKind.String, cluster["spec"]!["postgresql"]!["parameters"]!["max_connections"]!.GetValueKind());
        // The check bites: the same Cluster with an integer parameter or an unknown role field is rejected.
        var broken = cluster.DeepClone().AsObject();
        broken["spec"]!["postgresql"]!["parameters"]!["max_connections"] = 200;
        broken["spec"]!["managed"]!["roles"]![0]!["login"] = "yes";
        Assert.Equal(2, schema.Validate(broken.ToJsonString()).Count);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Backups_send_no_server_side_encryption_header_that_an_in_cluster_store_without_a_kms_rejects(string env)
    {
        var defaults = YamlFiles.Read(File.ReadAllText(Paths.RequireUpstream("charts/cnpg-cluster/values.yaml")))!.AsObject();
        var store = ChartCluster(HelmMerge.Effective(defaults, Env(env).Spec("postgres").Values))["spec"]!["backup"]!["barmanObjectStore"]!;
        // The chart's default is AES256 (SSE-S3): MinIO without KMS answers NotImplemented to every upload.
        Assert.Null(store["wal"]!["encryption"]);
        Assert.Null(store["data"]!["encryption"]);
        Assert.Equal("gzip", (string?)store["wal"]!["compression"]);
    }

    [Fact]
    public void The_database_objects_the_chart_renders_have_valid_names_and_are_owned_by_a_managed_role()
    {
        var values = Env("prod").Spec("postgres").Values;
        var roles = values["cluster"]!["roles"]!.AsArray().Select(r => (string)r!["name"]!).ToHashSet(StringComparer.Ordinal);
        foreach (var database in values["databases"]!.AsArray())
        {
            // templates/databases.yaml names the Database object FULLNAME-NAME with '_' as '-'.
            var objectName = $"{(string)values["fullnameOverride"]!}-{((string)database!["name"]!).Replace('_', '-')}";
            Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", objectName);
            Assert.True(objectName.Length <= 63, objectName);
            Assert.Contains((string)database["owner"]!, roles);
            Assert.Equal("present", (string?)database["ensure"]);
        }
    }

    private static JsonNode Application(string env, string component) =>
        YamlFiles.Read(File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "gitops", env, "cluster", $"application-lakehouse-{env}-{component}.yaml")))!;

    private static int Wave(string env, string component) =>
        int.Parse((string)Application(env, component)["metadata"]!["annotations"]!["argocd.argoproj.io/sync-wave"]!, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_cluster_syncs_after_its_operator_and_the_object_store_and_before_every_consumer(string env)
    {
        var postgres = Wave(env, "postgres");
        Assert.True(Wave(env, "postgres-operator") < postgres);
        var store = Path.Combine(Paths.RepositoryRoot, "gitops", env, "cluster", $"application-lakehouse-{env}-object-storage.yaml");
        if (File.Exists(store))
        {
            Assert.True(Wave(env, "object-storage") < postgres, "backups need the bucket first");
        }
        // Each role belongs to a consumer; the deployed ones (a referenced catalog has no Application) sync later.
        var consumers = Env(env).Spec("postgres").Values["cluster"]!["roles"]!.AsArray().Select(r => ((string)r!["name"]!).Replace('_', '-')).ToList();
        Assert.NotEmpty(consumers);
        foreach (var consumer in consumers.Where(c => File.Exists(Path.Combine(Paths.RepositoryRoot, "gitops", env, "cluster", $"application-lakehouse-{env}-{c}.yaml"))))
        {
            Assert.True(Wave(env, consumer) > postgres, $"{consumer} syncs before the database it needs");
        }
    }

    [Fact]
    public void The_operator_is_granted_exactly_its_cluster_scoped_kinds_and_probed_on_its_webhook()
    {
        var op = Env("dev").Spec("postgres-operator");
        Assert.Equal(
            ["CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"],
            op.ClusterResources.Select(k => k.Kind));
        Assert.Empty(Env("dev").Spec("postgres").ClusterResources);
        Assert.Equal(new ChartTemplateProbes("templates/deployment.yaml"), op.Probes);
        Assert.Equal(new ChartMonitor("monitoring.podMonitorEnabled"), op.Metrics);
        // The API server reaches the admission webhook on 9443 through the default-deny policy.
        var webhook = op.Manifests.Single(m => m.Kind == "NetworkPolicy" && m.Name.Contains("webhook", StringComparison.Ordinal));
        Assert.Contains("9443", webhook.Body.ToJsonString(), StringComparison.Ordinal);
        var project = YamlFiles.Read(File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "gitops", "dev", "cluster", "appproject-lakehouse-dev-postgres-operator.yaml")))!;
        var allowed = project["spec"]!["clusterResourceWhitelist"]!.AsArray().Select(k => (string)k!["kind"]!).ToList();
        // Its own AppProject allows exactly these and its Namespace.
        Assert.Equal(op.ClusterResources.Select(k => k.Kind).Append("Namespace").Order(StringComparer.Ordinal), allowed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void In_prod_a_standby_operator_on_another_node_keeps_failover_going_when_the_operators_node_is_lost()
    {
        var prod = Env("prod").Spec("postgres-operator");
        Assert.Equal(2, (long)prod.Values["replicaCount"]!);
        Assert.Equal("cloudnative-pg", (string?)prod.Values["affinity"]!["podAntiAffinity"]!["preferredDuringSchedulingIgnoredDuringExecution"]![0]!
            ["podAffinityTerm"]!["labelSelector"]!["matchLabels"]!["app.kubernetes.io/name"]);
        var budget = prod.Manifests.Single(m => m.Kind == "PodDisruptionBudget");
        Assert.Equal("lakehouse-postgres-operator", budget.Namespace);
        Assert.Equal(1, (int)budget.Body["spec"]!["maxUnavailable"]!);
        Assert.Equal("postgres-operator", (string?)budget.Body["spec"]!["selector"]!["matchLabels"]!["app.kubernetes.io/instance"]);
        var dev = Env("dev").Spec("postgres-operator");
        Assert.Null(dev.Values["replicaCount"]);
        Assert.DoesNotContain(dev.Manifests, m => m.Kind == "PodDisruptionBudget");
    }
}
