using System.Text.Json.Nodes;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model.Components;

/// <summary>
/// Argo CD itself (chart argo-cd from argoproj.github.io/argo-helm), in gitOps.argoCdNamespace. The
/// platform adopts the Argo CD that was installed by hand to apply gitops/&lt;env&gt;/bootstrap: the same
/// chart, version and release name ("argocd"), so the resources keep their names and Argo CD takes them
/// over (docs/decisions.md). argocd-cm carries the health check for argoproj.io/Application that Argo CD
/// has not shipped since 1.8, without which the root Application does not wait for a wave's Applications
/// to become healthy before syncing the next wave.
/// </summary>
public sealed record ArgoCd(string Name) : Component(Name)
{
    /// <summary>Checked against argoproj/argo-helm charts/argo-cd/values.yaml at chart 10.1.1 (Argo CD v3.4.4).</summary>
    public static HelmChart Chart => Locked.Chart("argo-cd");

    public const string ApplicationHealthKey = "resource.customizations.health.argoproj.io_Application";

    /// <summary>
    /// An Application is as healthy as its own status says; without a status yet it is Progressing, so the
    /// parent waits. (Argo CD documents this check in its 1.7 to 1.8 upgrade notes; written here from that.)
    /// </summary>
    public const string ApplicationHealthLua =
        """
        hs = {}
        hs.status = "Progressing"
        hs.message = ""
        if obj.status ~= nil and obj.status.health ~= nil then
          hs.status = obj.status.health.status
          if obj.status.health.message ~= nil then
            hs.message = obj.status.health.message
          end
        end
        return hs

        """;

    private const int ServerPort = 8080;
    private const int RepoServerPort = 8081;
    private const int ControllerMetricsPort = 8082;
    private const int ServerMetricsPort = 8083;
    private const int RepoServerMetricsPort = 8084;

    public override ComponentSpec Describe(ComponentContext context)
    {
        var env = context.Environment;
        var ns = env.GitOps.ArgoCdNamespace;
        var ha = env.ArgoCd.HighAvailability;
        var replicas = ha ? 2 : 1;

        var values = new JsonObject()
            .Set("global.domain", $"argocd.{env.Domain}")
            .Set("crds.install", true)
            // CRDs outlive the release: deleting the Application must not delete every Application.
            .Set("crds.keep", true)
            .Set("redis-ha.enabled", ha)
            .Set("controller.replicas", 1)
            .Set("controller.pdb.enabled", ha)
            .Set("controller.resources", Values.Resources(new() { Cpu = ha ? "1" : "250m", Memory = ha ? "2Gi" : "1Gi" }))
            .Set("server.replicas", replicas)
            .Set("server.pdb.enabled", ha)
            .Set("server.resources", Values.Resources(new() { Cpu = "100m", Memory = "256Mi" }))
            .Set("repoServer.replicas", replicas)
            .Set("repoServer.pdb.enabled", ha)
            .Set("repoServer.resources", Values.Resources(new() { Cpu = "250m", Memory = "512Mi" }))
            .Set("server.livenessProbe.enabled", true)
            .Set("server.readinessProbe.enabled", true)
            .Set("repoServer.livenessProbe.enabled", true)
            .Set("repoServer.readinessProbe.enabled", true)
            .Set("applicationSet.replicas", replicas)
            .Set("applicationSet.pdb.enabled", ha)
            .Set("redis.resources", Values.Resources(new() { Cpu = "100m", Memory = "128Mi" }));
        foreach (var part in new[] { "controller", "server", "repoServer" })
        {
            values
                .Set($"{part}.metrics.enabled", true)
                .Set($"{part}.metrics.serviceMonitor.enabled", true)
                .Set($"{part}.metrics.serviceMonitor.interval", env.Monitoring.Interval)
                .Set($"{part}.metrics.serviceMonitor.additionalLabels", Values.Map(context.MonitorLabels));
        }
        // The key contains dots, so it is set on the map itself rather than through a dotted path.
        values.Set("configs.cm.create", true);
        values["configs"]!["cm"]![ApplicationHealthKey] = ApplicationHealthLua;

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values,
            Manifests =
            [
                StandardObjects.Namespace(ns, context.Naming.Platform, PodSecurity.Baseline("the chart's Redis and Redis HA containers set no seccomp profile and do not require a non-root user, which restricted needs")),
                StandardObjects.IngressPolicy(ns, [], [ServerPort, RepoServerPort], env.Monitoring.Namespace,
                    [ControllerMetricsPort, ServerMetricsPort, RepoServerMetricsPort]),
            ],
            Metrics = new ChartMonitor("controller.metrics.serviceMonitor.enabled"),
            Probes = new ChartProbes("server.livenessProbe.enabled", "server.readinessProbe.enabled", "repoServer.livenessProbe.enabled", "repoServer.readinessProbe.enabled"),
            ClusterResources =
            [
                new GroupKind("apiextensions.k8s.io", "CustomResourceDefinition"),
                new GroupKind("rbac.authorization.k8s.io", "ClusterRole"),
                new GroupKind("rbac.authorization.k8s.io", "ClusterRoleBinding"),
            ],
            Egress =
            [
                EgressGrant.KubernetesApi("the application controller applies and watches every Application's resources"),
                new EgressGrant("repositories", "the repo server fetches this repository and the pinned Helm chart repositories over HTTPS",
                    [.. new[] { 443, new Uri(env.GitOps.Repository).Port }.Distinct().Order()]),
            ],
        };
    }
}
