using Lakehouse.Model.Diagnostics;

namespace Lakehouse.Model.Versions;

/// <summary>
/// The chart versions and image tags one environment deploys: the lock's defaults, with the environment's own
/// picks (env/&lt;env&gt;.yaml `charts:` and `images:`) over them.
/// </summary>
public sealed class VersionSelection(ChartLock chartLock, IReadOnlyDictionary<string, string>? charts = null, IReadOnlyDictionary<string, string>? images = null)
{
    public ChartLock Lock { get; } = chartLock;

    /// <summary>The chart <paramref name="name"/> at this environment's version.</summary>
    public HelmChart Chart(string name)
    {
        if (!Lock.Charts.TryGetValue(name, out var locked))
        {
            throw new RuleViolationException(new Diagnostic(Rules.NotLocked, SourceLocation.None,
                $"chart '{name}' is not in {ChartLock.FileName}; lock it (repository, version and digest) before a component uses it"));
        }
        return locked.At(charts is not null && charts.TryGetValue(name, out var picked) ? picked : locked.Version);
    }

    /// <summary>The image <paramref name="key"/> at this environment's tag.</summary>
    public ContainerImage Image(string key)
    {
        if (!Lock.Images.TryGetValue(key, out var locked))
        {
            throw new RuleViolationException(new Diagnostic(Rules.NotLocked, SourceLocation.None,
                $"image '{key}' is not in {ChartLock.FileName}; add its default 'repository:tag' under images"));
        }
        return locked.WithTag(images is not null && images.TryGetValue(key, out var picked) ? picked : locked.Tag);
    }
}
