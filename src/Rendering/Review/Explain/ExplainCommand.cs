using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Versions;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Review.Hydration;
using Lakehouse.Rendering.Tree;

namespace Lakehouse.Rendering.Review.Explain;

/// <summary>
/// `explain gitops/FILE:LINE` or `explain --env E --app A --key a.b.c`: which definition (the line that added the
/// component, and the component's type) and which env/ keys produced a rendered value. Reads the render in memory;
/// writes nothing.
/// </summary>
public static class ExplainCommand
{
    public static int Run(string[] args, IPlatformDefinition definition, string root, TextWriter output)
    {
        var outcome = RenderPipeline.Render(definition, root);
        if (!outcome.Succeeded)
        {
            foreach (var diagnostic in outcome.Diagnostics)
            {
                output.WriteLine(diagnostic.ToString());
            }
            return 1;
        }
        var lockDiagnostics = new List<Diagnostic>();
        var chartLock = ChartLock.Load(root, lockDiagnostics);
        var (text, error) = Explain(args, definition, root, outcome, chartLock);
        output.Write(error is null ? text : error + "\n");
        // A usage mistake exits like the host's usage text (2); a target the render lacks, with 1.
        return error is null ? 0 : error.Contains($" {Rules.ReviewUsage.Id}: ", StringComparison.Ordinal) ? 2 : 1;
    }

    /// <summary>The explanation, or the diagnostic (as text) saying why there is none.</summary>
    internal static (string Text, string? Error) Explain(string[] args, IPlatformDefinition definition, string root, RenderOutcome outcome, ChartLock? chartLock)
    {
        var tree = outcome.Tree!;
        var applications = Applications(tree);
        string file;
        string keyPath;
        List<ArgoApplication> targets;
        var environmentOption = Option(args, "--env");
        if (Option(args, "--key") is { } key)
        {
            var app = Option(args, "--app");
            if (environmentOption is null || app is null)
            {
                return ("", Error(Rules.ReviewUsage, "explain", "explain --key needs --env <environment> and --app <component>"));
            }
            var target = applications.FirstOrDefault(a => a.Environment == environmentOption && (a.Component == app || a.Name == app));
            if (target is null)
            {
                return ("", Error(Rules.ExplainUnknownTarget, "explain", $"environment '{environmentOption}' has no Application '{app}' (it has: {string.Join(", ", applications.Where(a => a.Environment == environmentOption).Select(a => a.Component))})"));
            }
            // The key's file: the last value file of the Application that holds it (the one that wins in Helm's merge).
            file = target.ValueFiles.LastOrDefault(f => tree.Files.TryGetValue(f, out var t) && ValueTracer.Navigate(YamlNodes.ReadAll(t).FirstOrDefault(), key) is not null) ?? "";
            if (file.Length == 0)
            {
                return ("", Error(Rules.ExplainUnknownTarget, "explain", $"no value file of {target.Name} has the key '{key}'"));
            }
            keyPath = key;
            targets = [target];
        }
        else
        {
            var position = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && a.Contains(':'));
            if (position is null)
            {
                return ("", Error(Rules.ReviewUsage, "explain", "explain needs gitops/<file>:<line>, or --env <environment> --app <component> --key <a.b.c>"));
            }
            var colon = position.LastIndexOf(':');
            file = position[..colon].Replace('\\', '/');
            if (!int.TryParse(position[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var line) || !tree.Files.TryGetValue(file, out var content))
            {
                return ("", Error(Rules.ExplainNoValue, file, $"'{position}' is not a line of a rendered file (a path under gitops/ relative to the repository root, then ':' and a line number)"));
            }
            var found = YamlPositions.KeyPathAt(content, line);
            if (found is null)
            {
                return ("", new Diagnostic(Rules.ExplainNoValue, new SourceLocation(file, line, 1), "this line holds no value (a comment, a blank line or a document marker)").ToString());
            }
            keyPath = found;
            targets = applications.Where(a => a.ValueFiles.Contains(file)).ToList();
            if (targets.Count == 0)
            {
                // An Application itself, or an object of an Application's folder.
                var folderOf = applications.Where(a => a.OverlayPath is not null && file.StartsWith(Folder(Folder(a.OverlayPath!)) + "/", StringComparison.Ordinal)).ToList();
                var own = applications.Where(a => tree.Files.TryGetValue(file, out var t) && t.Contains($"name: {a.Name}\n", StringComparison.Ordinal) && t.Contains("kind: Application\n", StringComparison.Ordinal)).ToList();
                targets = own.Count > 0 ? own : folderOf.Where(a => !file.Contains("/overlays/", StringComparison.Ordinal) || file.Contains($"/overlays/{a.Environment}/", StringComparison.Ordinal)).ToList();
            }
            if (environmentOption is not null)
            {
                targets = targets.Where(a => a.Environment == environmentOption).ToList();
            }
            if (targets.Count == 0)
            {
                return ("", new Diagnostic(Rules.ExplainNoValue, new SourceLocation(file, line, 1), "no Application of the render uses this file").ToString());
            }
        }

        var tracer = new ValueTracer(definition, root, chartLock);
        var isValues = targets.All(t => t.ValueFiles.Contains(file));
        var text = new StringBuilder();
        var shown = tree.Files.TryGetValue(file, out var rendered) ? ValueTracer.Navigate(YamlNodes.ReadAll(rendered).FirstOrDefault(), keyPath)?.ToJsonString() : null;
        text.Append(file).Append(": ").Append(keyPath).Append(" = ").Append(shown ?? "(absent)").Append('\n');
        foreach (var app in targets.OrderBy(a => a.Environment, StringComparer.Ordinal))
        {
            var environment = outcome.Platform!.Environments.First(e => e.Name == app.Environment);
            var component = environment.Components.FirstOrDefault(c => c.Name == app.Component);
            text.Append("  environment ").Append(app.Environment).Append(", Application ").Append(app.Name).Append('\n');
            if (component is not null)
            {
                text.Append("  definition: ").Append(component.Placed.Location).Append(": adds component '").Append(component.Name).Append("' (")
                    .Append(SourceOf(root, component.Placed.Component.GetType())).Append(")\n");
            }
            var keys = tracer.Trace(app.Environment, config => isValues
                ? tracer.DescribedValue(config, app.Component, keyPath)
                : tracer.RenderedValue(config, file, keyPath));
            if (keys.Count == 0)
            {
                text.Append("  env: none; the value comes from the definition only (no key of env/").Append(app.Environment).Append(".yaml changes it)\n");
            }
            foreach (var driver in keys)
            {
                text.Append("  env: ").Append(driver.Location).Append(": ").Append(driver.KeyPath).Append(" = ").Append(driver.Value).Append('\n');
            }
        }
        return (text.ToString(), null);
    }

    /// <summary>The component's type, and its source file and line when the repository holds it (src/Catalogue/Components/NAME.cs).</summary>
    private static string SourceOf(string root, Type type)
    {
        var name = type.Name;
        foreach (var candidate in new[] { $"src/Catalogue/Components/{name}.cs", $"definitions/{name}.cs" })
        {
            var full = Path.Combine(root, candidate);
            if (File.Exists(full))
            {
                var lines = File.ReadAllLines(full);
                var index = Array.FindIndex(lines, l => l.Contains($"record {name}", StringComparison.Ordinal) || l.Contains($"class {name}", StringComparison.Ordinal));
                return $"{type.FullName}, {candidate}({(index < 0 ? 1 : index + 1).ToString(CultureInfo.InvariantCulture)},1)";
            }
        }
        return type.FullName ?? name;
    }

    /// <summary>The component Applications of a rendered tree, read from their objects.</summary>
    internal static IReadOnlyList<ArgoApplication> Applications(GitOpsTree tree) =>
        tree.Files.Where(f => f.Key.EndsWith(".yaml", StringComparison.Ordinal) && f.Value.Contains("kind: Application\n", StringComparison.Ordinal))
            .SelectMany(f => YamlNodes.ReadAll(f.Value).OfType<JsonObject>())
            .Where(o => (string?)o["kind"] == "Application" && o["metadata"]?["labels"]?[ArgoApplication.ComponentLabel] is not null)
            .Select(o => ArgoApplication.Parse((string)o["metadata"]!["labels"]![ArgoApplication.EnvironmentLabel]!, o))
            .ToList();

    private static string Folder(string path) => path.Contains('/') ? path[..path.LastIndexOf('/')] : "";

    private static string Error(Rule rule, string at, string message) => new Diagnostic(rule, new SourceLocation(at, 0, 0), message).ToString();

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
