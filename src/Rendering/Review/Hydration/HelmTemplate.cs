using Lakehouse.ChartRestore;

namespace Lakehouse.Rendering.Review.Hydration;

/// <summary>
/// Renders an Application as Argo CD does: `helm template` with its release name, destination namespace and
/// value files in order (--include-crds, a fixed --kube-version, --api-versions for CRD APIs the cluster has),
/// and `kubectl kustomize` of its overlay. The hydration tests and the diff command both hydrate through here.
/// </summary>
internal static class HelmTemplate
{
    /// <summary>The Kubernetes version charts are rendered for (Capabilities.KubeVersion).</summary>
    public const string KubeVersion = "1.33.0";

    /// <summary>Charts that cannot be obtained on this machine (not restored into the chart cache).</summary>
    public const string NotObtainable = "not hydrated: chart not obtainable here";

    /// <summary>The chart's folder (holding Chart.yaml) in the cache the restore fills, or null when the entry is incomplete.</summary>
    public static string? Locate(ChartReference chart, ChartCache? cache = null)
    {
        cache ??= ChartCache.FromEnvironment();
        var folder = cache.ChartFolder(chart.Name, chart.Version);
        return cache.CompleteDigest(chart.Name, chart.Version) is not null && File.Exists(Path.Combine(folder, "Chart.yaml")) ? folder : null;
    }

    /// <summary>The arguments of `helm template` for <paramref name="app"/>; value files resolve against <paramref name="root"/>.</summary>
    public static List<string> Arguments(ArgoApplication app, string chartFolder, string root, IEnumerable<string> apiVersions, IEnumerable<string>? extraArguments = null)
    {
        var arguments = new List<string>
        {
            "template", app.ReleaseName ?? app.Name, chartFolder,
            "--namespace", app.Namespace,
            "--include-crds",
            "--kube-version", KubeVersion,
        };
        foreach (var file in app.ValueFiles)
        {
            arguments.Add("--values");
            arguments.Add(Path.Combine(root, file));
        }
        foreach (var api in apiVersions.Order(StringComparer.Ordinal))
        {
            arguments.Add("--api-versions");
            arguments.Add(api);
        }
        arguments.AddRange(extraArguments ?? []);
        return arguments;
    }

    /// <summary>`helm template` of the Application's chart; Output null and Error set when it cannot render.</summary>
    public static async Task<(string? Output, string? Error)> Template(string helm, ArgoApplication app, string root, IReadOnlySet<string> apiVersions, IEnumerable<string>? extraArguments = null, ChartCache? cache = null)
    {
        if (app.Chart is null)
        {
            return ("", null);
        }
        var chart = Locate(app.Chart, cache);
        if (chart is null)
        {
            return (null, NotObtainable);
        }
        var result = await ExternalTool.Run(helm, Arguments(app, chart, root, apiVersions, extraArguments), root);
        return result.ExitCode == 0
            ? (result.Output, null)
            : (null, $"helm template {app.ReleaseName} {app.Chart.Name}-{app.Chart.Version} failed: {result.Error.Trim()}");
    }

    /// <summary>`kubectl kustomize` of the Application's overlay (relative to <paramref name="root"/>).</summary>
    public static async Task<(string? Output, string? Error)> Kustomize(string kubectl, ArgoApplication app, string root)
    {
        if (app.OverlayPath is null)
        {
            return ("", null);
        }
        var result = await ExternalTool.Run(kubectl, ["kustomize", app.OverlayPath], root);
        return result.ExitCode == 0 ? (result.Output, null) : (null, $"kubectl kustomize {app.OverlayPath} failed: {result.Error.Trim()}");
    }

    /// <summary>Helm: LAKEHOUSE_HELM, else ~/.lakehouse/tools/helm-4.1.4/helm (build/install-helm.sh), else helm on PATH.</summary>
    public static string? FindHelm()
    {
        if (Environment.GetEnvironmentVariable("LAKEHOUSE_HELM") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }
        var tools = Environment.GetEnvironmentVariable("LAKEHOUSE_TOOLS") is { Length: > 0 } t
            ? t
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".lakehouse", "tools");
        var installed = Path.Combine(tools, "helm-4.1.4", "helm");
        return File.Exists(installed) ? installed : ExternalTool.OnPath("helm");
    }

    /// <summary>kubectl (it carries Kustomize), or null.</summary>
    public static string? FindKubectl() => ExternalTool.OnPath("kubectl", "/usr/bin/kubectl", "/usr/local/bin/kubectl");
}
