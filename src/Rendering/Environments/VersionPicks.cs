using Lakehouse.Model.Configuration;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Versions;

namespace Lakehouse.Rendering.Environments;

/// <summary>
/// An environment's own chart versions and image tags (env/&lt;env&gt;.yaml `charts:` and `images:`) against the
/// lock: a chart version must be one the lock holds (so it is restored and its digest verified), an image
/// must be one the lock names, pinned to a tag other than 'latest'.
/// </summary>
internal static class VersionPicks
{
    public static void Check(EnvironmentConfig config, ChartLock chartLock, Func<string, SourceLocation> at, List<Diagnostic> diagnostics)
    {
        foreach (var (name, version) in config.Charts)
        {
            if (!chartLock.Charts.TryGetValue(name, out var chart))
            {
                diagnostics.Add(new Diagnostic(Rules.UnlockedVersion, at($"charts.{name}"),
                    $"charts.{name}: no chart '{name}' in {ChartLock.FileName} (locked charts: {string.Join(", ", chartLock.Charts.Keys)})"));
            }
            else if (!chart.Locks(version))
            {
                diagnostics.Add(new Diagnostic(Rules.UnlockedVersion, at($"charts.{name}"),
                    $"charts.{name}: version '{version}' is not locked; lock it in {ChartLock.FileName} under charts.{name}.locked first (locked: {string.Join(", ", chart.Versions.Select(v => v.Version))})"));
            }
        }
        foreach (var (key, tag) in config.Images)
        {
            if (!chartLock.Images.ContainsKey(key))
            {
                diagnostics.Add(new Diagnostic(Rules.UnlockedVersion, at($"images.{key}"),
                    $"images.{key}: no image '{key}' in {ChartLock.FileName} (images: {string.Join(", ", chartLock.Images.Keys)})"));
            }
            else if (tag.Length == 0 || tag == "latest")
            {
                diagnostics.Add(new Diagnostic(Rules.UnpinnedVersion, at($"images.{key}"), $"images.{key}: pin a tag other than 'latest'"));
            }
        }
    }
}
