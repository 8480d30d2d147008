using System.Security.Cryptography;

namespace Lakehouse.Tests.Support;

/// <summary>A throwaway copy of the repository's env/ and gitops/ to run the real host against.</summary>
internal sealed class TempRepository : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "lakehouse-test-" + Guid.NewGuid().ToString("N"));

    public TempRepository()
    {
        Copy(Path.Combine(Paths.RepositoryRoot, "env"), Path.Combine(Root, "env"));
        Copy(Path.Combine(Paths.RepositoryRoot, "gitops"), Path.Combine(Root, "gitops"));
    }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Write(string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllText(PathOf(relative), text);
    }

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>Every file below gitops/ with a hash of its bytes and its modification time (not the lock file, which is no part of the tree).</summary>
    public IReadOnlyDictionary<string, (string Hash, DateTime Modified)> Snapshot()
    {
        var dir = PathOf("gitops");
        return Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(Root, f).Replace('\\', '/') != "gitops/.lock")
            .Order(StringComparer.Ordinal)
            .ToDictionary(
                f => Path.GetRelativePath(Root, f).Replace('\\', '/'),
                f => (Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), File.GetLastWriteTimeUtc(f)));
    }

    public (int Code, string Output) Run(params string[] args)
    {
        using var output = new StringWriter();
        var code = Lakehouse.Rendering.GitOpsHost.Run([.. args, "--root", Root], new Lakehouse.Definitions.LakehousePlatform(), output);
        return (code, output.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
