using Lakehouse.Model.Versions;

// In the components' parent namespace, so a component's one line `Locked.Chart("trino")` needs no using.
namespace Lakehouse.Model;

/// <summary>
/// Where components read chart versions and image tags: `public static HelmChart Chart => Locked.Chart("trino");`.
/// Versions belong to the repository (the lock) and the environment (env/), not to library code, yet a component
/// names its chart in one static member that its methods share. So the evaluator sets the selection of the
/// environment being described around that environment's evaluation (<see cref="Use"/>, flowing with the async
/// context, so environments evaluated in parallel each see their own); outside an evaluation, the
/// <see cref="Default"/> lock answers (tests describing one component directly).
/// </summary>
public static class Locked
{
    private static readonly AsyncLocal<VersionSelection?> CurrentSelection = new();

    /// <summary>The selection used outside an environment's evaluation: the lock's defaults, when one is set.</summary>
    public static VersionSelection? Default { get; set; }

    public static VersionSelection Current => CurrentSelection.Value ?? Default ?? throw new InvalidOperationException(
        $"no chart lock is loaded: chart versions and image tags are read from {ChartLock.FileName} by the render");

    public static HelmChart Chart(string name) => Current.Chart(name);

    public static ContainerImage Image(string key) => Current.Image(key);

    /// <summary>Makes <paramref name="selection"/> current until the returned scope is disposed.</summary>
    public static IDisposable Use(VersionSelection selection)
    {
        var previous = CurrentSelection.Value;
        CurrentSelection.Value = selection;
        return new Scope(() => CurrentSelection.Value = previous);
    }

    private sealed class Scope(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
