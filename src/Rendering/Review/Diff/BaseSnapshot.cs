using System.Formats.Tar;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Rendering.Review.Hydration;
using Lakehouse.Rendering.Tree;

namespace Lakehouse.Rendering.Review.Diff;

/// <summary>
/// The base side of a diff: the committed gitops/ tree of a commit, extracted with `git archive` into a folder
/// under the temp dir. The drift check (`check`, run by CI) guarantees a commit's gitops/ is the render of that
/// commit, so this is the base's render without building the base's definitions.
/// </summary>
internal static class BaseSnapshot
{
    /// <summary>Extracts <paramref name="treeFolder"/>/ of <paramref name="reference"/> into <paramref name="into"/>; a diagnostic when it cannot.</summary>
    public static async Task<Diagnostic?> Extract(string root, string reference, string into, string treeFolder = "gitops")
    {
        var git = ExternalTool.OnPath("git", "/usr/bin/git");
        if (git is null)
        {
            return new Diagnostic(Rules.DiffBaseUnknown, new SourceLocation(".git", 0, 0), "git is not installed: the diff reads the base commit with git");
        }
        var commit = await ExternalTool.Run(git, ["rev-parse", "--verify", "--quiet", reference + "^{commit}"], root);
        if (commit.ExitCode != 0)
        {
            return new Diagnostic(Rules.DiffBaseUnknown, new SourceLocation(".git", 0, 0),
                $"'{reference}' is not a commit of this repository (git rev-parse: {(commit.Error.Trim() is { Length: > 0 } e ? e : "unknown revision")}); fetch it first, e.g. 'git fetch origin main' in CI");
        }
        var sha = commit.Output.Trim();
        var tar = Path.Combine(into, "base.tar");
        Directory.CreateDirectory(into);
        var archive = await ExternalTool.Run(git, ["archive", "--format=tar", "-o", tar, sha, "--", treeFolder], root);
        if (archive.ExitCode != 0 || !File.Exists(tar))
        {
            return new Diagnostic(Rules.DiffBaseWithoutTree, new SourceLocation(treeFolder, 0, 0),
                $"commit {sha[..Math.Min(12, sha.Length)]} ('{reference}') has no {treeFolder}/ tree to compare with: {archive.Error.Trim()}");
        }
        await using (var stream = File.OpenRead(tar))
        {
            using var reader = new TarReader(stream);
            while (reader.GetNextEntry() is { } entry)
            {
                // Regular files under the tree's folder only: no links, nothing outside the extraction folder.
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || TreePaths.Problem(entry.Name, treeFolder) is not null)
                {
                    continue;
                }
                var target = Path.Combine(into, entry.Name);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await entry.ExtractToFileAsync(target, overwrite: false);
            }
        }
        File.Delete(tar);
        return null;
    }
}
