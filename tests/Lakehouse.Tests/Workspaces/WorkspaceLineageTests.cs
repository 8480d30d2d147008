using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Workspaces;

/// <summary>
/// A workspace's runs emit into its own lineage namespace (docs/workspaces.md, "Lineage"): the OpenLineage client
/// settings and Spark defaults rendered into its namespace name the namespace Marquez' hook Job creates for it, never
/// the platform's or another workspace's, and send to the Marquez API, which admits the workspace's namespace.
/// </summary>
public sealed class WorkspaceLineageTests
{
    public static TheoryData<string> Environments => new() { "aws", "dev", "prod", "staging" };

    private static readonly string[] Workspaces = ["analytics", "data-science"];

    private static JsonObject Yaml(string path) => YamlFiles.Read(Render.ReferenceTree.Files[path])!.AsObject();

    /// <summary>spark-defaults.conf as Spark reads it: KEY whitespace VALUE per line.</summary>
    private static Dictionary<string, string> SparkDefaults(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', 2)).ToDictionary(p => p[0], p => p[1].Trim(), StringComparer.Ordinal);

    /// <summary>
    /// Every lineage namespace the settings of a workspace's folder send events under, and the endpoints they send to:
    /// OPENLINEAGE_NAMESPACE / OPENLINEAGE_URL for OpenLineage clients, spark.openlineage.* for Spark (with its listener on).
    /// </summary>
    private static (HashSet<string> Namespaces, HashSet<string> Urls) EmitsInto(JsonObject clientSettings, JsonObject sparkDefaults)
    {
        var client = clientSettings["data"]!;
        var spark = SparkDefaults((string)sparkDefaults["data"]!["spark-defaults.conf"]!);
        Assert.Equal("io.openlineage.spark.agent.OpenLineageSparkListener", spark["spark.extraListeners"]);
        Assert.Equal("http", spark["spark.openlineage.transport.type"]);
        return ([(string)client["OPENLINEAGE_NAMESPACE"]!, spark["spark.openlineage.namespace"]], [(string)client["OPENLINEAGE_URL"]!, spark["spark.openlineage.transport.url"]]);
    }

    private static (JsonObject Client, JsonObject Spark) Settings(string environment, string workspace) =>
        (Yaml($"gitops/{environment}/apps/{workspace}/configmap-{MarquezWorkspaceNamespaces.ClientSettings}.yaml"),
         Yaml($"gitops/{environment}/apps/{workspace}/configmap-{MarquezWorkspaceNamespaces.SparkDefaults}.yaml"));

    [Theory]
    [MemberData(nameof(Environments))]
    public void A_workspace_s_runs_emit_into_its_own_lineage_namespace_at_Marquez(string environment)
    {
        var naming = new Naming("lakehouse", environment);
        // Where Marquez listens, as its own hook Jobs call it.
        var marquez = ((string)Yaml($"gitops/{environment}/apps/lineage/configmap-lineage-workspace-analytics.yaml")["data"]!["run.sh"]!)
            .Split('\n').Single(l => l.StartsWith("API=", StringComparison.Ordinal))["API=".Length..];
        foreach (var workspace in Workspaces)
        {
            var (client, spark) = Settings(environment, workspace);
            Assert.Equal(naming.Namespace(workspace), (string?)client["metadata"]!["namespace"]);
            Assert.Equal(naming.Namespace(workspace), (string?)spark["metadata"]!["namespace"]);
            var (namespaces, urls) = EmitsInto(client, spark);
            Assert.Equal(new[] { naming.WorkspaceLineageNamespace(workspace) }, namespaces);
            Assert.Equal(new[] { marquez }, urls);
            // The namespace Marquez' hook Job creates for the workspace.
            Assert.Contains($"call PUT /api/v1/namespaces/{naming.WorkspaceLineageNamespace(workspace)} 001.json",
                (string)Yaml($"gitops/{environment}/apps/lineage/configmap-lineage-workspace-{workspace}.yaml")["data"]!["run.sh"]!);
        }
    }

    [Fact]
    public void The_check_finds_settings_that_emit_into_the_platform_s_namespace()
    {
        // Fixture: the analytics Spark defaults with the platform's lineage namespace.
        var (client, spark) = Settings("dev", "analytics");
        var text = (string)spark["data"]!["spark-defaults.conf"]!;
        spark["data"]!["spark-defaults.conf"] = text.Replace("spark.openlineage.namespace lakehouse-dev-analytics", "spark.openlineage.namespace lakehouse-dev", StringComparison.Ordinal);
        var (namespaces, _) = EmitsInto(client, spark);
        Assert.Contains("lakehouse-dev", namespaces);
        Assert.NotEqual(new[] { new Naming("lakehouse", "dev").WorkspaceLineageNamespace("analytics") }, namespaces);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Marquez_admits_the_workspaces_on_its_API_port(string environment)
    {
        var naming = new Naming("lakehouse", environment);
        var policy = Yaml($"gitops/{environment}/apps/lineage/networkpolicy-default-ingress.yaml");
        foreach (var workspace in Workspaces)
        {
            var rule = policy["spec"]!["ingress"]!.AsArray().OfType<JsonObject>().Single(r => (r["from"] as JsonArray)?.Any(p =>
                (string?)p!["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"] == naming.Namespace(workspace)) == true);
            Assert.Contains(5000L, rule["ports"]!.AsArray().Select(p => (long)p!["port"]!));
        }
    }
}
