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
        var diagnostics = new List<Diagnostic>();
        int restored = 0, upToDate = 0, skipped = 0;
        foreach (var (chart, version) in chartLock.Entries)
        {
            var entry = $"charts.{chart.Name}.locked.{version.Version}";
            var cached = cache.CompleteDigest(chart.Name, version.Version);
            if (cached is not null && (version.Digest is null || cached == version.Digest))
            {
                upToDate++;
                if (version.Digest is null)
                {
                    diagnostics.Add(Unverified(version, $"{entry}: {chart.Name} {version.Version} is unverified (no digest in the lock); the cached copy has {cached}: lock that digest to verify it"));
                }
                continue;
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
                    skipped++;
                    diagnostics.Add(Unverified(version, $"{entry}: {chart.Name} {version.Version} is unverified (no digest in the lock) and was not restored: {e.Message}"));
                }
                else
                {
                    diagnostics.Add(new Diagnostic(Rules.ChartUnavailable, version.Location, $"{entry}: {chart.Name} {version.Version} cannot be restored from {sourceDescription}: {e.Message}"));
                }
                continue;
            }
            var scratch = cache.Scratch();
            try
            {
                SafeExtractor.Extract(archive, scratch);
                var digest = ContentDigest.OfDirectory(scratch);
                if (version.Digest is not null && digest != version.Digest)
                {
                    diagnostics.Add(new Diagnostic(Rules.DigestMismatch, version.Location,
                        $"{entry}: the content of {chart.Name} {version.Version} from {sourceDescription} has digest {digest}, the lock says {version.Digest}; the chart changed or the lock is wrong, and it was not restored"));
                    continue;
                }
                cache.Store(chart.Name, version.Version, archive, scratch, digest);
                restored++;
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
        }
        return new RestoreResult(diagnostics, restored, upToDate, skipped);
    }

    private static Diagnostic Unverified(LockedVersion version, string message) =>
        new(Rules.UnverifiedChart, version.Location, message) { IsWarning = true };
}
