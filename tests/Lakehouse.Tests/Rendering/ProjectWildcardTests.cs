using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Rendering;

/// <summary>
/// No AppProject of the tree, the root's or a component's, allows anything by wildcard: every destination, source
/// repository and kind is named. A component declaring a wildcard kind is refused before anything is written (LH0150).
/// </summary>
public class ProjectWildcardTests
{
    /// <summary>Every field of an AppProject's spec that Argo CD matches as a glob, holding a '*'.</summary>
    internal static IReadOnlyList<string> Wildcards(JsonNode project)
    {
        var spec = project["spec"]!;
        var values = new List<(string Field, string? Value)>();
        values.AddRange(spec["sourceRepos"]?.AsArray().Select(r => ("sourceRepos", (string?)r)) ?? []);
        values.AddRange(spec["sourceNamespaces"]?.AsArray().Select(r => ("sourceNamespaces", (string?)r)) ?? []);
        foreach (var destination in spec["destinations"]?.AsArray() ?? [])
        {
            values.Add(("destinations.server", (string?)destination!["server"]));
            values.Add(("destinations.name", (string?)destination["name"]));
            values.Add(("destinations.namespace", (string?)destination["namespace"]));
        }
        foreach (var list in new[] { "clusterResourceWhitelist", "namespaceResourceWhitelist" })
        {
            foreach (var kind in spec[list]?.AsArray() ?? [])
            {
                values.Add(($"{list}.group", (string?)kind!["group"]));
                values.Add(($"{list}.kind", (string?)kind["kind"]));
            }
        }
        return [.. values.Where(v => v.Value?.Contains('*', StringComparison.Ordinal) == true).Select(v => $"{v.Field}: {v.Value}")];
    }

    [Fact]
    public void No_app_project_of_the_tree_allows_anything_by_wildcard()
    {
        var projects = Render.ReferenceTree.Files.Where(f => Path.GetFileName(f.Key).StartsWith("appproject-", StringComparison.Ordinal)).ToList();
        Assert.Contains(projects, p => p.Key.Contains("/bootstrap/", StringComparison.Ordinal));
        Assert.True(projects.Count > 40, $"{projects.Count} AppProjects");
        Assert.All(projects, p => Assert.True(Wildcards(YamlFiles.Read(p.Value)!).Count == 0, $"{p.Key}: {string.Join(", ", Wildcards(YamlFiles.Read(p.Value)!))}"));
    }

    [Fact]
    public void The_wildcard_scan_finds_argo_cds_default_project()
    {
        // Argo CD's own "default" project, which the root Application no longer uses: everything from everywhere.
        var defaultProject = JsonNode.Parse("""
            {"spec": {"sourceRepos": ["*"], "destinations": [{"server": "*", "namespace": "*"}], "clusterResourceWhitelist": [{"group": "*", "kind": "*"}]}}
            """)!;
        Assert.Equal(["sourceRepos: *", "destinations.server: *", "destinations.namespace: *", "clusterResourceWhitelist.group: *", "clusterResourceWhitelist.kind: *"], Wildcards(defaultProject));
    }

    [Fact]
    public void A_component_declaring_a_wildcard_kind_is_refused_before_anything_is_written()
    {
        var line = 0;
        var outcome = RenderPipeline.Render(new TestPlatform((p, _) =>
        {
            line = Fixtures.Line() + 1;
            p.Add(new Everything("everything"));
        }), Fixtures.ReferenceEnvironments);
        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.Tree);
        var diagnostic = Assert.Single(outcome.Diagnostics, d => d.Rule.Id == "LH0150" && d.Message.Contains("'dev'", StringComparison.Ordinal));
        Assert.Equal(line, diagnostic.Location.Line);
        Assert.Contains("cluster-scoped kind 'rbac.authorization.k8s.io/*' is a wildcard", diagnostic.Message, StringComparison.Ordinal);
    }

    private sealed record Everything(string Name) : Component(Name)
    {
        public override ComponentSpec Describe(ComponentContext context) => new StubComponent(Name).Describe(context) with
        {
            ClusterResources = [new GroupKind("rbac.authorization.k8s.io", "*")],
        };
    }
}
