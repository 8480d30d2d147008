using System.Text.Json.Nodes;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Tree;
using Lakehouse.Rendering.Yaml;

namespace Lakehouse.Rendering.Renderers;

/// <summary>
/// The raw objects of each component in each environment, one complete object per file, and the
/// kustomization.yaml that lists them (the Application's Kustomize source). No base shared between
/// environments and no patches: an environment's objects are read, and changed, in its own folder only.
/// </summary>
public sealed class KustomizeRenderer : IRenderer
{
    public void Render(PlatformRender platform, GitOpsLayout layout, GitOpsTree tree)
    {
        Parallel.ForEach(ComponentInEnvironment.All(platform), item =>
        {
            var (environment, component) = item;
            var folder = layout.App(component.Name, environment.Name);
            var header = Header.For(component, environment);
            var resources = new List<string>();
            foreach (var manifest in component.Spec.Manifests)
            {
                var file = GitOpsLayout.FileName(manifest.Kind, manifest.Name);
                tree.Add($"{folder}/{file}", YamlWriter.WriteUtf8(manifest.Body, header));
                resources.Add(file);
            }
            tree.Add($"{folder}/kustomization.yaml", YamlWriter.WriteUtf8(new JsonObject
            {
                ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
                ["kind"] = "Kustomization",
                ["resources"] = new JsonArray(resources.Select(r => (JsonNode)r).ToArray()),
            }, header));
        });
    }
}
