using Lakehouse.Model;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Review.Hydration;
using Lakehouse.Rendering.Tree;

namespace Lakehouse.Rendering.Review.Diff;

/// <summary>
/// `diff --base REF [--no-hydrate]`: renders the head (definitions/ and env/ as they are) and compares it with
/// the committed tree of REF, per environment and Application, printing a Markdown summary on standard output.
/// Writes only under a fresh folder of the system temp dir, which it removes; gitops/ is never touched.
/// </summary>
public static class DiffCommand
{
    public static int Run(string[] args, IPlatformDefinition definition, string root, TextWriter output)
    {
        var reference = Option(args, "--base");
        if (reference is null)
        {
            output.WriteLine(new Diagnostic(Rules.ReviewUsage, new SourceLocation("diff", 0, 0), "diff needs --base <git ref> (the commit to compare with, e.g. origin/main)"));
            return 2;
        }
        var outcome = RenderPipeline.Render(definition, root);
        if (!outcome.Succeeded)
        {
            foreach (var diagnostic in outcome.Diagnostics)
            {
                output.WriteLine(diagnostic.ToString());
            }
            return 1;
        }
        string? markdown;
        IReadOnlyList<Diagnostic> errors;
        try
        {
            (markdown, errors) = Summarize(root, reference, outcome.Tree!, hydrate: !args.Contains("--no-hydrate")).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidOperationException or FormatException or NullReferenceException)
        {
            // A committed tree that is not what a render writes (hand-edited, or from an older layout) is named, not a stack trace.
            (markdown, errors) = (null, [new Diagnostic(Rules.DiffBaseWithoutTree, new SourceLocation("gitops", 0, 0),
                $"the tree of '{reference}' could not be read as a rendered tree: {e.Message}")]);
        }
        foreach (var error in errors)
        {
            output.WriteLine(error.ToString());
        }
        if (markdown is null)
        {
            return 1;
        }
        output.Write(markdown);
        return 0;
    }

    /// <summary>The Markdown summary of head (<paramref name="head"/>, a fresh render) against the committed tree of <paramref name="reference"/>.</summary>
    internal static async Task<(string? Markdown, IReadOnlyList<Diagnostic> Errors)> Summarize(string root, string reference, GitOpsTree head, bool hydrate)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"lakehouse-diff-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            var basePath = Path.Combine(temp, "base");
            var headPath = Path.Combine(temp, "head");
            if (await BaseSnapshot.Extract(root, reference, basePath) is { } failed)
            {
                return (null, [failed]);
            }
            WriteHead(head, headPath);
            var helm = hydrate ? HelmTemplate.FindHelm() : null;
            if (hydrate && helm is null)
            {
                return (null, [HelmMissing]);
            }
            return (await Compare(reference, basePath, headPath, helm, HelmTemplate.FindKubectl()), []);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>LH0112: hydration asked for, and no Helm to do it.</summary>
    internal static Diagnostic HelmMissing => new(Rules.HydrationToolMissing, new SourceLocation("diff", 0, 0),
        "Helm is not installed (LAKEHOUSE_HELM, ~/.lakehouse/tools/helm-4.1.4/helm, PATH): run 'bash build/install-helm.sh', or pass --no-hydrate");

    /// <summary>
    /// Compares two folders that each hold a gitops/ tree; hydrates with <paramref name="helm"/> (and the overlays with
    /// <paramref name="kubectl"/>) when given, charts from <paramref name="cache"/> (default: the restore's cache).
    /// </summary>
    internal static async Task<string> Compare(string baseLabel, string basePath, string headPath, string? helm, string? kubectl, Lakehouse.ChartRestore.ChartCache? cache = null)
    {
        var before = ArgoApplication.Scan(basePath);
        var after = ArgoApplication.Scan(headPath);
        IReadOnlyDictionary<ArgoApplication, HydratedObjects> beforeObjects = new Dictionary<ArgoApplication, HydratedObjects>();
        IReadOnlyDictionary<ArgoApplication, HydratedObjects> afterObjects = beforeObjects;
        if (helm is not null)
        {
            var hydrator = new SideHydrator(helm, kubectl, cache);
            (beforeObjects, afterObjects) = await hydrator.HydrateBoth(basePath, before, headPath, after);
        }
        var keys = before.Select(a => (a.Environment, a.Component)).Union(after.Select(a => (a.Environment, a.Component)))
            .OrderBy(k => k.Environment, StringComparer.Ordinal).ThenBy(k => k.Component, StringComparer.Ordinal);
        var changes = new List<ApplicationChange>();
        foreach (var (environment, component) in keys)
        {
            var b = before.FirstOrDefault(a => a.Environment == environment && a.Component == component);
            var h = after.FirstOrDefault(a => a.Environment == environment && a.Component == component);
            changes.Add(ApplicationChange.Compare(environment, component,
                b, basePath, b is null ? null : beforeObjects.GetValueOrDefault(b),
                h, headPath, h is null ? null : afterObjects.GetValueOrDefault(h)));
        }
        return DiffSummary.Markdown(baseLabel, changes, helm is not null);
    }

    private static void WriteHead(GitOpsTree tree, string into)
    {
        foreach (var (path, bytes) in tree.Bytes.Where(p => TreePaths.Problem(p.Key, "gitops") is null))
        {
            var target = Path.Combine(into, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, bytes);
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
