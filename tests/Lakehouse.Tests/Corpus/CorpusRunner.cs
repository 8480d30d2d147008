using Lakehouse.Definitions;
using Lakehouse.Model;
using Lakehouse.Rendering;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Corpus;

/// <summary>What one corpus case did: exit code, the error line, and whether anything it must not touch changed.</summary>
internal sealed record CorpusResult(
    CorpusCase Case, int ExitCode, string ErrorLine, bool Precise, IReadOnlyList<string> TreeChanges,
    IReadOnlyList<string> OutsideChanges, string Output, Exception? Escaped, int CheckExitCode)
{
    public bool TreeUntouched => TreeChanges.Count == 0;

    public bool OutsideUntouched => OutsideChanges.Count == 0;

    /// <summary>The case behaved as the platform promises.</summary>
    public bool Passed => Escaped is null && Precise && OutsideUntouched && (Case.ExpectsError ? TreeUntouched : CheckExitCode == 0);
}

/// <summary>
/// Runs a case the way a build does: a temporary copy of the repository (env/, gitops/ and files outside
/// both, which a render must never touch), broken by the case, rendered in-process through
/// <see cref="GitOpsHost.Run"/>; every entry of the copy is hashed before and after.
/// </summary>
internal static class CorpusRunner
{
    /// <summary>Files that are neither input nor output of a render; they stand for the rest of the repository.</summary>
    private static readonly string[] Outside = ["README.md", "definitions/Program.cs", "definitions/LakehousePlatform.cs", "docs/diagnostics.md"];

    /// <param name="corpusCase">The case.</param>
    /// <param name="host">Runs a verb on the repository root and returns the exit code and output; by default
    /// <see cref="GitOpsHost.Run"/> in-process, <see cref="ProcessTests"/> runs the built programs instead.</param>
    public static CorpusResult Run(CorpusCase corpusCase, Func<string, string, IPlatformDefinition, (int Code, string Output)>? host = null)
    {
        host ??= InProcess;
        using var repo = new TempRepository();
        foreach (var file in Outside)
        {
            repo.Write(file, File.ReadAllText(Path.Combine(Paths.RepositoryRoot, file)));
        }
        {
            corpusCase.Arrange(repo);
            var before = RepositorySnapshot.Take(repo.Root);
            var definition = corpusCase.Definition?.Invoke() ?? new LakehousePlatform();
            int code;
            string output;
            Exception? escaped = null;
            try
            {
                (code, output) = host("render", repo.Root, definition);
            }
            catch (Exception e)
            {
                escaped = e;
                (code, output) = (-1, "");
            }
            var after = RepositorySnapshot.Take(repo.Root);
            var changes = RepositorySnapshot.Differences(before, after);
            var errors = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => ErrorLine.Parse(l) is not null).ToList();
            string shown;
            bool precise;
            if (corpusCase.ExpectsError)
            {
                var expected = ErrorLine.Parse(corpusCase.Expected) ?? throw new InvalidOperationException($"case {corpusCase.Name}: bad expectation '{corpusCase.Expected}'");
                var match = errors.FirstOrDefault(l => ErrorLine.Parse(l)!.Satisfies(expected));
                shown = match ?? errors.FirstOrDefault() ?? "";
                precise = code == 1 && match is not null;
            }
            else
            {
                shown = "";
                precise = code == 0 && errors.Count == 0;
            }
            var checkCode = -1;
            if (!corpusCase.ExpectsError && code == 0)
            {
                checkCode = host("check", repo.Root, definition).Code;
            }
            return new CorpusResult(corpusCase, code, shown, precise,
                changes.Where(InTree).ToList(), changes.Where(p => !InTree(p)).ToList(), output, escaped, checkCode);
        }
    }

    private static (int, string) InProcess(string verb, string root, IPlatformDefinition definition)
    {
        using var output = new StringWriter();
        var code = GitOpsHost.Run([verb, "--root", root], definition, output);
        return (code, output.ToString());
    }

    /// <summary>What a render writes: the tree, and the component graphs the writer owns by rule (docs/graph/ENV.md).</summary>
    private static bool InTree(string path) =>
        path == "gitops" || path.StartsWith("gitops/", StringComparison.Ordinal) || Lakehouse.Rendering.Review.Graph.GraphFiles.IsEnvironmentDocument(path);
}
