namespace Lakehouse.Tests.Hydration.Checks;

/// <summary>
/// Sync order holds on a fresh cluster: Argo CD renders each Application with the APIs the cluster has at
/// that moment, which are Argo CD's own CRDs and those installed by Applications of earlier sync waves.
/// Every Application must render so (a chart that refuses to render without monitoring.coreos.com/v1
/// needs a later wave than monitoring), and every custom resource it emits must be of a kind installed by
/// an earlier wave or by its own CRDs.
/// </summary>
internal static class SyncOrderCheck
{
    public const string Name = "sync-order";

    public static IEnumerable<Finding> Check(ArgoApplication app, string? renderError, IReadOnlyList<Manifest> objects, IReadOnlySet<string> clusterApis)
    {
        if (renderError is not null && renderError != Hydrator.NotObtainable)
        {
            yield return new Finding(Name, app.Component, app.Name,
                $"does not render in sync wave {app.Wave} with the APIs of earlier waves: {renderError}");
        }
        var own = Hydrator.ApiVersionsOf(objects.Where(o => o.Kind == "CustomResourceDefinition").Select(o => o.Body)).ToHashSet(StringComparer.Ordinal);
        foreach (var o in objects.Where(o => !ObjectSchemaCheck.IsCore(o.ApiVersion, o.Kind) && !RuntimeInstalledKinds.Exempt(o, objects)))
        {
            var api = $"{o.ApiVersion}/{o.Kind}";
            if (!clusterApis.Contains(api) && !own.Contains(api))
            {
                yield return new Finding(Name, app.Component, o.Id,
                    $"{api} is not installed before sync wave {app.Wave} (no earlier Application brings its CRD)");
            }
        }
    }
}
