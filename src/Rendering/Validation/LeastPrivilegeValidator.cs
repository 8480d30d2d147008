using System.Text.Json.Nodes;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Rendering.Pipeline;

namespace Lakehouse.Rendering.Validation;

/// <summary>
/// Grants beyond least privilege carry their reason, however the manifest was built: a Namespace below
/// Pod Security 'restricted' (LH0060) and a NetworkPolicy rule admitting any source, such as an admission
/// webhook's (LH0061). The reason is the annotation lakehouse.io/reason, so reviewers read it in the tree.
/// A cluster-scoped kind a component declares is named, never a wildcard (LH0150): its AppProject would allow it wholesale.
/// </summary>
internal static class LeastPrivilegeValidator
{
    public static void Validate(ComponentRender render, string environment, List<Diagnostic> diagnostics)
    {
        var at = render.Placed.Location;
        foreach (var kind in render.Spec.ClusterResources.Where(k => k.Group.Contains('*', StringComparison.Ordinal) || k.Kind.Contains('*', StringComparison.Ordinal)))
        {
            diagnostics.Add(new Diagnostic(Rules.ProjectWildcard, at,
                $"component '{render.Name}' in environment '{environment}': cluster-scoped kind '{kind.Group}/{kind.Kind}' is a wildcard, which its AppProject would allow wholesale; name each kind in ClusterResources"));
        }
        foreach (var manifest in render.Spec.Manifests)
        {
            var metadata = manifest.Body["metadata"] as JsonObject;
            var hasReason = metadata?["annotations"]?[StandardObjects.ReasonAnnotation] is JsonValue reason
                && !string.IsNullOrWhiteSpace((string?)reason);
            if (manifest.Kind == "Namespace" && !hasReason)
            {
                var level = (string?)metadata?["labels"]?[PodSecurity.EnforceLabel];
                if (level != "restricted")
                {
                    var what = level is null ? "sets no Pod Security level (privileged by default)" : $"enforces Pod Security '{level}'";
                    diagnostics.Add(new Diagnostic(Rules.PodSecurityWithoutReason, at,
                        $"component '{render.Name}' in environment '{environment}': Namespace '{manifest.Name}' {what} without a reason; use PodSecurity.Baseline(reason) or PodSecurity.Privileged(reason)"));
                }
            }
            if (manifest.Kind == "NetworkPolicy" && !hasReason
                && manifest.Body["spec"]?["ingress"] is JsonArray rules && rules.OfType<JsonObject>().Any(r => r["from"] is null))
            {
                diagnostics.Add(new Diagnostic(Rules.OpenIngressWithoutReason, at,
                    $"component '{render.Name}' in environment '{environment}': NetworkPolicy '{manifest.Name}' admits any source without a reason; use StandardObjects.WebhookPolicy(..., reason)"));
            }
        }
    }
}
