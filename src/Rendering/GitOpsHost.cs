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
        if (verb is not ("render" or "check") || root is null)
        {
            output.WriteLine("usage: <definitions> render|check [--root <repository root>]");
            output.WriteLine("  render  regenerate gitops/ from definitions/ and env/");
            output.WriteLine("  check   fail with a diff when gitops/ differs from what definitions/ and env/ render");
            return 2;
        }
        root = Path.GetFullPath(root);
        var outcome = RenderPipeline.Render(definition, root);
        if (!outcome.Succeeded)
        {
            foreach (var diagnostic in outcome.Diagnostics)
            {
                output.WriteLine(diagnostic.ToString());
            }
            output.WriteLine($"lakehouse: {outcome.Diagnostics.Count} error(s); gitops/ was not changed.");
            return 1;
        }
        var layout = new GitOpsLayout();
        var writer = new TreeWriter(root, layout.OwnedList);
        var environments = string.Join(", ", outcome.Platform!.Environments.Select(e => e.Name));
        if (verb == "check")
        {
            var differences = writer.Compare(outcome.Tree!);
            foreach (var d in differences)
            {
                output.Write(UnifiedDiff.Format(d.Path, d.Actual, d.Expected));
            }
            if (differences.Count > 0)
            {
                output.WriteLine(new Diagnostic(Rules.Drift, new SourceLocation(layout.Root, 0, 0),
                    $"{differences.Count} file(s) in {layout.Root}/ differ from what definitions/ and env/ render (diff above); run 'dotnet build' and commit the result").ToString());
                return 1;
            }
            output.WriteLine($"lakehouse: {layout.Root}/ matches definitions/ and env/ ({outcome.Tree!.Bytes.Count + 1} files; environments {environments}).");
            return 0;
        }
        var collisions = writer.Collisions(outcome.Tree!);
        if (collisions.Count > 0)
        {
            foreach (var path in collisions)
            {
                output.WriteLine(new Diagnostic(Rules.Drift, new SourceLocation(path, 1, 1),
                    "this file is not owned by Lakehouse GitOps and would be overwritten; move it away or remove it").ToString());
            }
            output.WriteLine("lakehouse: nothing was written.");
            return 1;
        }
        var result = writer.Write(outcome.Tree!);
        output.WriteLine($"lakehouse: {result.Written.Count} written, {result.Deleted.Count} deleted, {result.Unchanged} unchanged (environments {environments}).");
        return 0;
    }

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
