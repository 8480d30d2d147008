using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Versions;

namespace Lakehouse.ChartRestore;

/// <summary>What one restore did: diagnostics (errors fail the build, warnings do not) and counts.</summary>
public sealed record RestoreResult(IReadOnlyList<Diagnostic> Diagnostics, int Restored, int UpToDate, int Skipped)
{
    public bool Succeeded => Diagnostics.All(d => d.IsWarning);
}

/// <summary>
/// Brings every locked chart version into the cache, the way NuGet restores a lock file's packages: an entry
/// already complete with the locked digest is left alone; otherwise the archive comes from the source (the
/// mirror when one is configured, and then nothing else; else the chart's repository), is extracted safely,
/// and its content digest must equal the lock's before the entry is stored. A version the lock marks
/// unverified (no digest: it could not be obtained when locked) is a warning when it cannot be restored,
/// never an error, so a machine without it still builds; a digested version that cannot be restored is an error.
/// </summary>
public sealed class Restorer(ChartCache cache, IChartSource source, string sourceDescription)
{
    public async Task<RestoreResult> RestoreAsync(ChartLock chartLock, CancellationToken cancel = default)
    {
        // Entries are independent: restore them in parallel, report in lock order.
        var entries = chartLock.Entries.ToList();
        var results = new (Outcome Outcome, List<Diagnostic> Diagnostics)[entries.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, entries.Count), new ParallelOptions { CancellationToken = cancel },
            async (i, token) => results[i] = await RestoreOne(entries[i].Chart, entries[i].Version, token));
        return new RestoreResult(
            results.SelectMany(r => r.Diagnostics).ToList(),
            results.Count(r => r.Outcome == Outcome.Restored),
            results.Count(r => r.Outcome == Outcome.UpToDate),
            results.Count(r => r.Outcome == Outcome.Skipped));
    }

    private enum Outcome { Failed, Restored, UpToDate, Skipped }

    private async Task<(Outcome, List<Diagnostic>)> RestoreOne(LockedChart chart, LockedVersion version, CancellationToken cancel)
    {
        var diagnostics = new List<Diagnostic>();
        var outcome = Outcome.Failed;
        var entry = $"charts.{chart.Name}.locked.{version.Version}";
        var cached = cache.CompleteDigest(chart.Name, version.Version);
        if (cached is not null && (version.Digest is null || cached == version.Digest))
        {
            outcome = Outcome.UpToDate;
            if (version.Digest is null)
            {
                diagnostics.Add(Unverified(version, $"{entry}: {chart.Name} {version.Version} is unverified (no digest in the lock); the cached copy has {cached}: lock that digest to verify it"));
            }
            return (outcome, diagnostics);
        }
        byte[] archive;
        try
        {
            archive = await source.FetchAsync(chart, version.Version, cancel);
        }
        catch (ChartNotFoundException e)
        {
            if (version.Digest is null)
            {
                outcome = Outcome.Skipped;
                diagnostics.Add(Unverified(version, $"{entry}: {chart.Name} {version.Version} is unverified (no digest in the lock) and was not restored: {e.Message}"));
            }
            else
            {
                diagnostics.Add(new Diagnostic(Rules.ChartUnavailable, version.Location, $"{entry}: {chart.Name} {version.Version} cannot be restored from {sourceDescription}: {e.Message}"));
            }
            return (outcome, diagnostics);
        }
        var scratch = cache.Scratch();
        var extracted = Path.Combine(scratch, "chart");
        try
        {
            SafeExtractor.Extract(archive, extracted);
            var digest = ContentDigest.OfDirectory(extracted);
            if (version.Digest is not null && digest != version.Digest)
            {
                diagnostics.Add(new Diagnostic(Rules.DigestMismatch, version.Location,
                    $"{entry}: the content of {chart.Name} {version.Version} from {sourceDescription} has digest {digest}, the lock says {version.Digest}; the chart changed or the lock is wrong, and it was not restored"));
                return (outcome, diagnostics);
            }
            cache.Store(chart.Name, version.Version, archive, extracted, digest);
            outcome = Outcome.Restored;
            if (version.Digest is null)
            {
                diagnostics.Add(Unverified(version, $"{entry}: {chart.Name} {version.Version} was restored unverified (no digest in the lock); its content digest is {digest}: lock it"));
            }
        }
        catch (Exception e) when (e is UnsafeArchiveException or InvalidDataException or FormatException or IOException)
        {
            var rule = e is UnsafeArchiveException ? Rules.UnsafeArchive : Rules.ChartUnavailable;
            diagnostics.Add(new Diagnostic(rule, version.Location, $"{entry}: the archive of {chart.Name} {version.Version} from {sourceDescription} was refused: {e.Message}"));
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
        return (outcome, diagnostics);
    }

    private static Diagnostic Unverified(LockedVersion version, string message) =>
        new(Rules.UnverifiedChart, version.Location, message) { IsWarning = true };
}
