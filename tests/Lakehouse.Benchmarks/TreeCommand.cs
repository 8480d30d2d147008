using System.Globalization;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Rendering;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Tree;

namespace Lakehouse.Benchmarks;

/// <summary>
/// tree render|check --components N --environments E [--variant V] --root DIR: renders the synthetic
/// platform and writes or checks it under DIR through the same host code as a definitions program
/// (lock, owned list, atomic writes). The crash tests run it with LAKEHOUSE_TEST_KILL_AT_OPERATION set.
/// </summary>
public static class TreeCommand
{
    public static int Run(string[] args)
    {
        var verb = args.FirstOrDefault() ?? "render";
        var components = int.Parse(Option(args, "--components") ?? "100", CultureInfo.InvariantCulture);
        var environments = int.Parse(Option(args, "--environments") ?? "3", CultureInfo.InvariantCulture);
        var variant = int.Parse(Option(args, "--variant") ?? "0", CultureInfo.InvariantCulture);
        var root = Option(args, "--root") ?? throw new ArgumentException("--root is required");
        var tree = Render(components, environments, variant, out var diagnostics);
        if (tree is null)
        {
            diagnostics.ForEach(d => Console.Error.WriteLine(d));
            return 1;
        }
        return GitOpsHost.Apply(verb, root, tree, $"synthetic {components} x {environments}, variant {variant}", Console.Out);
    }

    /// <summary>The synthetic platform's tree (no env schema: it has no env files).</summary>
    public static GitOpsTree? Render(int components, int environments, int variant, out List<Diagnostic> diagnostics)
    {
        var outcome = RenderPipeline.Render(new SyntheticPlatform(components), SyntheticPlatform.Environments(environments, variant));
        diagnostics = [.. outcome.Diagnostics];
        if (!outcome.Succeeded)
        {
            return null;
        }
        var tree = new GitOpsTree();
        foreach (var (path, text) in outcome.Tree!.Files.Where(f => f.Key.StartsWith("gitops/", StringComparison.Ordinal)))
        {
            tree.Add(path, text);
        }
        return tree;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
