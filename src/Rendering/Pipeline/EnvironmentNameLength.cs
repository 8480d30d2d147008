using Lakehouse.Model;
using Lakehouse.Model.Checks;
using Lakehouse.Model.Diagnostics;

namespace Lakehouse.Rendering.Pipeline;

/// <summary>
/// An environment's name (its file name) goes into every Application name, "{platform}-{env}-{component}",
/// which Kubernetes limits to 63 characters. A name that is a valid label alone can still be too long
/// with the platform and the longest component; that is the env file's fault, so it is blamed, not the
/// definition line that happened to derive the first long name.
/// </summary>
internal static class EnvironmentNameLength
{
    /// <param name="platform">The platform's name.</param>
    /// <param name="environment">The environment's name.</param>
    /// <param name="components">The platform's components.</param>
    /// <param name="workspaces">The platform's workspaces: their AppProjects are named "{platform}-{env}-{workspace}-workspace".</param>
    public static Diagnostic? Check(string platform, string environment, IEnumerable<PlacedComponent> components, IEnumerable<string>? workspaces = null)
    {
        var longest = components.Select(c => c.Component.Name)
            .Where(DnsName.IsLabel)
            .Append("root")
            .Concat((workspaces ?? []).Where(DnsName.IsLabel).Select(w => $"{w}-workspace"))
            .MaxBy(n => n.Length)!;
        var derived = $"{platform}-{environment}-{longest}";
        if (DnsName.IsLabel(derived) || !DnsName.IsLabel($"{platform}-{longest}"))
        {
            return null;
        }
        var allowed = 63 - platform.Length - longest.Length - 2;
        return new Diagnostic(Rules.InvalidName, new SourceLocation($"env/{environment}.yaml", 1, 1),
            $"environment name '{environment}' ({environment.Length} characters, the file name) is too long: the Argo CD Application of '{longest}' would be named '{derived}' ({derived.Length} characters, at most 63); with platform '{platform}' an environment name has at most {Math.Max(0, allowed)} characters");
    }
}
