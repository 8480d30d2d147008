using System.Text.Json.Nodes;

namespace Lakehouse.Tests.Hydration.Checks;

/// <summary>
/// Every object lands where its Application's AppProject allows: a namespaced object's namespace (its own,
/// else the Application's destination) is one of the project's destinations; a cluster-scoped kind is in the
/// project's clusterResourceWhitelist. Otherwise Argo CD refuses the whole sync.
/// </summary>
internal static class ProjectCheck
{
    public const string Name = "project";

    /// <summary>
    /// Cluster-scoped kinds of the Kubernetes API (`kubectl api-resources --namespaced=false` of a 1.33
    /// cluster, minus the read-only ones); custom kinds take their scope from their CRD.
    /// </summary>
    private static readonly HashSet<(string Group, string Kind)> ClusterScopedCore =
    [
        ("", "Namespace"), ("", "Node"), ("", "PersistentVolume"), ("", "ComponentStatus"),
        ("admissionregistration.k8s.io", "MutatingWebhookConfiguration"), ("admissionregistration.k8s.io", "ValidatingWebhookConfiguration"),
        ("admissionregistration.k8s.io", "ValidatingAdmissionPolicy"), ("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding"),
        ("admissionregistration.k8s.io", "MutatingAdmissionPolicy"), ("admissionregistration.k8s.io", "MutatingAdmissionPolicyBinding"),
        ("apiextensions.k8s.io", "CustomResourceDefinition"), ("apiregistration.k8s.io", "APIService"),
        ("certificates.k8s.io", "CertificateSigningRequest"), ("certificates.k8s.io", "ClusterTrustBundle"),
        ("flowcontrol.apiserver.k8s.io", "FlowSchema"), ("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration"),
        ("networking.k8s.io", "IngressClass"), ("networking.k8s.io", "IPAddress"), ("networking.k8s.io", "ServiceCIDR"),
        ("node.k8s.io", "RuntimeClass"), ("rbac.authorization.k8s.io", "ClusterRole"), ("rbac.authorization.k8s.io", "ClusterRoleBinding"),
        ("scheduling.k8s.io", "PriorityClass"), ("storage.k8s.io", "CSIDriver"), ("storage.k8s.io", "CSINode"),
        ("storage.k8s.io", "StorageClass"), ("storage.k8s.io", "VolumeAttachment"), ("storage.k8s.io", "VolumeAttributesClass"),
        ("resource.k8s.io", "DeviceClass"), ("resource.k8s.io", "ResourceSlice"),
    ];

    public static bool IsClusterScoped(Manifest o, IReadOnlyList<JsonObject> crds) =>
        ClusterScopedCore.Contains((o.Group, o.Kind))
        || UnobtainableCrds.Kinds.GetValueOrDefault((o.Group, o.Kind))
        || crds.Any(c => (string?)c["spec"]!["group"] == o.Group && (string?)c["spec"]!["names"]!["kind"] == o.Kind
                         && (string?)c["spec"]!["scope"] == "Cluster");

    public static IEnumerable<Finding> Check(IEnumerable<Manifest> objects, IReadOnlyList<AppProject> projects, IReadOnlyList<JsonObject> crds)
    {
        foreach (var o in objects)
        {
            var project = projects.FirstOrDefault(p => p.Name == o.Application.Project);
            if (project is null)
            {
                yield return new Finding(Name, o.Application.Component, o.Id, $"the Application's AppProject '{o.Application.Project}' is not rendered");
                continue;
            }
            if (IsClusterScoped(o, crds))
            {
                if (!project.AllowsClusterKind(o.Group, o.Kind))
                {
                    yield return new Finding(Name, o.Application.Component, o.Id,
                        $"cluster-scoped {(o.Group.Length == 0 ? "core" : o.Group)}/{o.Kind} is not in AppProject {project.Name}'s clusterResourceWhitelist");
                }
            }
            else if (!project.AllowsNamespace(o.Namespace))
            {
                yield return new Finding(Name, o.Application.Component, o.Id, $"namespace '{o.Namespace}' is not a destination of AppProject {project.Name}");
            }
        }
    }
}
