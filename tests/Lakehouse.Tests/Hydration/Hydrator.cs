using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Lakehouse.Tests.Hydration.Checks;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Hydration;

/// <summary>What one Application hydrates to in one environment.</summary>
internal sealed record HydratedApplication(
    ArgoApplication Application,
    string? NotHydrated,
    IReadOnlyList<string> Errors,
    IReadOnlyList<Manifest> Objects,
    string ChartOutput,
    string OverlayOutput);

/// <summary>Every Application of one environment hydrated as Argo CD would, plus the sync-order and repeat renders.</summary>
internal sealed record EnvironmentHydration(
    string Environment,
    IReadOnlyList<HydratedApplication> Applications,
    IReadOnlyList<AppProject> Projects,
    IReadOnlyList<Finding> SyncOrderFindings,
    IReadOnlyList<Finding> RepeatFindings,
    IReadOnlySet<string> ApiVersions,
    long StartedAt,
    long FinishedAt)
{
    public IEnumerable<Manifest> Objects => Applications.SelectMany(a => a.Objects);

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(StartedAt, FinishedAt);
}

/// <summary>
/// Runs `helm template` (release name, destination namespace, value files in order, --include-crds as Argo CD
/// does, --kube-version fixed, --api-versions for the platform's CRD APIs) and `kubectl kustomize` of the
/// overlay for every committed Application.
/// </summary>
internal static class Hydrator
{
    /// <summary>The Kubernetes version charts are rendered for (Capabilities.KubeVersion).</summary>
    public const string KubeVersion = Lakehouse.Rendering.Review.Hydration.HelmTemplate.KubeVersion;

    /// <summary>Charts that cannot be obtained on this project's machines (not in the mirror, no internet).</summary>
    public const string NotObtainable = Lakehouse.Rendering.Review.Hydration.HelmTemplate.NotObtainable;

    private static readonly SemaphoreSlim Slots = new(Math.Max(2, System.Environment.ProcessorCount));
    private static readonly ConcurrentDictionary<string, Lazy<Task<EnvironmentHydration>>> Cache = new(StringComparer.Ordinal);

    /// <summary>One environment of the tree under <paramref name="root"/> (default: this repository's gitops/), hydrated once.</summary>
    public static Task<EnvironmentHydration> Environment(string environment, string? root = null) =>
        Cache.GetOrAdd((root ?? Paths.RepositoryRoot) + "|" + environment,
            _ => new Lazy<Task<EnvironmentHydration>>(() => Task.Run(() => Hydrate(environment, root ?? Paths.RepositoryRoot)))).Value;

    /// <summary>Argo CD's own CRDs, installed before the platform's first sync.</summary>
    public static IReadOnlyList<JsonObject> PreinstalledCrds()
    {
        var folder = Path.Combine(Paths.Upstream, "argocd");
        return !Directory.Exists(folder)
            ? []
            : Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal)
                .SelectMany(f => YamlFiles.ReadAll(File.ReadAllText(f))).OfType<JsonObject>()
                .Where(o => (string?)o["kind"] == "CustomResourceDefinition").ToList();
    }

    /// <summary>"group/version" and "group/version/Kind" for every served version of the CRDs.</summary>
    public static IEnumerable<string> ApiVersionsOf(IEnumerable<JsonObject> crds) =>
        crds.SelectMany(crd =>
        {
            var spec = crd["spec"]!;
            var group = (string)spec["group"]!;
            var kind = (string)spec["names"]!["kind"]!;
            return (spec["versions"]?.AsArray() ?? []).Where(v => (bool?)v!["served"] != false)
                .SelectMany(v => new[] { $"{group}/{(string)v!["name"]!}", $"{group}/{(string)v["name"]!}/{kind}" });
        });

    private static async Task<EnvironmentHydration> Hydrate(string environment, string root)
    {
        var started = Stopwatch.GetTimestamp();
        var applications = ArgoApplications.Read(environment, root);
        var helm = HelmTool.Path ?? throw new InvalidOperationException("Helm is required");
        var kubectl = Tool.Kubectl ?? throw new InvalidOperationException("kubectl is required");
        var preinstalled = PreinstalledCrds();

        // Overlays do not depend on cluster APIs: one kustomize build each (twice, to compare).
        var overlays = await Task.WhenAll(applications.Select(a => Kustomize(kubectl, a)));
        var overlaysAgain = await Task.WhenAll(applications.Select(a => Kustomize(kubectl, a)));

        // Sync order: a fresh cluster, wave by wave; each Application sees the CRD APIs of earlier waves only.
        var syncOrder = new List<Finding>();
        var known = ApiVersionsOf(preinstalled).ToHashSet(StringComparer.Ordinal);
        var fresh = new Dictionary<string, (string? Output, string? Error)>(StringComparer.Ordinal);
        foreach (var wave in applications.GroupBy(a => a.Wave).OrderBy(g => g.Key))
        {
            var snapshot = known.ToHashSet(StringComparer.Ordinal);
            var rendered = await Task.WhenAll(wave.Select(async a => (App: a, Result: await Template(helm, a, snapshot))));
            foreach (var (app, result) in rendered)
            {
                fresh[app.Name] = result;
                var overlay = overlays[applications.ToList().IndexOf(app)];
                var objects = Synced(Manifest.Parse(app, "helm", result.Output ?? "").Concat(Manifest.Parse(app, "kustomize", overlay.Output ?? "")));
                // A chart whose CRDs cannot be obtained here (UnobtainableCrds) still installs them in its wave.
                var unobtainable = app.Chart?.Chart == UnobtainableCrds.Chart ? UnobtainableCrds.Apis : [];
                syncOrder.AddRange(SyncOrderCheck.Check(app, result.Error, objects, snapshot.Concat(unobtainable).ToHashSet(StringComparer.Ordinal)));
                known.UnionWith(ApiVersionsOf(objects.Where(o => o.Kind == "CustomResourceDefinition").Select(o => o.Body)));
                known.UnionWith(unobtainable);
            }
        }

        // Steady state: every CRD API the platform installs is present; rendered twice to prove it repeats.
        var all = known;
        var steady = await Task.WhenAll(applications.Select(a => Template(helm, a, all)));
        var steadyAgain = await Task.WhenAll(applications.Select(a => Template(helm, a, all)));
        var repeat = new List<Finding>();
        var hydrated = new List<HydratedApplication>();
        for (var i = 0; i < applications.Count; i++)
        {
            var app = applications[i];
            repeat.AddRange(RepeatCheck.Compare(app, "helm template", steady[i].Output, steadyAgain[i].Output));
            repeat.AddRange(RepeatCheck.Compare(app, "kubectl kustomize", overlays[i].Output, overlaysAgain[i].Output));
            var chartObjects = Manifest.ParseDocuments(app, "helm", steady[i].Output ?? "");
            var overlayObjects = Manifest.ParseDocuments(app, "kustomize", overlays[i].Output ?? "");
            var errors = new[] { steady[i].Error, overlays[i].Error }.OfType<string>().Where(e => e != NotObtainable)
                .Concat(chartObjects.Errors).Concat(overlayObjects.Errors).ToList();
            hydrated.Add(new HydratedApplication(
                app,
                steady[i].Error == NotObtainable ? NotObtainable : null,
                errors,
                Synced(chartObjects.Objects.Concat(overlayObjects.Objects)),
                steady[i].Output ?? "",
                overlays[i].Output ?? ""));
        }
        return new EnvironmentHydration(environment, hydrated, ArgoApplications.Projects(environment, root), syncOrder, repeat, all, started, Stopwatch.GetTimestamp());
    }

    /// <summary>
    /// What Argo CD applies: everything except Helm hooks it does not run (test and rollback hooks, e.g. the
    /// charts' test-connection pods).
    /// </summary>
    public static IReadOnlyList<Manifest> Synced(IEnumerable<Manifest> objects) =>
        objects.Where(o => HookOrderCheck.Phase(o) != "Skip").ToList();

    /// <summary>`helm template` of the Application's chart (<see cref="Lakehouse.Rendering.Review.Hydration.HelmTemplate"/>); Output null and Error set when it cannot render.</summary>
    public static Task<(string? Output, string? Error)> Template(string helm, ArgoApplication app, IReadOnlySet<string> apiVersions, IEnumerable<string>? extraArguments = null) =>
        Limited(() => Lakehouse.Rendering.Review.Hydration.HelmTemplate.Template(helm, app, app.Root ?? Paths.RepositoryRoot, apiVersions, extraArguments));

    private static Task<(string? Output, string? Error)> Kustomize(string kubectl, ArgoApplication app) =>
        Limited(() => Lakehouse.Rendering.Review.Hydration.HelmTemplate.Kustomize(kubectl, app, app.Root ?? Paths.RepositoryRoot));

    private static async Task<T> Limited<T>(Func<Task<T>> run)
    {
        await Slots.WaitAsync();
        try
        {
            return await run();
        }
        finally
        {
            Slots.Release();
        }
    }
}
