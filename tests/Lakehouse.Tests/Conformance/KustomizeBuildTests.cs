using System.Diagnostics;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Conformance;

/// <summary>Every component folder and every cluster folder of every environment builds with kubectl's built-in Kustomize.</summary>
public class KustomizeBuildTests
{
    public static TheoryData<string> Folders()
    {
        var data = new TheoryData<string>();
        var gitops = Path.Combine(Paths.RepositoryRoot, "gitops");
        foreach (var file in Directory.GetFiles(gitops, "kustomization.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Paths.RepositoryRoot, Path.GetDirectoryName(file)!).Replace('\\', '/'));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task Builds(string folder)
    {
        var kubectl = new[] { "/usr/bin/kubectl", "/usr/local/bin/kubectl" }.FirstOrDefault(File.Exists);
        Assert.SkipWhen(kubectl is null, "kubectl is not installed: it carries Kustomize, which these tests run");
        var start = new ProcessStartInfo(kubectl!, ["kustomize", folder])
        {
            WorkingDirectory = Paths.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var token = TestContext.Current.CancellationToken;
        var output = process.StandardOutput.ReadToEndAsync(token);
        var error = await process.StandardError.ReadToEndAsync(token);
        await process.WaitForExitAsync(token);
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {folder} failed:\n{error}");
        var documents = YamlFiles.ReadAll(await output);
        Assert.NotEmpty(documents);
        Assert.All(documents, d => Assert.False(string.IsNullOrEmpty((string?)d!["kind"])));
    }
}
