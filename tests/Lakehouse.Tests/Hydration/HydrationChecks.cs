using System.Text.Json.Nodes;
using Lakehouse.Tests.Hydration.Checks;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Hydration;

/// <summary>Runs every check over one hydrated environment; findings by check name.</summary>
internal static class HydrationChecks
{
    public const string Render = "render";

    public static readonly string[] Names =
    [
        Render, ObjectSchemaCheck.Name, ProjectCheck.Name, HookOrderCheck.Name, PodSecurityCheck.Name, MonitorCheck.Name,
        ReferenceCheck.Endpoints, ReferenceCheck.Secrets, TemplateErrorCheck.Name, RepeatCheck.Name, SyncOrderCheck.Name,
    ];

    public static IReadOnlyList<JsonObject> Crds(EnvironmentHydration hydration) =>
        Hydrator.PreinstalledCrds().Concat(hydration.Objects.Where(o => o.Kind == "CustomResourceDefinition").Select(o => o.Body)).ToList();

    /// <summary>The findings of <paramref name="check"/>; Secrets a pod reads are judged against the hydrated ExternalSecrets (the declarations).</summary>
    public static IReadOnlyList<Finding> Run(EnvironmentHydration hydration, string check)
    {
        var objects = hydration.Objects.ToList();
        return check switch
        {
            Render => hydration.Applications.SelectMany(a => a.Errors.Select(e => new Finding(Render, a.Application.Component, a.Application.Name, e))).ToList(),
            ObjectSchemaCheck.Name => ObjectSchemaCheck.Check(objects, Crds(hydration)).ToList(),
            ProjectCheck.Name => ProjectCheck.Check(objects, hydration.Projects, Crds(hydration)).ToList(),
            HookOrderCheck.Name => HookOrderCheck.Check(objects).ToList(),
            PodSecurityCheck.Name => PodSecurityCheck.Check(objects).ToList(),
            MonitorCheck.Name => MonitorCheck.Check(objects, hydration.Applications.Where(a => a.NotHydrated is not null).Select(a => a.Application.Namespace).ToHashSet()).ToList(),
            TemplateErrorCheck.Name => TemplateErrorCheck.Check(objects).ToList(),
            ReferenceCheck.Endpoints => ReferenceCheck.CheckEndpoints(objects, ValueFiles(hydration)).ToList(),
            ReferenceCheck.Secrets => ReferenceCheck.CheckSecrets(objects).ToList(),
            RepeatCheck.Name => hydration.RepeatFindings,
            SyncOrderCheck.Name => hydration.SyncOrderFindings,
            _ => throw new ArgumentOutOfRangeException(nameof(check), check, "unknown check"),
        };
    }

    private static IEnumerable<(ArgoApplication, string, string)> ValueFiles(EnvironmentHydration hydration) =>
        hydration.Applications.SelectMany(a => a.Application.ValueFiles.Select(f => (a.Application, f, File.ReadAllText(Path.Combine(a.Application.Root ?? Paths.RepositoryRoot, f)))));
}
