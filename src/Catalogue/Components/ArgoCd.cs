using Lakehouse.Catalogue.Charts;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Identity;
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

    /// <summary>With an identity provider in the platform, people sign in there (docs/identity.md).</summary>
    public override IReadOnlyList<Need> Needs => [Need.OptionalOf<IIdentityProvider>()];

    public override ComponentSpec Describe(ComponentContext context)
    {
        var env = context.Environment;
        var idp = context.TryUse<IIdentityProvider>();
        var ns = env.GitOps.ArgoCdNamespace;
        var ha = env.ArgoCd.HighAvailability;
        var replicas = ha ? 2 : 1;

        var interval = env.Monitoring.Interval;
        var monitorLabels = Values.Map(context.MonitorLabels);
        var values = new ArgoCdValues
        {
            // CRDs outlive the release: deleting the Application must not delete every Application.
            Crds = new() { Install = true, Keep = true },
            Global = new() { Domain = Naming.PublicHost("argocd", env.Domain) },
            Configs = new()
            {
                Cm = new()
                {
                    Create = true,
                    // The chart passes every key of configs.cm into argocd-cm (templates/argocd-configs/argocd-cm.yaml);
                    // it lists only a few health checks itself, not the one for Applications.
                    AdditionalValues = idp is null
                        ? new() { [ApplicationHealthKey] = ApplicationHealthLua }
                        : new() { [ApplicationHealthKey] = ApplicationHealthLua, ["oidc.config"] = ArgoCdSso.OidcConfig(idp.ClientFor(context, Name, ArgoCdSso.SecretLabels, ns), context.Naming.DisplayName) },
                },
                // Audit: the API server logs every request, with the user from the token, as JSON lines on stdout (docs/identity.md).
                Params = new() { AdditionalValues = new() { ["server.log.format"] = "json", ["server.log.level"] = "info" } },
                // No default role: who signs in sees what their groups grant, nothing more.
                Rbac = idp is null ? null : new()
                {
                    PolicyDefault = "",
                    PolicyCsv = ArgoCdSso.PolicyCsv(idp.Groups(context), context.Naming),
                    Scopes = $"[{idp.ClientFor(context, Name, ArgoCdSso.SecretLabels, ns).GroupsClaim}]",
                },
            },
            // The bundled Dex only federates to other providers; with the platform's provider Argo CD speaks OIDC to it directly.
            Dex = idp is null ? null : new() { Enabled = false },
            Controller = new()
            {
                Replicas = 1,
                Pdb = new() { Enabled = ha },
                Resources = Values.Resources(new() { Cpu = ha ? "1" : "250m", Memory = ha ? "2Gi" : "1Gi" }),
                Metrics = new()
                {
                    Enabled = true,
                    ServiceMonitor = new() { Enabled = true, Interval = interval, AdditionalLabels = monitorLabels },
                },
            },
            Redis = new() { Resources = Values.Resources(new() { Cpu = "100m", Memory = "128Mi" }) },
            RedisHa = new() { Enabled = ha },
            Server = new()
            {
                Replicas = replicas,
                Pdb = new() { Enabled = ha },
                Resources = Values.Resources(new() { Cpu = "100m", Memory = "256Mi" }),
                ReadinessProbe = new() { Enabled = true },
                LivenessProbe = new() { Enabled = true },
                Metrics = new()
                {
                    Enabled = true,
                    ServiceMonitor = new() { Enabled = true, Interval = interval, AdditionalLabels = monitorLabels },
                },
            },
            RepoServer = new()
            {
                Replicas = replicas,
                Pdb = new() { Enabled = ha },
                Resources = Values.Resources(new() { Cpu = "250m", Memory = "512Mi" }),
                ReadinessProbe = new() { Enabled = true },
                LivenessProbe = new() { Enabled = true },
                Metrics = new()
                {
                    Enabled = true,
                    ServiceMonitor = new() { Enabled = true, Interval = interval, AdditionalLabels = monitorLabels },
                },
            },
            ApplicationSet = new() { Replicas = replicas, Pdb = new() { Enabled = ha } },
        };

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values.ToValues(),
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
