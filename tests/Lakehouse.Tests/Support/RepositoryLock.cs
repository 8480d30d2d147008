using System.Runtime.CompilerServices;
using Lakehouse.Model;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Versions;

namespace Lakehouse.Tests.Support;

/// <summary>
/// The repository's charts.lock.yaml as the default version selection, so tests that describe one component
/// directly (outside a render, which selects per environment) see the lock's chart versions and image tags.
/// </summary>
internal static class RepositoryLock
{
    [ModuleInitializer]
    internal static void Load()
    {
        var diagnostics = new List<Diagnostic>();
        var chartLock = ChartLock.Load(Paths.RepositoryRoot, diagnostics)
            ?? throw new InvalidOperationException(string.Join("\n", diagnostics));
        Locked.Default = new VersionSelection(chartLock);
    }
}
