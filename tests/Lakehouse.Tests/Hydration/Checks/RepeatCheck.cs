namespace Lakehouse.Tests.Hydration.Checks;

/// <summary>
/// The same commit hydrates to the same bytes: `helm template` and `kubectl kustomize` run twice give
/// identical output. A random value (randAlphaNum, uuidv4, a generated certificate) differs on every Argo CD
/// refresh, so the object is out of sync forever, or a hook Secret is regenerated at every sync.
/// </summary>
internal static class RepeatCheck
{
    public const string Name = "repeatable";

    public static IEnumerable<Finding> Compare(ArgoApplication app, string tool, string? first, string? second)
    {
        if (first is null || second is null || first == second)
        {
            yield break;
        }
        var a = first.Split('\n');
        var b = second.Split('\n');
        var line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        var source = a.Take(line + 1).LastOrDefault(l => l.StartsWith("# Source: ", StringComparison.Ordinal)) ?? "";
        yield return new Finding(Name, app.Component, app.Name,
            $"{tool} differs between two runs at line {line + 1} {source}: '{(line < a.Length ? a[line].Trim() : "")}' vs '{(line < b.Length ? b[line].Trim() : "")}'");
    }
}
