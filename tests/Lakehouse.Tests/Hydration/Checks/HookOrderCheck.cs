using System.Text.Json.Nodes;

namespace Lakehouse.Tests.Hydration.Checks;

/// <summary>
/// No Helm hook that Argo CD runs after the pods that wait for it. Argo CD maps Helm's pre-install and
/// pre-upgrade hooks to PreSync and post-install/post-upgrade to PostSync, and runs PostSync only once every
/// synced resource is healthy. A PostSync hook Job that a Deployment's or StatefulSet's init container waits
/// for (an init container named wait-for-X where the Job's name ends in X, or one whose command names the Job)
/// therefore never runs: the pods never become healthy.
/// </summary>
internal static class HookOrderCheck
{
    public const string Name = "hooks";

    /// <summary>The Argo CD phase a Helm or Argo CD hook annotation puts an object in, or null for a plain resource.</summary>
    public static string? Phase(Manifest o)
    {
        if ((string?)o.Annotations["argocd.argoproj.io/hook"] is { Length: > 0 } argo)
        {
            return argo.Split(',')[0].Trim();
        }
        if ((string?)o.Annotations["helm.sh/hook"] is not { Length: > 0 } helm)
        {
            return null;
        }
        var hooks = helm.Split(',').Select(h => h.Trim()).ToList();
        return hooks.Any(h => h is "pre-install" or "pre-upgrade") ? "PreSync"
            : hooks.Any(h => h is "post-install" or "post-upgrade") ? "PostSync"
            : hooks.Any(h => h is "pre-delete") ? "PreDelete"
            : hooks.Any(h => h is "post-delete") ? "PostDelete"
            : "Skip"; // test hooks and rollback hooks: Argo CD does not run them
    }

    public static IEnumerable<Finding> Check(IEnumerable<Manifest> objects)
    {
        var all = objects.ToList();
        var postSyncJobs = all.Where(o => o.Kind == "Job" && Phase(o) == "PostSync").ToList();
        foreach (var template in PodTemplate.Of(all).Where(t => t.Owner.Kind is "Deployment" or "StatefulSet" or "DaemonSet" && Phase(t.Owner) is null))
        {
            foreach (var init in template.Spec["initContainers"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                var initName = (string?)init["name"] ?? "";
                var command = string.Join(' ', (init["command"]?.AsArray() ?? []).Concat(init["args"]?.AsArray() ?? []).Select(n => n?.ToString()));
                foreach (var job in postSyncJobs.Where(j => j.Namespace == template.Owner.Namespace))
                {
                    var waitsFor = initName.StartsWith("wait-for-", StringComparison.Ordinal) && job.Name.EndsWith(initName["wait-for-".Length..], StringComparison.Ordinal);
                    if (waitsFor || command.Contains(job.Name, StringComparison.Ordinal))
                    {
                        yield return new Finding(Name, job.Application.Component, job.Id,
                            $"PostSync hook ({job.Annotations["helm.sh/hook"] ?? job.Annotations["argocd.argoproj.io/hook"]}) that {template.Owner.Id}'s init container '{initName}' waits for: Argo CD runs it only after that workload is healthy, which it never is (deadlock)");
                    }
                }
            }
        }
    }
}
