namespace Lakehouse.Model.Diagnostics;

/// <summary>A broken rule at a place, printed in MSBuild's canonical format so builds and IDEs pick it up.</summary>
public sealed record Diagnostic(Rule Rule, SourceLocation Location, string Message)
{
    public override string ToString() =>
        Location.Path.Length == 0
            ? $"lakehouse: error {Rule.Id}: {Message}"
            : $"{Location}: error {Rule.Id}: {Message}";
}
