using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Components;

/// <summary>Valkey: authentication from a Secret, maxmemory defined for the memory alert, metrics, replicas in prod.</summary>
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
        Assert.Equal(2, (int)prod["replica"]!["replicas"]!);
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
        // (templates/deploy_valkey.yaml, statefulset.yaml): that Secret and key are the documented ones.
        var key = (string?)users["default"]!["passwordKey"] ?? "default";
        var secrets = File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "docs", "secrets.md"));
        Assert.Contains($"| lakehouse-valkey | {(string)auth["usersExistingSecret"]!} | {key}", secrets, StringComparison.Ordinal);
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
