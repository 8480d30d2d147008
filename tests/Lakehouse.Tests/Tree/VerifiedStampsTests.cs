using Lakehouse.Rendering.Tree;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Tree;

/// <summary>
/// A re-render trusts a file whose size and modification time are those it last verified (the stamps kept in
/// gitops/.lock) and does not read it; anything else is read and compared as before (docs/decisions.md,
/// "Writing the tree"). Each test ages the tree first: a file younger than <see cref="VerifiedStamps.Margin"/>
/// when the render takes the lock gets no stamp.
/// </summary>
public class VerifiedStampsTests
{
    private const string Values = "gitops/prod/apps/trino/values.yaml";

    [Fact]
    public void Files_younger_than_the_margin_get_no_stamp_and_older_ones_do()
    {
        using var repo = new TempRepository();
        Age(repo, TimeSpan.Zero);
        Assert.Equal(0, repo.Run("render").Code);
        Assert.Equal(0, Stamps(repo).Count);

        Age(repo);
        Assert.Equal(0, repo.Run("render").Code);
        var owned = File.ReadAllLines(repo.PathOf("gitops/.generated")).Count(l => !l.StartsWith('#'));
        Assert.Equal(owned, Stamps(repo).Count);
    }

    [Fact]
    public void A_re_render_does_not_read_a_file_its_stamp_vouches_for_and_a_torn_record_vouches_for_nothing()
    {
        using var repo = new TempRepository();
        Age(repo);
        Assert.Equal(0, repo.Run("render").Code);

        // Same size, same modification time, other bytes: only a read would notice, and none happens.
        var path = repo.PathOf(Values);
        var stamp = File.GetLastWriteTimeUtc(path);
        var committed = repo.Read(Values);
        var edited = committed.Replace("workers: 4", "workers: 9");
        Assert.NotEqual(committed, edited);
        repo.Write(Values, edited);
        File.SetLastWriteTimeUtc(path, stamp);
        var (code, output) = repo.Run("render");
        Assert.True(code == 0, output);
        Assert.DoesNotContain("LH0022", output);
        Assert.Equal(edited, repo.Read(Values));

        // Without a record every file is read again: the edit is found and restored.
        var record = File.ReadAllBytes(repo.PathOf("gitops/.lock"));
        File.WriteAllBytes(repo.PathOf("gitops/.lock"), record[..(record.Length / 2)]);
        (code, output) = repo.Run("render");
        Assert.True(code == 0, output);
        Assert.Contains($"{Values}: warning LH0022: restored hand-edited file {Values}", output);
        Assert.Equal(committed, repo.Read(Values));
    }

    [Fact]
    public void An_edit_that_moves_the_modification_time_is_restored_where_a_stamp_vouched_before()
    {
        using var repo = new TempRepository();
        Age(repo);
        Assert.Equal(0, repo.Run("render").Code);
        Assert.True(Stamps(repo).Count > 0);

        var committed = repo.Read(Values);
        repo.Write(Values, committed.Replace("workers: 4", "workers: 9"));
        var (code, output) = repo.Run("render");
        Assert.True(code == 0, output);
        Assert.Contains($"{Values}: warning LH0022: restored hand-edited file {Values}", output);
        Assert.Equal(committed, repo.Read(Values));
        Assert.Equal(0, repo.Run("check").Code);
    }

    [Fact]
    public void A_record_is_read_only_when_its_checksum_holds()
    {
        var record = VerifiedStamps.Of([("gitops/a.yaml", new FileStamp(12, 34), new string('a', 64))], DateTime.UtcNow).ToBytes();
        Assert.Equal(1, VerifiedStamps.Parse(record).Count);
        var tampered = (byte[])record.Clone();
        tampered[^3] ^= 1;
        Assert.Equal(0, VerifiedStamps.Parse(tampered).Count);
        Assert.Equal(0, VerifiedStamps.Parse([]).Count);
    }

    private static VerifiedStamps Stamps(TempRepository repo) => VerifiedStamps.Parse(File.ReadAllBytes(repo.PathOf("gitops/.lock")));

    /// <summary>Every file of the tree an hour old (as after a checkout long before the render), or of the given age.</summary>
    private static void Age(TempRepository repo, TimeSpan? age = null)
    {
        foreach (var file in Directory.EnumerateFiles(repo.PathOf("gitops"), "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow - (age ?? TimeSpan.FromHours(1)));
        }
    }
}
