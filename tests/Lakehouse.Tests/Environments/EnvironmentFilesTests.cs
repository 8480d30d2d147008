using Lakehouse.Model.Diagnostics;
using Lakehouse.Rendering.Environments;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Environments;

/// <summary>Reading env/: what the corpus cannot stage as root (a file the process may not read) and the decoder's positions.</summary>
public class EnvironmentFilesTests
{
    [Theory]
    [InlineData(typeof(UnauthorizedAccessException), "Access to the path is denied.")]
    [InlineData(typeof(IOException), "Input/output error")]
    [InlineData(typeof(IOException), "Access to the path '{root}/env/prod.yaml' is denied.")]
    public void A_file_that_cannot_be_read_is_an_error_naming_it(Type exception, string message)
    {
        using var repo = new TempRepository();
        var diagnostics = new List<Diagnostic>();
        var files = EnvironmentFiles.Read(repo.Root, diagnostics,
            path => path.EndsWith("prod.yaml", StringComparison.Ordinal) ? throw (Exception)Activator.CreateInstance(exception, message.Replace("{root}", repo.Root, StringComparison.Ordinal))! : File.OpenRead(path));
        // The absolute path in the system's message becomes the repository-relative one.
        Assert.Equal($"env/prod.yaml: error LH0031: env/prod.yaml cannot be read: {message.Replace("{root}/", "", StringComparison.Ordinal)}", Assert.Single(diagnostics).ToString());
        Assert.Equal(["env/aws.yaml", "env/dev.yaml", "env/staging.yaml"], files!.Select(f => f.Path));
    }

    [Fact]
    public void An_unreadable_file_stops_the_render_and_leaves_the_tree_as_it_was()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "file modes are a Unix notion");
        using var repo = new TempRepository();
        var path = repo.PathOf("env/prod.yaml");
#pragma warning disable CA1416 // Unix only: skipped on Windows above.
        File.SetUnixFileMode(path, UnixFileMode.None);
#pragma warning restore CA1416
        Assert.SkipWhen(CanRead(path), "running as root: a mode-000 file is still readable, so this case is proven by the injected reader above");
        var before = repo.Snapshot();
        var (code, output) = repo.Run("render");
        Assert.Equal(1, code);
        Assert.Contains("env/prod.yaml: error LH0031: env/prod.yaml cannot be read", output);
        Assert.Equal(before, repo.Snapshot());
    }

    [Fact]
    public void A_folder_that_cannot_be_listed_is_an_error_naming_it()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "file modes are a Unix notion");
        using var repo = new TempRepository();
        var env = repo.PathOf("env");
#pragma warning disable CA1416 // Unix only: skipped on Windows above.
        File.SetUnixFileMode(env, UnixFileMode.None);
        try
        {
            Assert.SkipWhen(CanList(env), "running as root: a mode-000 folder is still listed");
            var diagnostics = new List<Diagnostic>();
            Assert.Null(EnvironmentFiles.Read(repo.Root, diagnostics));
            Assert.StartsWith("env: error LH0031: the folder env/ cannot be listed: ", Assert.Single(diagnostics).ToString());
        }
        finally
        {
            File.SetUnixFileMode(env, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
#pragma warning restore CA1416
    }

    private static bool CanList(string folder)
    {
        try
        {
            _ = Directory.GetFileSystemEntries(folder);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0x0A, 0x62, 0xFF }, "(2,2)")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x61, 0x0A, 0xC3, 0xA9, 0xC3 }, "(2,2)")]
    [InlineData(new byte[] { 0x0A, 0x0A, 0x0A, 0xE9 }, "(4,1)")]
    public void Invalid_utf8_is_reported_at_the_line_and_column_of_the_first_bad_byte(byte[] bytes, string position)
    {
        var diagnostics = new List<Diagnostic>();
        Assert.Null(EnvironmentFiles.Decode("env/x.yaml", bytes, diagnostics));
        Assert.StartsWith($"env/x.yaml{position}: error LH0032: byte 0x", Assert.Single(diagnostics).ToString());
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        var diagnostics = new List<Diagnostic>();
        Assert.Equal("a: 1", EnvironmentFiles.Decode("env/x.yaml", [0xEF, 0xBB, 0xBF, .. "a: 1"u8], diagnostics));
        Assert.Empty(diagnostics);
    }

    private static bool CanRead(string path)
    {
        try
        {
            File.ReadAllBytes(path);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
