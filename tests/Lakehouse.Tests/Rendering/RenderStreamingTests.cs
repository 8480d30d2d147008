using Lakehouse.Definitions;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Rendering;

/// <summary>
/// The render host renders each environment as soon as it is evaluated and lets its objects go
/// (<c>RenderPipeline.Render(..., keepPlatform: false)</c>); the tree must be the one the other mode renders,
/// file for file and byte for byte, and a failing environment must still leave no tree.
/// </summary>
public class RenderStreamingTests
{
    [Fact]
    public void Rendering_environment_by_environment_gives_the_same_tree()
    {
        var kept = Render.ReferenceTree;
        var streamed = RenderPipeline.Render(new LakehousePlatform(), Paths.RepositoryRoot, keepPlatform: false);
        Assert.True(streamed.Succeeded, string.Join("\n", streamed.Diagnostics));
        Assert.Empty(streamed.Platform!.Environments);
        Assert.Equal(["aws", "dev", "prod", "staging"], streamed.EnvironmentNames);
        Assert.Equal(kept.Bytes.Keys.Order(StringComparer.Ordinal), streamed.Tree!.Bytes.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, bytes) in kept.Bytes)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(streamed.Tree.Bytes[path]), $"{path} differs");
        }
    }

    [Fact]
    public void A_failing_environment_leaves_no_tree_even_after_others_were_rendered()
    {
        var environments = new[] { "dev", "prod" }.Select(name => Render.Environment(name, Render.EnvironmentText(name))).ToList();
        // An environment name too long for the names derived from it is refused while that environment is evaluated
        // (LH0014); dev is fine and may already be rendered by then.
        environments[1] = environments[1] with { Name = "production-environment-with-a-name-far-too-long-for-kubernetes" };
        var outcome = RenderPipeline.Render(new LakehousePlatform(), environments, keepPlatform: false);
        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.Tree);
        Assert.Contains(outcome.Diagnostics, d => d.Rule.Id == "LH0014");
    }
}
