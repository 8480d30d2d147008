using Lakehouse.Rendering.Review.Graph;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Review;

/// <summary>docs/graph/ENV.md: the component graph the render writes, its structure, and the tree writer's rules for it.</summary>
public class GraphTests
{
    public static TheoryData<string> Environments => new(Render.Reference.Platform!.Environments.Select(e => e.Name));

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_graph_of_each_environment_declares_every_node_its_edges_name_and_holds_every_component_and_need(string environment)
    {
        var render = Render.Reference.Platform!.Environments.Single(e => e.Name == environment);
        var graph = MermaidStructure.OfMarkdown(Render.ReferenceTree.Files[GraphFiles.For(environment)]);
        Assert.Empty(graph.Problems);
        foreach (var component in render.Components)
        {
            Assert.Contains(MermaidGraph.Id(component.Name), graph.Nodes.Keys);
            Assert.Contains($"sync wave {component.Wave}", Render.ReferenceTree.Files[GraphFiles.For(environment)]);
        }
        foreach (var external in render.External)
        {
            Assert.Contains("external", graph.Nodes[MermaidGraph.Id(external.Component.Name)]);
        }
        Assert.NotEmpty(render.Connections);
        foreach (var need in render.Connections)
        {
            Assert.Contains((MermaidGraph.Id(need.Consumer), "-->", need.Contract, MermaidGraph.Id(need.Provider)), graph.Edges);
        }
        // Every NetworkPolicy edge joins two declared components (checked above) and names its ports.
        Assert.Contains(graph.Edges, e => e.Arrow == "==>" && e.Label.StartsWith("tcp ", StringComparison.Ordinal));
    }

    [Fact]
    public void Aws_shows_its_external_components_and_who_uses_them()
    {
        var aws = Render.Reference.Platform!.Environments.Single(e => e.Name == "aws");
        Assert.NotEmpty(aws.External);
        var graph = MermaidStructure.OfMarkdown(Render.ReferenceTree.Files[GraphFiles.For("aws")]);
        foreach (var external in aws.External)
        {
            Assert.Contains(graph.Edges, e => e.To == MermaidGraph.Id(external.Component.Name) && e.Arrow == "-->");
        }
    }

    [Theory]
    [InlineData("flowchart LR\n  a[\"a\"]\n  a -->|\"IThing\"| b\n", "edge names undeclared node 'b'")]
    [InlineData("flowchart LR\n  subgraph wave0[\"sync wave 0\"]\n  a[\"a\"]\n", "a subgraph is not closed")]
    [InlineData("flowchart LR\n  a[\"a\"]\n  a[\"again\"]\n", "node 'a' declared twice")]
    [InlineData("graph\n  a[\"a\"]\n", "the block does not start with 'flowchart'")]
    [InlineData("flowchart LR\n  a[\"a\"] --> \n", "unreadable line")]
    public void A_broken_graph_is_reported(string mermaid, string problem)
    {
        Assert.Contains(MermaidStructure.Parse(mermaid).Problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void A_graph_missing_a_component_fails_the_check_above()
    {
        var dev = Render.Reference.Platform!.Environments.Single(e => e.Name == "dev");
        var text = Render.ReferenceTree.Files[GraphFiles.For("dev")];
        var trino = MermaidGraph.Id("trino");
        var broken = string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith(trino + "[", StringComparison.Ordinal)));
        var graph = MermaidStructure.OfMarkdown(broken);
        Assert.DoesNotContain(trino, graph.Nodes.Keys);
        Assert.Contains($"edge names undeclared node '{trino}'", graph.Problems);
        Assert.Contains(dev.Components, c => c.Name == "trino");
    }

    [Fact]
    public void The_committed_graphs_are_what_the_render_writes()
    {
        foreach (var environment in Render.Reference.Platform!.Environments)
        {
            var path = GraphFiles.For(environment.Name);
            Assert.Equal(Render.ReferenceTree.Files[path], File.ReadAllText(Path.Combine(Paths.RepositoryRoot, path)));
        }
    }

    [Fact]
    public void A_hand_edited_graph_fails_check_and_the_next_render_restores_it()
    {
        using var repo = new TempRepository();
        var path = GraphFiles.For("dev");
        var rendered = repo.Read(path);
        repo.Write(path, rendered.Replace("sync wave 0", "sync wave 9", StringComparison.Ordinal));
        var (code, output) = repo.Run("check");
        Assert.Equal(1, code);
        Assert.Contains(path, output);
        Assert.Contains("error LH0013", output);
        Assert.Equal(0, repo.Run("render").Code);
        Assert.Equal(rendered, repo.Read(path));
        Assert.Equal(0, repo.Run("check").Code);
    }

    [Fact]
    public void The_graph_of_an_environment_that_is_gone_is_deleted_and_other_markdown_in_the_folder_is_left_alone()
    {
        using var repo = new TempRepository();
        repo.Write(GraphFiles.For("qa"), repo.Read(GraphFiles.For("dev")));
        repo.Write("docs/graph/notes.md", "# Notes\nwritten by a person\n");
        repo.Write("docs/graph/README.md", "<!-- Generated by Lakehouse GitOps, but README is no environment name -->\n");
        var (checkCode, checkOutput) = repo.Run("check");
        Assert.Equal(1, checkCode);
        Assert.Contains(GraphFiles.For("qa"), checkOutput);
        Assert.Equal(0, repo.Run("render").Code);
        Assert.False(File.Exists(repo.PathOf(GraphFiles.For("qa"))));
        Assert.Equal("# Notes\nwritten by a person\n", repo.Read("docs/graph/notes.md"));
        Assert.True(File.Exists(repo.PathOf("docs/graph/README.md")));
        Assert.Equal(0, repo.Run("check").Code);
    }

    [Fact]
    public void A_render_into_a_repository_without_docs_creates_the_graph_folder()
    {
        using var repo = new TempRepository();
        Directory.Delete(repo.PathOf("docs"), recursive: true);
        Assert.Equal(0, repo.Run("render").Code);
        Assert.True(File.Exists(repo.PathOf(GraphFiles.For("prod"))));
    }
}
