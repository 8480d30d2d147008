namespace Lakehouse.Model.Diagnostics;

/// <summary>A platform rule with a stable ID; the catalogue is <see cref="Rules"/>, documented in docs/diagnostics.md.</summary>
public sealed record Rule(string Id, string Title)
{
    public string HelpLink => $"https://github.com/lakehouse-gitops/lakehouse/blob/main/docs/diagnostics.md#{Id.ToLowerInvariant()}";
}
