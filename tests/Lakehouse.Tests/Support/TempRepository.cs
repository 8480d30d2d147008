using System.Security.Cryptography;

namespace Lakehouse.Tests.Support;

/// <summary>A throwaway copy of the repository's chart lock, env/ and gitops/ to run the real host against.</summary>
internal sealed class TempRepository : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "lakehouse-test-" + Guid.NewGuid().ToString("N"));

    public TempRepository()
    {
        Copy(Path.Combine(Paths.RepositoryRoot, "env"), Path.Combine(Root, "env"));
        File.Copy(Path.Combine(Paths.RepositoryRoot, Lakehouse.Model.Versions.ChartLock.FileName), Path.Combine(Root, Lakehouse.Model.Versions.ChartLock.FileName));
        Copy(Path.Combine(Paths.RepositoryRoot, "gitops"), Path.Combine(Root, "gitops"));
        // The component graphs (docs/graph/ENV.md) are rendered like the tree: a copy renders unchanged.
        foreach (var folder in Lakehouse.Rendering.Review.Graph.GraphFiles.DocumentFolders)
        {
            Copy(Path.Combine(Paths.RepositoryRoot, folder), Path.Combine(Root, folder));
        }
    }

    /// <summary>A folder outside the repository copy, for symbolic links to point at (created on first use).</summary>
    public string Outside
    {
        get
        {
            Directory.CreateDirectory(_outside);
            return _outside;
        }
    }

    private readonly string _outside = Path.Combine(Path.GetTempPath(), "lakehouse-outside-" + Guid.NewGuid().ToString("N"));

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Adds the files a real clone has beside env/ and gitops/: what a tampered list or a link could reach.</summary>
    public void AddRepositoryFiles()
    {
        File.Copy(Path.Combine(Paths.RepositoryRoot, "README.md"), PathOf("README.md"));
        Write("definitions/Program.cs", File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "definitions", "Program.cs")));
        Write(".git/config", "[core]\n\trepositoryformatversion = 0\n");
        Write(".git/HEAD", "ref: refs/heads/main\n");
    }

    /// <summary>Every file outside gitops/, in the copy and in <see cref="Outside"/>, with a hash of its bytes (links are not followed).</summary>
    public IReadOnlyDictionary<string, string> SnapshotOutsideTree()
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var files = Directory.EnumerateFiles(Root, "*", options)
            .Where(f => !Path.GetRelativePath(Root, f).Replace('\\', '/').StartsWith("gitops/", StringComparison.Ordinal))
            .Select(f => ("repo/" + Path.GetRelativePath(Root, f).Replace('\\', '/'), f));
        if (Directory.Exists(_outside))
        {
            files = files.Concat(Directory.EnumerateFiles(_outside, "*", options).Select(f => ("outside/" + Path.GetRelativePath(_outside, f), f)));
        }
        return files.ToDictionary(p => p.Item1, p => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p.Item2))));
    }

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
                f => (new FileInfo(f).LinkTarget is { } target ? "link to " + target : Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))),
                    File.GetLastWriteTimeUtc(f)));
    }

    public (int Code, string Output) Run(params string[] args)
    {
        using var output = new StringWriter();
        var code = Lakehouse.Rendering.GitOpsHost.Run([.. args, "--root", Root], new Lakehouse.Definitions.LakehousePlatform(), output);
        return (code, output.ToString());
    }

    public void Dispose()
    {
        foreach (var folder in new[] { Root, _outside })
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (IOException)
            {
            }
        }
    }

    private static void Copy(string from, string to)
    {
        // What a clone has: not the render lock of the working copy (ignored by Git).
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != ".lock"))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
