using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Lakehouse.Rendering.Review.Hydration;

/// <summary>
/// What one Application hydrates to: its objects (chart, then overlay), read only when asked for; a fingerprint of
/// the raw outputs, equal on both sides exactly when the outputs are byte-identical (then nothing needs reading);
/// and whether its chart could be hydrated here.
/// </summary>
internal sealed class HydratedObjects(string fingerprint, Func<(IReadOnlyList<JsonObject> Objects, IReadOnlyList<string> Errors)> read, bool hydrated)
{
    private readonly Lazy<(IReadOnlyList<JsonObject> Objects, IReadOnlyList<string> Errors)> _read = new(read);

    public string Fingerprint { get; } = fingerprint;

    public bool Hydrated { get; } = hydrated;

    public IReadOnlyList<JsonObject> Objects => _read.Value.Objects;

    public IReadOnlyList<string> Errors => _read.Value.Errors;
}

/// <summary>
/// Hydrates every Application of one side of a diff (a folder holding a gitops/ tree) as Argo CD's first sync
/// would: wave by wave, each Application's `helm template` seeing the CRD APIs the earlier waves installed, then
/// `kubectl kustomize` of its overlay. Renders are cached by their exact inputs (chart, release, namespace,
/// value-file bytes, API versions; overlay file bytes), so an Application identical on both sides of a diff is
/// rendered once.
/// </summary>
internal sealed class SideHydrator(string? helm, string? kubectl, Lakehouse.ChartRestore.ChartCache? cache = null)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<(string? Output, string? Error)>>> _renders = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new(Math.Max(2, Environment.ProcessorCount));

    /// <summary>Number of helm and kubectl runs done (cache hits excluded).</summary>
    public int Runs => _runs;

    private int _runs;

    public async Task<IReadOnlyDictionary<ArgoApplication, HydratedObjects>> Hydrate(string root, IReadOnlyList<ArgoApplication> applications) =>
        (await HydrateBoth(root, applications, root, [])).Base;

    /// <summary>
    /// Hydrates both sides of a diff, environment by environment and wave by wave. An Application whose inputs are
    /// the same on both sides (chart, release, namespace, value-file bytes, the CRD APIs earlier waves gave it) renders
    /// the same output, so it is rendered only when its chart can install CRDs (later waves need their APIs); its two
    /// sides then carry the same fingerprint and are not compared.
    /// </summary>
    public async Task<(IReadOnlyDictionary<ArgoApplication, HydratedObjects> Base, IReadOnlyDictionary<ArgoApplication, HydratedObjects> Head)> HydrateBoth(
        string baseRoot, IReadOnlyList<ArgoApplication> baseApplications, string headRoot, IReadOnlyList<ArgoApplication> headApplications)
    {
        var before = new Dictionary<ArgoApplication, HydratedObjects>();
        var after = new Dictionary<ArgoApplication, HydratedObjects>();
        var environments = baseApplications.Concat(headApplications).Select(a => a.Environment).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var environment in environments)
        {
            var knownBefore = new SortedSet<string>(StringComparer.Ordinal);
            var knownAfter = new SortedSet<string>(StringComparer.Ordinal);
            var waves = baseApplications.Concat(headApplications).Where(a => a.Environment == environment).Select(a => a.Wave).Distinct().Order();
            foreach (var wave in waves)
            {
                var baseWave = baseApplications.Where(a => a.Environment == environment && a.Wave == wave).ToList();
                var headWave = headApplications.Where(a => a.Environment == environment && a.Wave == wave).ToList();
                var apisBefore = knownBefore.ToHashSet(StringComparer.Ordinal);
                var apisAfter = knownAfter.ToHashSet(StringComparer.Ordinal);
                var same = new HashSet<string>(StringComparer.Ordinal);
                foreach (var b in baseWave)
                {
                    if (headWave.FirstOrDefault(h => h.Component == b.Component) is { } h
                        && ChartKey(baseRoot, b, apisBefore) is { } key && key == ChartKey(headRoot, h, apisAfter)
                        && Digests(baseRoot, b) == Digests(headRoot, h) && !CanInstallCrds(b))
                    {
                        same.Add(b.Component);
                        var unchanged = new HydratedObjects("same:" + key, () => ([], []), b.Chart is null || HelmTemplate.Locate(b.Chart, cache) is not null);
                        before[b] = unchanged;
                        after[h] = unchanged;
                    }
                }
                var renderBefore = Task.WhenAll(baseWave.Where(a => !same.Contains(a.Component)).Select(async a => (App: a, Objects: await HydrateOne(baseRoot, a, apisBefore))));
                var renderAfter = Task.WhenAll(headWave.Where(a => !same.Contains(a.Component)).Select(async a => (App: a, Objects: await HydrateOne(headRoot, a, apisAfter))));
                foreach (var (app, objects) in await renderBefore)
                {
                    before[app] = objects;
                    knownBefore.UnionWith(InstalledApis(objects, _chartOutputs.GetValueOrDefault(objects.Fingerprint)));
                }
                foreach (var (app, objects) in await renderAfter)
                {
                    after[app] = objects;
                    knownAfter.UnionWith(InstalledApis(objects, _chartOutputs.GetValueOrDefault(objects.Fingerprint)));
                }
            }
        }
        return (before, after);
    }

    /// <summary>What `helm template` of the Application reads: chart, release, namespace, API versions and value-file bytes.</summary>
    private static string ChartKey(string root, ArgoApplication app, IReadOnlySet<string> apiVersions) =>
        "helm\n" + app.Chart + "\n" + app.ReleaseName + "\n" + app.Namespace + "\n" + string.Join(",", apiVersions.Order(StringComparer.Ordinal))
        + "\n" + string.Join("\n", app.ValueFiles.Select(f => Digest(Path.Combine(root, f))));

    /// <summary>What `kubectl kustomize` of the Application's overlay reads.</summary>
    private static string Digests(string root, ArgoApplication app) =>
        app.OverlayPath is null ? "" : app.OverlayPath + "\n" + FolderDigest(Path.Combine(root, app.OverlayPath), root);

    /// <summary>True when any file of the chart mentions a CustomResourceDefinition (templates, crds/, subcharts).</summary>
    private bool CanInstallCrds(ArgoApplication app) =>
        app.Chart is { } chart && HelmTemplate.Locate(chart, cache) is { } folder
        && _crdCharts.GetOrAdd(folder, f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories)
            .Any(file => File.ReadAllText(file).Contains("kind: CustomResourceDefinition", StringComparison.Ordinal)));

    private readonly ConcurrentDictionary<string, bool> _crdCharts = new(StringComparer.Ordinal);

    private async Task<HydratedObjects> HydrateOne(string root, ArgoApplication app, IReadOnlySet<string> apiVersions)
    {
        var hydrated = true;
        (string? Output, string? Error) chart = ("", null);
        (string? Output, string? Error) overlay = ("", null);
        if (app.Chart is not null)
        {
            if (helm is null)
            {
                hydrated = false;
            }
            else
            {
                var key = ChartKey(root, app, apiVersions);
                chart = await Cached(key, () => HelmTemplate.Template(helm, app, root, apiVersions, cache: cache));
                if (chart.Error == HelmTemplate.NotObtainable)
                {
                    hydrated = false;
                    chart = ("", null);
                }
            }
        }
        if (app.OverlayPath is not null && kubectl is not null)
        {
            var key = "kustomize\n" + Digests(root, app);
            overlay = await Cached(key, () => HelmTemplate.Kustomize(kubectl, app, root));
        }
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{hydrated}\n{chart.Error}\n{overlay.Error}\n{chart.Output}\n---overlay---\n{overlay.Output}")));
        _chartOutputs.TryAdd(fingerprint, chart.Output);
        return new HydratedObjects(fingerprint, () => Read(chart, overlay), hydrated);
    }

    private static (IReadOnlyList<JsonObject> Objects, IReadOnlyList<string> Errors) Read((string? Output, string? Error) chart, (string? Output, string? Error) overlay)
    {
        var errors = new List<string>();
        var objects = new List<JsonObject>();
        foreach (var (origin, (output, error)) in new[] { ("helm", chart), ("kustomize", overlay) })
        {
            if (error is not null)
            {
                errors.Add(error);
            }
            var parsed = ObjectStream.Parse(origin, output ?? "");
            objects.AddRange(parsed.Objects.Where(o => origin != "helm" || !IsSkippedHook(o)));
            errors.AddRange(parsed.Errors);
        }
        return (objects, errors);
    }

    /// <summary>
    /// The CRD APIs an Application installs, read from the CRD documents of its chart output only (parsing every
    /// document of every output would cost more than the renders), once per distinct output.
    /// </summary>
    private IEnumerable<string> InstalledApis(HydratedObjects objects, string? chartOutput) =>
        chartOutput is null || !chartOutput.Contains("kind: CustomResourceDefinition", StringComparison.Ordinal)
            ? []
            : _apis.GetOrAdd(objects.Fingerprint, _ => ApiVersionsOf(ObjectStream.Parse("helm", string.Join("\n---\n",
                    chartOutput.Split("\n---").Where(d => d.Contains("kind: CustomResourceDefinition", StringComparison.Ordinal))))
                .Objects.Where(o => (string?)o["kind"] == "CustomResourceDefinition")).ToList());

    private readonly ConcurrentDictionary<string, List<string>> _apis = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string?> _chartOutputs = new(StringComparer.Ordinal);

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

    /// <summary>
    /// A digest of what `kubectl kustomize` of an overlay reads: the files of its folder and, through the
    /// kustomization's local folder references (resources, components, bases), of every folder it reaches. Read
    /// from the kustomization files themselves, so it does not depend on the tree's layout.
    /// </summary>
    private static string FolderDigest(string overlay, string root)
    {
        var text = new StringBuilder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([Path.GetFullPath(overlay)]);
        while (pending.Count > 0)
        {
            var folder = pending.Dequeue();
            if (!seen.Add(folder) || !Directory.Exists(folder))
            {
                continue;
            }
            foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                text.Append(Path.GetRelativePath(root, file)).Append(' ').Append(Digest(file)).Append('\n');
            }
            var kustomization = Path.Combine(folder, "kustomization.yaml");
            if (File.Exists(kustomization) && YamlNodes.ReadAll(File.ReadAllText(kustomization)).FirstOrDefault() is JsonObject k)
            {
                foreach (var field in new[] { "resources", "components", "bases" })
                {
                    foreach (var entry in (k[field] as JsonArray ?? []).Select(e => e?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)e : null).OfType<string>())
                    {
                        var target = Path.GetFullPath(Path.Combine(folder, entry));
                        if (Directory.Exists(target))
                        {
                            pending.Enqueue(target);
                        }
                    }
                }
            }
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
