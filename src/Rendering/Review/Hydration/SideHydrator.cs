using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Lakehouse.Rendering.Review.Hydration;

/// <summary>What one Application hydrates to: its objects (chart, then overlay), or why it was not hydrated.</summary>
internal sealed record HydratedObjects(IReadOnlyList<JsonObject> Objects, IReadOnlyList<string> Errors, bool Hydrated);

/// <summary>
/// Hydrates every Application of one side of a diff (a folder holding a gitops/ tree) as Argo CD's first sync
/// would: wave by wave, each Application's `helm template` seeing the CRD APIs the earlier waves installed, then
/// `kubectl kustomize` of its overlay. Renders are cached by their exact inputs (chart, release, namespace,
/// value-file bytes, API versions; overlay file bytes), so an Application identical on both sides of a diff is
/// rendered once.
/// </summary>
internal sealed class SideHydrator(string? helm, string? kubectl)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<(string? Output, string? Error)>>> _renders = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new(Math.Max(2, Environment.ProcessorCount));

    /// <summary>Number of helm and kubectl runs done (cache hits excluded).</summary>
    public int Runs => _runs;

    private int _runs;

    public async Task<IReadOnlyDictionary<ArgoApplication, HydratedObjects>> Hydrate(string root, IReadOnlyList<ArgoApplication> applications)
    {
        var result = new Dictionary<ArgoApplication, HydratedObjects>();
        foreach (var environment in applications.GroupBy(a => a.Environment))
        {
            var known = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var wave in environment.GroupBy(a => a.Wave).OrderBy(g => g.Key))
            {
                var snapshot = known.ToHashSet(StringComparer.Ordinal);
                var hydrated = await Task.WhenAll(wave.Select(async a => (App: a, Objects: await HydrateOne(root, a, snapshot))));
                foreach (var (app, objects) in hydrated)
                {
                    result[app] = objects;
                    known.UnionWith(ApiVersionsOf(objects.Objects.Where(o => (string?)o["kind"] == "CustomResourceDefinition")));
                }
            }
        }
        return result;
    }

    private async Task<HydratedObjects> HydrateOne(string root, ArgoApplication app, IReadOnlySet<string> apiVersions)
    {
        var errors = new List<string>();
        var objects = new List<JsonObject>();
        var hydrated = true;
        if (app.Chart is not null)
        {
            if (helm is null)
            {
                hydrated = false;
            }
            else
            {
                var key = "helm\n" + app.Chart + "\n" + app.ReleaseName + "\n" + app.Namespace + "\n" + string.Join(",", apiVersions.Order(StringComparer.Ordinal))
                          + "\n" + string.Join("\n", app.ValueFiles.Select(f => Digest(Path.Combine(root, f))));
                var (output, error) = await Cached(key, () => HelmTemplate.Template(helm, app, root, apiVersions));
                if (error == HelmTemplate.NotObtainable)
                {
                    hydrated = false;
                }
                else if (error is not null)
                {
                    errors.Add(error);
                }
                var parsed = ObjectStream.Parse("helm", output ?? "");
                objects.AddRange(parsed.Objects.Where(o => !IsSkippedHook(o)));
                errors.AddRange(parsed.Errors);
            }
        }
        if (app.OverlayPath is not null && kubectl is not null)
        {
            var folder = Path.Combine(root, app.OverlayPath);
            var key = "kustomize\n" + app.OverlayPath + "\n" + FolderDigest(Path.GetDirectoryName(Path.GetDirectoryName(folder)!)!);
            var (output, error) = await Cached(key, () => HelmTemplate.Kustomize(kubectl, app, root));
            if (error is not null)
            {
                errors.Add(error);
            }
            var parsed = ObjectStream.Parse("kustomize", output ?? "");
            objects.AddRange(parsed.Objects);
            errors.AddRange(parsed.Errors);
        }
        return new HydratedObjects(objects, errors, hydrated);
    }

    private Task<(string? Output, string? Error)> Cached(string key, Func<Task<(string? Output, string? Error)>> render) =>
        _renders.GetOrAdd(key, _ => new Lazy<Task<(string?, string?)>>(async () =>
        {
            await _slots.WaitAsync();
            try
            {
                Interlocked.Increment(ref _runs);
                return await render();
            }
            finally
            {
                _slots.Release();
            }
        })).Value;

    /// <summary>Helm hooks Argo CD does not run (test and rollback hooks): not part of what syncs.</summary>
    private static bool IsSkippedHook(JsonObject o)
    {
        var hook = (string?)o["metadata"]?["annotations"]?["helm.sh/hook"];
        return hook is not null && hook.Split(',').Select(h => h.Trim()).All(h => h is "test" or "test-success" or "test-failure" or "pre-rollback" or "post-rollback");
    }

    /// <summary>"group/version" and "group/version/Kind" for every served version of the CRDs.</summary>
    public static IEnumerable<string> ApiVersionsOf(IEnumerable<JsonObject> crds) =>
        crds.SelectMany(crd =>
        {
            var spec = crd["spec"];
            if (spec?["group"] is null || spec["names"]?["kind"] is null)
            {
                return [];
            }
            var group = (string)spec["group"]!;
            var kind = (string)spec["names"]!["kind"]!;
            return (spec["versions"]?.AsArray() ?? []).Where(v => (bool?)v!["served"] != false)
                .SelectMany(v => new[] { $"{group}/{(string)v!["name"]!}", $"{group}/{(string)v["name"]!}/{kind}" });
        });

    private static string Digest(string file) =>
        File.Exists(file) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))) : "absent:" + file;

    /// <summary>A digest of every file under an Application's folder (overlay, base and values: what kustomize may read).</summary>
    private static string FolderDigest(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return "absent";
        }
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            text.Append(Path.GetRelativePath(folder, file)).Append(' ').Append(Digest(file)).Append('\n');
        }
        return text.ToString();
    }
}
