using System.Formats.Tar;
using Lakehouse.ChartRestore;

namespace Lakehouse.Tests.Charts;

/// <summary>Safe extraction and the content digest (docs/charts.md#content-digest).</summary>
public class ArchiveTests
{
    [Theory]
    [InlineData("demo/../../outside.txt", "absolute paths and '..' are refused")]
    [InlineData("/etc/outside.txt", "absolute paths and '..' are refused")]
    [InlineData("demo/templates/../../../outside.txt", "absolute paths and '..' are refused")]
    public void Entries_climbing_out_of_the_chart_are_refused(string name, string reason)
    {
        using var f = new ChartFixtures();
        var archive = ChartFixtures.Tar(ChartFixtures.Entry(TarEntryType.RegularFile, name, "x"));
        var e = Assert.Throws<UnsafeArchiveException>(() => SafeExtractor.Extract(archive, f.PathOf("chart")));
        Assert.Contains(reason, e.Message);
        Assert.Empty(Directory.GetFiles(f.Root, "outside.txt", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(TarEntryType.SymbolicLink, "../../../etc/passwd")]
    [InlineData(TarEntryType.SymbolicLink, "/etc/passwd")]
    [InlineData(TarEntryType.HardLink, "../etc/passwd")]
    public void Links_pointing_out_of_the_chart_are_refused(TarEntryType type, string target)
    {
        using var f = new ChartFixtures();
        var archive = ChartFixtures.Tar(
            ChartFixtures.Entry(TarEntryType.RegularFile, "demo/Chart.yaml", "name: demo\n"),
            ChartFixtures.Entry(type, "demo/templates/link.yaml", link: target));
        Assert.Throws<UnsafeArchiveException>(() => SafeExtractor.Extract(archive, f.PathOf("chart")));
        Assert.False(File.Exists(f.PathOf("chart/templates/link.yaml")));
    }

    [Fact]
    public void A_link_inside_the_chart_becomes_a_copy_of_its_target()
    {
        using var f = new ChartFixtures();
        var archive = ChartFixtures.Tar(
            ChartFixtures.Entry(TarEntryType.RegularFile, "demo/files/a.txt", "content"),
            ChartFixtures.Entry(TarEntryType.SymbolicLink, "demo/templates/b.txt", link: "../files/a.txt"));
        SafeExtractor.Extract(archive, f.PathOf("chart"));
        Assert.Equal("content", File.ReadAllText(f.PathOf("chart/templates/b.txt")));
        Assert.False(new FileInfo(f.PathOf("chart/templates/b.txt")).Attributes.HasFlag(FileAttributes.ReparsePoint));
    }

    [Fact]
    public void A_device_file_is_refused()
    {
        using var f = new ChartFixtures();
        var archive = ChartFixtures.Tar(ChartFixtures.Entry(TarEntryType.Fifo, "demo/pipe"));
        Assert.Throws<UnsafeArchiveException>(() => SafeExtractor.Extract(archive, f.PathOf("chart")));
    }

    [Fact]
    public void The_digest_is_of_the_content_not_the_packaging()
    {
        using var f = new ChartFixtures();
        var archive = ChartFixtures.Archive("demo", "1.0.0", ("templates/a.yaml", "a: 1\n"), ("empty.txt", ""));
        SafeExtractor.Extract(archive, f.PathOf("chart"));
        // The archive's entries and the extracted folder give one digest; so does the same content repacked in another order.
        var repacked = ChartFixtures.Tar(
            ChartFixtures.Entry(TarEntryType.RegularFile, "demo/empty.txt", ""),
            ChartFixtures.Entry(TarEntryType.RegularFile, "demo/templates/a.yaml", "a: 1\n"),
            ChartFixtures.Entry(TarEntryType.RegularFile, "demo/values.yaml", "replicas: 1\n"),
            ChartFixtures.Entry(TarEntryType.RegularFile, "demo/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 1.0.0\n"));
        Assert.NotEqual(archive, repacked);
        Assert.Equal(ContentDigest.OfDirectory(f.PathOf("chart")), ContentDigest.OfArchive(archive));
        Assert.Equal(ContentDigest.OfArchive(archive), ContentDigest.OfArchive(repacked));
        Assert.Matches("^sha256:[0-9a-f]{64}$", ContentDigest.OfArchive(archive));
    }

    [Theory]
    [InlineData("templates/a.yaml", "a: 2\n")]
    [InlineData("templates/b.yaml", "a: 1\n")]
    [InlineData("extra.txt", "")]
    public void Changing_a_byte_a_name_or_adding_an_empty_file_changes_the_digest(string path, string text)
    {
        var original = ContentDigest.OfArchive(ChartFixtures.Archive("demo", "1.0.0", ("templates/a.yaml", "a: 1\n")));
        var files = path == "extra.txt" ? new[] { ("templates/a.yaml", "a: 1\n"), (path, text) } : [(path, text)];
        Assert.NotEqual(original, ContentDigest.OfArchive(ChartFixtures.Archive("demo", "1.0.0", files)));
    }

    [Fact]
    public async Task The_digest_command_prints_what_the_lock_records()
    {
        using var f = new ChartFixtures();
        var archive = ChartFixtures.Archive("demo", "1.0.0");
        File.WriteAllBytes(f.PathOf("demo-1.0.0.tgz"), archive);
        using var output = new StringWriter();
        Assert.Equal(0, await ChartRestoreCommand.RunAsync(["digest", f.PathOf("demo-1.0.0.tgz")], output));
        Assert.Equal(ContentDigest.OfArchive(archive), output.ToString().Trim());
    }

    [Fact]
    public void A_subchart_archive_digests_like_the_same_subchart_as_a_folder()
    {
        using var f = new ChartFixtures();
        var sub = ChartFixtures.Archive("common", "2.0.0", ("templates/_helpers.tpl", "{{/* */}}\n"));
        var packed = ChartFixtures.Tar(
            ChartFixtures.Entry(TarEntryType.RegularFile, "demo/Chart.yaml", "name: demo\n"),
            new System.Formats.Tar.PaxTarEntry(TarEntryType.RegularFile, "demo/charts/common-2.0.0.tgz") { DataStream = new MemoryStream(sub) });
        var vendored = ChartFixtures.Tar(
            ChartFixtures.Entry(TarEntryType.RegularFile, "demo/Chart.yaml", "name: demo\n"),
            ChartFixtures.Entry(TarEntryType.RegularFile, "demo/charts/common/Chart.yaml", "apiVersion: v2\nname: common\nversion: 2.0.0\n"),
            ChartFixtures.Entry(TarEntryType.RegularFile, "demo/charts/common/values.yaml", "replicas: 1\n"),
            ChartFixtures.Entry(TarEntryType.RegularFile, "demo/charts/common/templates/_helpers.tpl", "{{/* */}}\n"));
        Assert.Equal(ContentDigest.OfArchive(vendored), ContentDigest.OfArchive(packed));
        SafeExtractor.Extract(packed, f.PathOf("chart"));
        Assert.Equal(ContentDigest.OfArchive(packed), ContentDigest.OfDirectory(f.PathOf("chart")));
    }
}
