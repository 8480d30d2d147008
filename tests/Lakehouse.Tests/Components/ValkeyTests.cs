using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Components;

/// <summary>Valkey: a user per consumer confined to its prefix, the default user off, maxmemory defined for the memory alert, metrics, replicas in prod.</summary>
public class ValkeyTests
{
    private static ComponentSpec Spec(string env) =>
        Render.Spec(env, "valkey");

    [Fact]
    public void Authentication_is_on_with_the_password_in_an_existing_secret()
    {
        var auth = Spec("dev").Values["auth"]!;
        Assert.True((bool)auth["enabled"]!);
        Assert.Equal("valkey-users", (string?)auth["usersExistingSecret"]);
        Assert.Null(auth["aclUsers"]!["default"]!["password"]);
    }

    [Theory]
    [InlineData("256Mi", "204mb")]
    [InlineData("1Gi", "819mb")]
    public void Maxmemory_is_80_percent_of_the_memory_so_the_memory_alert_has_a_denominator(string memory, string expected) =>
        Assert.Equal(expected, Valkey.MaxMemory(memory));

    [Fact]
    public void The_broker_never_evicts_and_the_exporter_is_scraped()
    {
        var values = Spec("prod").Values;
        Assert.Contains("maxmemory 819mb\n", (string?)values["valkeyConfig"]);
        Assert.Contains("maxmemory-policy noeviction", (string?)values["valkeyConfig"]);
        // prod has volumes: the append-only file keeps queued messages across restarts; dev keeps memory only.
        Assert.Contains("appendonly yes\n", (string?)values["valkeyConfig"]);
        Assert.DoesNotContain("appendonly", (string?)Spec("dev").Values["valkeyConfig"]);
        Assert.True((bool)values["metrics"]!["enabled"]!);
        Assert.True((bool)values["metrics"]!["serviceMonitor"]!["enabled"]!);
        Assert.Equal("monitoring", (string?)values["metrics"]!["serviceMonitor"]!["extraLabels"]!["release"]);
    }

    [Fact]
    public void Prod_runs_replicas_spread_over_nodes_and_dev_a_single_instance()
    {
        var prod = Spec("prod").Values;
        Assert.True((bool)prod["replica"]!["enabled"]!);
        Assert.Equal(2, (long)prod["replica"]!["replicas"]!);
        Assert.True((bool)prod["podDisruptionBudget"]!["enabled"]!);
        Assert.NotNull(prod["affinity"]);
        Assert.Null(Spec("dev").Values["replica"]);
    }

    [Fact]
    public void Consumers_connect_with_the_password_from_a_secret_in_their_namespace()
    {
        var valkey = new Valkey("valkey");
        var context = new ComponentContext(new Naming("lakehouse", "dev"), Fixtures.ReferenceEnvironments[0], []);
        var connection = valkey.ConnectionFor(context, "superset");
        Assert.Equal("redis://valkey.lakehouse-valkey.svc.cluster.local:6379", connection.Endpoint.ToString());
        Assert.Equal(new SecretRef("superset-valkey", "password"), connection.Password);
        Assert.Equal("superset", connection.Username);
        Assert.Equal("superset:", connection.KeyPrefix);
        Assert.Equal("superset:/0.celery.pidbox", connection.CeleryBroadcastPattern);
    }

    private static System.Text.Json.Nodes.JsonObject Users(string env) => Spec(env).Values["auth"]!["aclUsers"]!.AsObject();

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_default_user_is_off_and_no_user_may_touch_every_key_channel_or_command(string env)
    {
        var users = Users(env);
        Assert.Equal("off resetkeys resetchannels -@all", (string?)users["default"]!["permissions"]);
        foreach (var (name, user) in users)
        {
            var rules = ((string)user!["permissions"]!).Split(' ');
            Assert.DoesNotContain("~*", rules);
            Assert.DoesNotContain("&*", rules);
            Assert.DoesNotContain("allkeys", rules);
            Assert.DoesNotContain("allchannels", rules);
            Assert.DoesNotContain("+@all", rules);
            Assert.Contains("-@all", rules);
            Assert.True(rules.Contains("resetkeys") && rules.Contains("resetchannels"), name);
        }
    }

    [Fact]
    public void Each_consumer_has_its_own_user_confined_to_its_own_prefix_and_uses_exactly_that_prefix()
    {
        // dev runs Airflow's KubernetesExecutor and staging Dagster: neither needs a broker, so neither gets a
        // user or gets through Valkey's NetworkPolicy. prod runs the CeleryExecutor.
        Assert.Equal(["default", "exporter", "superset"], Users("dev").Select(u => u.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["default", "exporter", "superset"], Users("staging").Select(u => u.Key).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("lakehouse-orchestrator", Render.Spec("dev", "valkey").Manifests.Single(m => m.Name == "default-ingress").Body.ToJsonString());
        Assert.Contains("lakehouse-orchestrator", Render.Spec("prod", "valkey").Manifests.Single(m => m.Name == "default-ingress").Body.ToJsonString());
        Assert.DoesNotContain(new Airflow("orchestrator", []).Needs, n => n.Contract == typeof(Lakehouse.Model.Contracts.IKeyValueStore));
        Assert.Contains(new Airflow("orchestrator", []) { CeleryBroker = true }.Needs, n => n.Contract == typeof(Lakehouse.Model.Contracts.IKeyValueStore) && !n.Optional);
        Assert.Equal(["default", "exporter", "orchestrator", "replication", "superset"], Users("prod").Select(u => u.Key).Order(StringComparer.Ordinal));
        Assert.Equal(
            "resetkeys ~superset:* resetchannels &superset:* &superset:/0.celery.pidbox " + Valkey.ConsumerCommands,
            (string?)Users("prod")["superset"]!["permissions"]);
        Assert.Equal(
            "resetkeys ~orchestrator:* resetchannels &orchestrator:* &orchestrator:/0.celery.pidbox " + Valkey.ConsumerCommands,
            (string?)Users("prod")["orchestrator"]!["permissions"]);
        // Dangerous commands and key listing stay out after every category is added.
        Assert.EndsWith("-@dangerous -scan -randomkey", Valkey.ConsumerCommands);

        // Superset signs in as 'superset' and keeps caches, results and Celery under 'superset:'.
        var superset = Render.Spec("prod", "superset").Values;
        Assert.Contains(superset["extraEnvRaw"]!.AsArray(), e => (string?)e!["name"] == "REDIS_USER" && (string?)e["value"] == "superset");
        var config = (string)superset["configOverrides"]!["valkey"]!;
        Assert.Contains("redis://superset:{quote(os.environ['REDIS_PASSWORD'], safe='')}@valkey.lakehouse-valkey.svc.cluster.local:6379/0", config);
        // The results backend is a client of that same URL: the user and password are written once.
        Assert.Contains("RedisCache(host=redis.from_url(VALKEY_URL)", config);
        Assert.Equal(["superset:", "superset:", "superset:cache:", "superset:data:", "superset:results:"],
            System.Text.RegularExpressions.Regex.Matches(config, "(?:\"global_keyprefix\": |\"CACHE_KEY_PREFIX\": |key_prefix=)\"([^\"]*)\"")
                .Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
        // Airflow's CeleryExecutor (prod) keeps its broker keys and channels under 'orchestrator:'.
        Assert.Equal("orchestrator:", (string?)Render.Spec("prod", "orchestrator").Values["config"]!["celery_broker_transport_options"]!["global_keyprefix"]);
    }

    [Fact]
    public void The_exporter_signs_in_as_its_own_user_allowed_its_monitoring_commands_only()
    {
        var values = Spec("dev").Values;
        Assert.Equal("exporter", (string?)values["metrics"]!["exporter"]!["extraEnvs"]!["REDIS_USER"]);
        Assert.Equal("resetkeys resetchannels " + Valkey.ExporterCommands, (string?)Users("dev")["exporter"]!["permissions"]);
        Assert.DoesNotContain("~", Valkey.ExporterCommands);
        Assert.DoesNotContain("@", Valkey.ExporterCommands.Replace("-@all", "", StringComparison.Ordinal));
        // The chart hands the exporter the password under the default user's key: the exporter's.
        Assert.Equal("exporter", (string?)Users("dev")["default"]!["passwordKey"]);
        Assert.Equal("replication", (string?)Spec("prod").Values["replica"]!["replicationUser"]);
        Assert.Equal("resetkeys resetchannels " + Valkey.ReplicationCommands, (string?)Users("prod")["replication"]!["permissions"]);
    }

    [Fact]
    public void A_celery_airflow_built_without_its_broker_need_is_refused_not_silently_unconnected()
    {
        var outcome = Lakehouse.Rendering.Pipeline.RenderPipeline.Render(new TestPlatform((p, _) =>
        {
            p.Add(new StubBackends("backends"));
            p.Add(new Airflow("orchestrator", []));
            p.Add(new ExternalSecretsOperator("external-secrets"));
        }), Fixtures.ReferenceEnvironments);
        Assert.Contains("error LH0015: component 'orchestrator' in environment 'prod' failed: orchestrator.airflow.executor is celery, but component 'orchestrator' was built without its broker need",
            Assert.Single(outcome.Diagnostics).ToString());
    }

    private sealed record NamedLikeAUser(string Name) : Component(Name)
    {
        public override IReadOnlyList<Lakehouse.Model.Contracts.Need> Needs => [Lakehouse.Model.Contracts.Need.Of<Lakehouse.Model.Contracts.IKeyValueStore>()];

        public override ComponentSpec Describe(ComponentContext context) => new StubComponent(Name).Describe(context);
    }

    [Fact]
    public void A_consumer_named_like_one_of_valkeys_own_users_is_refused()
    {
        var outcome = Lakehouse.Rendering.Pipeline.RenderPipeline.Render(new TestPlatform((p, _) =>
        {
            p.Add(new Valkey("valkey"));
            p.Add(new NamedLikeAUser("exporter"));
        }), Fixtures.ReferenceEnvironments);
        Assert.Contains("error LH0015: component 'valkey' in environment 'dev' failed: consumer 'exporter' of 'valkey' has the name of one of its own users", Assert.Single(outcome.Diagnostics).ToString());
    }

    public static TheoryData<string> Environments() => new("dev", "staging", "prod", "aws");

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_values_pass_the_charts_own_template_checks_and_the_exporter_finds_the_password(string env)
    {
        // The checks chart valkey 0.11.0 fails the render with (_helpers.tpl: validateAuthConfig,
        // validateReplicaPersistence, validateReplicaAuth), on the values the chart sees.
        var defaults = YamlFiles.Read(File.ReadAllText(Paths.RequireUpstream("charts/valkey/values.yaml")))!.AsObject();
        var values = HelmMerge.Effective(defaults, Spec(env).Values);
        var auth = values["auth"]!;
        Assert.True((bool)auth["enabled"]!);
        var users = auth["aclUsers"]!.AsObject();
        Assert.True(users.ContainsKey("default"), "the chart refuses auth without a 'default' user");
        Assert.All(users, u => Assert.False(string.IsNullOrEmpty((string?)u.Value!["permissions"])));
        Assert.All(users, u => Assert.Null(u.Value!["password"]));
        Assert.NotEqual("", (string?)auth["usersExistingSecret"]);
        var replica = values["replica"]!;
        if ((bool)replica["enabled"]!)
        {
            Assert.NotEqual("", (string?)replica["persistence"]!["size"]);
            Assert.True(users.ContainsKey((string)replica["replicationUser"]!));
        }
        // The exporter sidecar reads key (aclUsers.default.passwordKey or 'default') of usersExistingSecret
        // (templates/deploy_valkey.yaml, statefulset.yaml): that Secret and key are declared (docs/secrets.md).
        var key = (string?)users["default"]!["passwordKey"] ?? "default";
        var declared = Render.Reference.Platform!.Environments.Single(e => e.Name == env).Secrets.Secrets
            .Single(s => s.Namespace == "lakehouse-valkey" && s.Name == (string)auth["usersExistingSecret"]!);
        Assert.Contains(key, declared.Keys.Keys);
        // Restricted Pod Security (the namespace enforces it): every container of the pod, the exporter
        // sidecar included, drops all capabilities, forbids escalation and runs as non-root (the pod
        // context of the chart sets seccomp RuntimeDefault and user 1000).
        var ns = Spec(env).Manifests.Single(m => m.Kind == "Namespace");
        Assert.Equal("restricted", (string?)ns.Body["metadata"]!["labels"]!["pod-security.kubernetes.io/enforce"]);
        Assert.Equal("RuntimeDefault", (string?)values["podSecurityContext"]!["seccompProfile"]!["type"]);
        foreach (var context in new[] { values["securityContext"]!, values["metrics"]!["exporter"]!["securityContext"]! })
        {
            Assert.True((bool)context["runAsNonRoot"]!);
            Assert.False((bool)context["allowPrivilegeEscalation"]!);
            Assert.Equal(["ALL"], context["capabilities"]!["drop"]!.AsArray().Select(c => (string)c!));
        }
        // Images pinned: Valkey explicitly, the exporter by the chart's default tag.
        Assert.Matches(@"^[0-9]+\.[0-9]+\.[0-9]+$", (string)values["image"]!["tag"]!);
        Assert.Matches(@"^v[0-9]+\.[0-9]+\.[0-9]+$", (string)values["metrics"]!["exporter"]!["image"]!["tag"]!);
    }
}
