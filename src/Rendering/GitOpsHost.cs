using Lakehouse.Model;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Renderers;
using Lakehouse.Rendering.Tree;

namespace Lakehouse.Rendering;

/// <summary>
/// The command line of a definitions program: <c>render</c> writes the tree, <c>check</c> fails with a
/// unified diff when the committed tree differs (drift). Diagnostics are printed in MSBuild's canonical
/// format so the build that runs this reports them as errors at their file and line.
/// </summary>
public static class GitOpsHost
{
    public static int Run(string[] args, IPlatformDefinition definition, TextWriter? output = null)
    {
        output ??= Console.Out;
        var verb = args.FirstOrDefault() ?? "render";
        var root = Option(args, "--root") ?? FindRoot(Directory.GetCurrentDirectory());
        if (verb is not ("render" or "check" or "diff" or "explain") || root is null)
        {
            output.WriteLine("usage: <definitions> render|check|diff|explain [--root <repository root>] [--wait <seconds>]");
            output.WriteLine("  render   regenerate gitops/ (and docs/graph/) from definitions/ and env/");
            output.WriteLine("  check    fail with a diff when gitops/ differs from what definitions/ and env/ render");
            output.WriteLine("  diff --base <git ref> [--no-hydrate]   Markdown summary of what changes per environment and Application");
            output.WriteLine("  explain gitops/<file>:<line> | explain --env <env> --app <component> --key <a.b.c>   where a value comes from");
            output.WriteLine("  --wait   how long to wait for another render or check of the same tree (default 60)");
            return 2;
        }
        root = Path.GetFullPath(root);
        // The review commands (docs/review.md) read the tree and render in memory; they never write gitops/.
        if (verb == "diff")
        {
            return Review.Diff.DiffCommand.Run(args, definition, root, output);
        }
        if (verb == "explain")
        {
            return Review.Explain.ExplainCommand.Run(args, definition, root, output);
        }
        // render and check write or compare the tree only: each environment's objects can go once its files are rendered.
        var outcome = RenderPipeline.Render(definition, root, keepPlatform: false);
        if (!outcome.Succeeded)
        {
            foreach (var diagnostic in outcome.Diagnostics)
            {
                output.WriteLine(diagnostic.ToString());
            }
            output.WriteLine($"lakehouse: {outcome.Diagnostics.Count} error(s); gitops/ was not changed.");
            return 1;
        }
        var environments = string.Join(", ", outcome.EnvironmentNames);
        var wait = Option(args, "--wait") is { } seconds ? TimeSpan.FromSeconds(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)) : (TimeSpan?)null;
        return Apply(verb, root, outcome.Tree!, $"environments {environments}", output, wait);
    }

    /// <summary>
    /// Writes (<c>render</c>) or checks (<c>check</c>) a rendered tree under <paramref name="root"/> and
    /// prints the outcome; the benchmark host runs its synthetic trees through here too.
    /// </summary>
    public static int Apply(string verb, string root, GitOpsTree tree, string summary, TextWriter output, TimeSpan? lockWait = null, FileOperations? operations = null)
    {
        var layout = new GitOpsLayout();
        var writer = new TreeWriter(root, layout.OwnedList, operations) { LockWait = lockWait ?? TimeSpan.FromSeconds(60) };
        if (verb == "check")
        {
            var check = writer.Check(tree);
            foreach (var d in check.Differences)
            {
                output.Write(UnifiedDiff.Format(d.Path, d.Actual, d.Expected));
            }
            foreach (var error in check.Errors)
            {
                output.WriteLine(error.ToString());
            }
            if (check.Differences.Count > 0)
            {
                output.WriteLine(new Diagnostic(Rules.Drift, new SourceLocation(layout.Root, 0, 0),
                    $"{check.Differences.Count} file(s) in {layout.Root}/ differ from what definitions/ and env/ render (diff above); run 'dotnet build' and commit the result").ToString());
            }
            if (check.Differences.Count > 0 || check.Errors.Count > 0)
            {
                return 1;
            }
            output.WriteLine($"lakehouse: {layout.Root}/ matches definitions/ and env/ ({tree.Bytes.Count + 1} files; {summary}).");
            return 0;
        }
        var result = writer.Write(tree);
        foreach (var warning in result.Warnings)
        {
            output.WriteLine(Warning(warning));
        }
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                output.WriteLine(error.ToString());
            }
            output.WriteLine(result.Errors.Any(e => e.Rule == Rules.FileSystemFailure)
                ? $"lakehouse: the write stopped; run the render again to complete or repair {layout.Root}/."
                : "lakehouse: nothing was written.");
            return 1;
        }
        output.WriteLine($"lakehouse: {result.Written.Count} written, {result.Deleted.Count} deleted, {result.Unchanged} unchanged ({summary}).");
        // Which files, per environment, and whether the tree shrank or grew more than a one-line edit would.
        var report = new ChangeReport(result, layout);
        foreach (var line in report.Lines())
        {
            output.WriteLine(line);
        }
        foreach (var warning in report.Warnings())
        {
            output.WriteLine(warning.ToString());
        }
        return 0;
    }

    /// <summary>A warning in MSBuild's canonical format (the build shows it, and does not fail).</summary>
    private static string Warning(Diagnostic diagnostic) =>
        diagnostic.ToString().Replace($": error {diagnostic.Rule.Id}: ", $": warning {diagnostic.Rule.Id}: ", StringComparison.Ordinal);

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The nearest folder upwards that has an env/ folder.</summary>
    private static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "env")))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
