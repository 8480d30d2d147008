using System.Text.Json.Nodes;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Tree;
using Lakehouse.Rendering.Yaml;

namespace Lakehouse.Rendering.Renderers;

/// <summary>
/// The raw objects of each component as Kustomize: a base with what every environment shares and an
/// overlay per environment with strategic-merge patches for what differs and the objects only it has.
/// </summary>
public sealed class KustomizeRenderer : IRenderer
{
    public void Render(PlatformRender platform, GitOpsLayout layout, GitOpsTree tree)
    {
        Parallel.ForEach(ComponentAcrossEnvironments.Of(platform), component =>
        {
            var allEnvironments = component.Instances.Select(i => i.Environment).ToList();
            var perEnvironment = component.Instances
                .Select(i => i.Component.Spec.Manifests.ToDictionary(m => m.Id, StringComparer.Ordinal))
                .ToList();
            // Base objects: present in every environment, in the order the component lists them.
            var baseIds = component.Instances[0].Component.Spec.Manifests.Select(m => m.Id)
                .Where(id => perEnvironment.All(e => e.ContainsKey(id)))
                .ToList();
            var baseBodies = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            var baseDir = layout.Base(component.Name);
            var commonHeader = Header.For(component.Sources(allEnvironments));
            foreach (var id in baseIds)
            {
                var body = JsonTrees.Common(perEnvironment.Select(e => e[id].Body).ToList());
                baseBodies[id] = body;
                var m = perEnvironment[0][id];
                tree.Add($"{baseDir}/{GitOpsLayout.FileName(m.Kind, m.Name)}", YamlWriter.Write(body, commonHeader));
            }
            tree.Add($"{baseDir}/kustomization.yaml", YamlWriter.Write(Kustomization(
                baseIds.Select(id => GitOpsLayout.FileName(perEnvironment[0][id].Kind, perEnvironment[0][id].Name)), []), commonHeader));

            for (var i = 0; i < component.Instances.Count; i++)
            {
                var environment = component.Instances[i].Environment;
                var overlayDir = layout.Overlay(component.Name, environment.Name);
                var header = Header.For(component.Sources([environment]));
                var resources = new List<string> { "../../base" };
                var patches = new List<string>();
                foreach (var manifest in component.Instances[i].Component.Spec.Manifests)
                {
                    if (baseBodies.TryGetValue(manifest.Id, out var shared))
                    {
                        var delta = JsonTrees.Delta(manifest.Body, shared);
                        if (delta.Count == 0)
                        {
                            continue;
                        }
                        var file = GitOpsLayout.PatchFileName(manifest.Kind, manifest.Name);
                        tree.Add($"{overlayDir}/{file}", YamlWriter.Write(Patch(manifest, delta), header));
                        patches.Add(file);
                    }
                    else
                    {
                        var file = GitOpsLayout.FileName(manifest.Kind, manifest.Name);
                        tree.Add($"{overlayDir}/{file}", YamlWriter.Write(manifest.Body, header));
                        resources.Add(file);
                    }
                }
                tree.Add($"{overlayDir}/kustomization.yaml", YamlWriter.Write(Kustomization(resources, patches), header));
            }
        });
    }

    private static JsonObject Kustomization(IEnumerable<string> resources, IReadOnlyList<string> patches)
    {
        var k = new JsonObject
        {
            ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
            ["kind"] = "Kustomization",
            ["resources"] = new JsonArray(resources.Select(r => (JsonNode)r).ToArray()),
        };
        if (patches.Count > 0)
        {
            k["patches"] = new JsonArray(patches.Select(p => (JsonNode)new JsonObject { ["path"] = p }).ToArray());
        }
        return k;
    }

    /// <summary>A strategic-merge patch: the object's identity and the fields this environment adds or changes.</summary>
    private static JsonObject Patch(ManifestObject manifest, JsonObject delta)
    {
        var metadata = new JsonObject { ["name"] = manifest.Name };
        if (manifest.Namespace is not null)
        {
            metadata["namespace"] = manifest.Namespace;
        }
        if (delta["metadata"] is JsonObject extra)
        {
            foreach (var (key, value) in extra)
            {
                metadata[key] = value?.DeepClone();
            }
        }
        var patch = new JsonObject { ["apiVersion"] = manifest.ApiVersion, ["kind"] = manifest.Kind, ["metadata"] = metadata };
        foreach (var (key, value) in delta.Where(p => p.Key != "metadata"))
        {
            patch[key] = value?.DeepClone();
        }
        return patch;
    }
}
