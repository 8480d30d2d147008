namespace Lakehouse.Model.Diagnostics;

/// <summary>A broken rule at a place, printed in MSBuild's canonical format so builds and IDEs pick it up.</summary>
public sealed record Diagnostic(Rule Rule, SourceLocation Location, string Message)
{
    /// <summary>A warning reports without failing the build (an unverified chart the restore skips).</summary>
    public bool IsWarning { get; init; }

    public override string ToString() =>
        Location.Path.Length == 0
            ? $"lakehouse: {Severity} {Rule.Id}: {Message}"
            : $"{Location}: {Severity} {Rule.Id}: {Message}";

    private string Severity => IsWarning ? "warning" : "error";
}
