using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Validation;

/// <summary>LH0010: a repository without any environment file renders nothing and says why.</summary>
public class EnvironmentPresenceTests
{
    [Fact]
    public void A_repository_without_environment_files_fails_with_LH0010_and_leaves_the_tree_untouched()
    {
        using var repo = new TempRepository();
        foreach (var file in Directory.GetFiles(repo.PathOf("env"), "*.yaml"))
        {
            File.Delete(file);
        }
        var before = repo.Snapshot();
        var (code, output) = repo.Run("render");
        Assert.Equal(1, code);
        Assert.Contains("error LH0010: no environment file: add env/<name>.yaml (for example env/dev.yaml)", output);
        Assert.Equal(before, repo.Snapshot());
    }
}
