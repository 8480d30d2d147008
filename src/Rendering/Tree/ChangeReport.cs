using Lakehouse.Model.Diagnostics;
using Lakehouse.Rendering.Renderers;

namespace Lakehouse.Rendering.Tree;

/// <summary>
/// What a render changed, told the way a reviewer reads the tree: per environment (the tree's first folder,
/// <see cref="GitOpsLayout.EnvironmentOf"/>), the files created, updated and deleted, a compact list capped
/// with a count; and a warning when the tree shrinks (any file deleted, LH0100) or grows by more than a tenth
/// (LH0101), the changes a one-line edit should never make unnoticed.
/// </summary>
public sealed class ChangeReport
{
    /// <summary>How many paths each group lists before it says how many more there are.</summary>
    public const int ListedPerGroup = 8;

    /// <summary>Growth above this share of the previous tree is flagged (LH0101).</summary>
    public const double GrowthThreshold = 0.10;

    /// <summary>The group of files outside every environment's folder (the env files' schema).</summary>
    public const string Shared = "(shared)";

    private readonly GitOpsLayout _layout;
    private readonly WriteResult _result;

    public ChangeReport(WriteResult result, GitOpsLayout layout)
    {
        _result = result;
        _layout = layout;
    }

    /// <summary>The tree's file count before the render (the owned files it kept, updated or deleted) and after.</summary>
    public int Before => _result.Unchanged + (_result.Written.Count - _result.Created.Count) + _result.Deleted.Count;

    public int After => _result.Unchanged + _result.Written.Count;

    /// <summary>One line per environment with changes, then its files: "  prod: 1 updated" / "    updated gitops/prod/...".</summary>
    public IReadOnlyList<string> Lines()
    {
        var created = _result.Created.ToHashSet(StringComparer.Ordinal);
        var changes = _result.Written.Select(p => (Path: p, Kind: created.Contains(p) ? "created" : "updated"))
            .Concat(_result.Deleted.Select(p => (Path: p, Kind: "deleted")));
        var lines = new List<string>();
        foreach (var group in changes.GroupBy(c => _layout.EnvironmentOf(c.Path) ?? Shared).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = group.OrderBy(c => Rank(c.Kind)).ThenBy(c => c.Path, StringComparer.Ordinal).ToList();
            var counts = ordered.GroupBy(c => c.Kind).Select(k => $"{k.Count()} {k.Key}");
            lines.Add($"  {group.Key}: {string.Join(", ", counts)}");
            lines.AddRange(ordered.Take(ListedPerGroup).Select(c => $"    {c.Kind} {c.Path}"));
            if (ordered.Count > ListedPerGroup)
            {
                lines.Add($"    ... and {ordered.Count - ListedPerGroup} more");
            }
        }
        return lines;
    }

    /// <summary>LH0100 when files were deleted, LH0101 when an existing tree grew by more than <see cref="GrowthThreshold"/>.</summary>
    public IReadOnlyList<Diagnostic> Warnings()
    {
        var warnings = new List<Diagnostic>();
        var at = new SourceLocation(_layout.Root, 0, 0);
        if (_result.Deleted.Count > 0)
        {
            warnings.Add(new Diagnostic(Rules.TreeShrank, at,
                $"the render deleted {_result.Deleted.Count} file(s) ({PerEnvironment(_result.Deleted)}; {Before} -> {After} files); make sure the change meant to remove them (list above)") { IsWarning = true });
        }
        // A first render (nothing there before) creates the whole tree on purpose: nothing to flag.
        var growth = After - Before;
        if (Before > 0 && growth > 0 && growth > Before * GrowthThreshold)
        {
            warnings.Add(new Diagnostic(Rules.TreeGrew, at,
                $"the tree grew by {growth} file(s), more than a tenth ({PerEnvironment(_result.Created)}; {Before} -> {After} files); make sure the change meant to add them (list above)") { IsWarning = true });
        }
        return warnings;
    }

    private string PerEnvironment(IEnumerable<string> paths) => string.Join(", ", paths
        .GroupBy(p => _layout.EnvironmentOf(p) ?? Shared)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => $"{g.Key} {g.Count()}"));

    private static int Rank(string kind) => kind switch
    {
        "deleted" => 0,
        "created" => 1,
        _ => 2,
    };
}
