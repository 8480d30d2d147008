using System.Globalization;
using System.Text.Json.Nodes;
using Lakehouse.Rendering.Pipeline;

namespace Lakehouse.Rendering.Renderers;

/// <summary>Shapes shared by the Argo CD objects (argoproj.io/v1alpha1) the renderers write.</summary>
internal static class ArgoCdObjects
{
    public const string ApiVersion = "argoproj.io/v1alpha1";

    public static JsonObject Metadata(EnvironmentRender environment, string name, int wave, string? component)
    {
        var labels = new JsonObject
        {
            ["app.kubernetes.io/managed-by"] = "lakehouse-gitops",
            ["app.kubernetes.io/part-of"] = environment.Naming.Platform,
            ["lakehouse.io/environment"] = environment.Name,
        };
        if (component is not null)
        {
            labels["lakehouse.io/component"] = component;
        }
        return new JsonObject
        {
            ["name"] = name,
            ["namespace"] = environment.Config.GitOps.ArgoCdNamespace,
            ["labels"] = labels,
            ["annotations"] = new JsonObject
            {
                ["argocd.argoproj.io/sync-wave"] = wave.ToString(CultureInfo.InvariantCulture),
            },
        };
    }

    /// <summary>Automated sync that prunes and heals, retried with backoff while dependencies come up.</summary>
    public static JsonObject SyncPolicy(params string[] options) => new()
    {
        ["automated"] = new JsonObject { ["prune"] = true, ["selfHeal"] = true },
        ["syncOptions"] = new JsonArray(options.Select(o => (JsonNode)o).ToArray()),
        ["retry"] = new JsonObject
        {
            ["limit"] = 10,
            ["backoff"] = new JsonObject { ["duration"] = "10s", ["factor"] = 2, ["maxDuration"] = "5m" },
        },
    };

    public static JsonObject GitSource(EnvironmentRender environment, string path) => new()
    {
        ["repoURL"] = environment.Config.GitOps.Repository,
        ["targetRevision"] = environment.Config.GitOps.Revision,
        ["path"] = path,
    };
}
