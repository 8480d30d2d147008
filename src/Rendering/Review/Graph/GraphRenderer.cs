using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Renderers;
using Lakehouse.Rendering.Tree;

namespace Lakehouse.Rendering.Review.Graph;

/// <summary>
/// The component graph of every environment as Mermaid in docs/graph/ENV.md (<see cref="GraphFiles"/>): one
/// file per environment, so a change to one environment changes only its own picture.
/// </summary>
public sealed class GraphRenderer : IRenderer
{
    public void Render(PlatformRender platform, GitOpsLayout layout, GitOpsTree tree)
    {
        // One environment per core: a picture of a thousand components takes a while to lay out (the tree is sorted).
        Parallel.ForEach(platform.Environments, environment =>
            tree.Add(GraphFiles.For(environment.Name), MermaidGraph.Document(platform.Name, environment)));
    }
}
