using System.Text.Json.Nodes;
using Lakehouse.Tests.Support;
using Pod = Lakehouse.Tests.Workspaces.NetworkPolicyEvaluator.Pod;

namespace Lakehouse.Tests.Workspaces;

/// <summary>
/// A workspace namespace's network, evaluated over every NetworkPolicy rendered for the environment (both the
/// workspace's egress and the destinations' ingress): its pods reach DNS, Trino, and the store and catalog that
/// separate workspaces themselves, and Marquez' API (where its jobs send their lineage), and nothing else: not PostgreSQL
/// (nor, on staging, the JDBC catalog in it), not Valkey, not Marquez' admin port, not the other workspace's
/// namespace. A fixture that opens the workspace's egress breaks it.
/// </summary>
public sealed class WorkspaceNetworkTests
{
    private const string A = "lakehouse-analytics";
    private const string B = "lakehouse-data-science";

    public static TheoryData<string> Environments => new() { "aws", "dev", "prod", "staging" };

    private static NetworkPolicyEvaluator Policies(string environment) => NetworkPolicyEvaluator.ForEnvironment(Render.ReferenceTree.Files, environment);

    private static readonly Pod Workspace = Pod.In(A, ("app", "job"));
    private static readonly Pod Dns = Pod.In("kube-system", ("k8s-app", "kube-dns"));
    private static readonly Pod Trino = Pod.In("lakehouse-trino", ("app.kubernetes.io/name", "trino"));
    private static readonly Pod Postgres = Pod.In("lakehouse-postgres", ("cnpg.io/cluster", "postgres"));
    private static readonly Pod Valkey = Pod.In("lakehouse-valkey", ("app.kubernetes.io/name", "valkey"));
    private static readonly Pod Marquez = Pod.In("lakehouse-lineage", ("app.kubernetes.io/name", "marquez"));
    private static readonly Pod OtherWorkspace = Pod.In(B, ("app", "job"));

    /// <summary>What must not be reachable from workspace A, with the port tried.</summary>
    private static IEnumerable<(string What, Pod Pod, int Port)> Forbidden() =>
    [
        ("PostgreSQL", Postgres, 5432),
        ("Valkey", Valkey, 6379),
        ("Marquez' admin port", Marquez, 5001),
        ("the other workspace", OtherWorkspace, 8080),
        ("the other workspace", OtherWorkspace, 443),
    ];

    [Theory]
    [MemberData(nameof(Environments))]
    public void A_workspace_pod_reaches_dns_trino_and_marquez_api_and_not_postgres_valkey_or_the_other_workspace(string environment)
    {
        var policies = Policies(environment);
        Assert.True(policies.Allows(Workspace, Dns, 53, "UDP"));
        Assert.True(policies.Allows(Workspace, Dns, 53, "TCP"));
        Assert.True(policies.Allows(Workspace, Trino, 8443));
        Assert.True(policies.Allows(Workspace, Marquez, 5000), "Marquez' API, for the workspace's lineage");
        Assert.True(policies.Allows(Workspace, Pod.In(A, ("app", "other")), 8080), "its own namespace");
        foreach (var (what, pod, port) in Forbidden())
        {
            Assert.False(policies.Allows(Workspace, pod, port), $"{environment}: {what} on {port}");
            // Each side refuses on its own: the workspace's egress, and the destination's ingress.
            // (On aws HTTPS leaves by port only, as for every client of S3 and Glue: the platform writes no address, so
            // 443 is open on the egress side and the other workspace's ingress is what refuses it.)
            Assert.True(environment == "aws" && port == 443 || !policies.EgressAllows(Workspace, pod, port), $"{environment}: egress to {what} on {port}");
            Assert.False(policies.IngressAllows(Workspace, pod, port), $"{environment}: {what}'s ingress on {port}");
        }
        // Trino is reached on its client port only, not on its metrics port.
        Assert.False(policies.Allows(Workspace, Trino, 5556));
    }

    [Theory]
    [InlineData("dev", "lakehouse-object-storage", 9000, "lakehouse-iceberg-catalog", 8181)]
    [InlineData("prod", "lakehouse-object-storage", 9000, "lakehouse-iceberg-catalog", 8181)]
    [InlineData("staging", "lakehouse-object-storage", 8333, null, 0)]
    public void In_the_cluster_a_workspace_reaches_its_store_and_a_catalog_that_grants_per_workspace(string environment, string store, int storePort, string? catalog, int catalogPort)
    {
        var policies = Policies(environment);
        Assert.True(policies.Allows(Workspace, Pod.In(store), storePort));
        if (catalog is not null)
        {
            Assert.True(policies.Allows(Workspace, Pod.In(catalog), catalogPort));
        }
        // Nothing leaves the cluster: the store and the catalog are in it.
        Assert.False(policies.Allows(Workspace, Pod.Outside, 443));
    }

    [Fact]
    public void On_aws_a_workspace_leaves_the_cluster_on_https_only_for_s3_glue_and_sts()
    {
        var policies = Policies("aws");
        Assert.True(policies.Allows(Workspace, Pod.Outside, 443));
        Assert.False(policies.Allows(Workspace, Pod.Outside, 80));
        Assert.False(policies.Allows(Workspace, Pod.Outside, 5432));
        var egress = YamlFiles.Read(Render.ReferenceTree.Files["gitops/aws/apps/analytics/networkpolicy-default-egress.yaml"])!;
        Assert.Equal("iceberg-catalog (external, port 443), lineage, object-storage (external, port 443), trino",
            (string?)egress["metadata"]!["annotations"]!["lakehouse.io/connects-to"]);
    }

    [Fact]
    public void An_opened_or_missing_workspace_egress_fails_the_check()
    {
        var policies = Policies("dev");
        // Fixture 1: the default-egress gone: every egress is open; PostgreSQL's and the other workspace's ingress still refuse.
        var open = policies.Without(A, "default-egress");
        Assert.True(open.EgressAllows(Workspace, Postgres, 5432));
        Assert.True(open.EgressAllows(Workspace, OtherWorkspace, 8080));
        // Fixture 2: a hand-written allow-all egress, and PostgreSQL's ingress admitting the workspace: it is reachable.
        var allowAll = JsonNode.Parse($$"""{ "metadata": { "name": "allow-all", "namespace": "{{A}}" }, "spec": { "podSelector": {}, "policyTypes": ["Egress"], "egress": [{}] } }""")!.AsObject();
        var admitting = JsonNode.Parse($$"""{ "metadata": { "name": "admit", "namespace": "lakehouse-postgres" }, "spec": { "podSelector": {}, "policyTypes": ["Ingress"], "ingress": [{ "from": [{ "namespaceSelector": { "matchLabels": { "kubernetes.io/metadata.name": "{{A}}" } } }] }] } }""")!.AsObject();
        Assert.True(policies.With(allowAll).With(admitting).Allows(Workspace, Postgres, 5432));
        Assert.False(policies.With(admitting).Allows(Workspace, Postgres, 5432));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_workspace_namespace_has_a_default_deny_egress_derived_like_the_components(string environment)
    {
        foreach (var workspace in new[] { "analytics", "data-science" })
        {
            var egress = YamlFiles.Read(Render.ReferenceTree.Files[$"gitops/{environment}/apps/{workspace}/networkpolicy-default-egress.yaml"])!;
            Assert.Equal("{}", egress["spec"]!["podSelector"]!.ToJsonString());
            Assert.Equal(["Egress"], egress["spec"]!["policyTypes"]!.AsArray().Select(t => (string)t!));
            Assert.Contains("networkpolicy-default-egress.yaml", Render.ReferenceTree.Files[$"gitops/{environment}/apps/{workspace}/kustomization.yaml"]);
        }
    }
}
