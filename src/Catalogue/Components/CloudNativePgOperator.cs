using Lakehouse.Catalogue.Charts;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model.Components;

/// <summary>
/// The CloudNativePG operator (chart cloudnative-pg from cloudnative-pg.github.io/charts): reconciles the
/// platform's PostgreSQL <see cref="PostgresCluster"/>: instances, failover, managed roles, databases,
/// backups. Its own metrics are scraped through the PodMonitor the chart renders.
/// </summary>
public sealed record CloudNativePgOperator(string Name) : Component(Name)
{
    public static HelmChart Chart => Locked.Chart("cloudnative-pg");

    private const int MetricsPort = 8080;
    private const int WebhookPort = 9443;

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var release = context.Naming.Release(Name);
        var replicas = context.Environment.Postgres.OperatorReplicas;
        var podLabels = new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = "cloudnative-pg",
            ["app.kubernetes.io/instance"] = release,
        };
        var ha = replicas > 1;
        var values = new CloudnativePgValues
        {
            Config = new() { ClusterWide = true },
            Resources = Values.Resources(new() { Cpu = "100m", Memory = "256Mi" }),
            Monitoring = new() { PodMonitorEnabled = true, PodMonitorAdditionalLabels = Values.Map(context.MonitorLabels) },
            // A standby manager on another node (the manager runs with --leader-elect); the chart renders no
            // PodDisruptionBudget, so one is added below.
            ReplicaCount = ha ? replicas : null,
            Affinity = ha ? Values.SpreadOverNodes(podLabels) : null,
        };
        ManifestObject[] highAvailability = ha ? [StandardObjects.DisruptionBudget(release, ns, podLabels)] : [];

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values.ToValues(),
            Manifests =
            [
                StandardObjects.Namespace(ns, context.Naming.Platform),
                StandardObjects.IngressPolicy(ns, [], [], context.Environment.Monitoring.Namespace, [MetricsPort]),
                StandardObjects.WebhookPolicy(ns, "operator-admission-webhook",
                    new Dictionary<string, string> { ["app.kubernetes.io/name"] = "cloudnative-pg" }, WebhookPort,
                    "the API server calls the operator's defaulting and validating webhooks for Clusters, Backups and Databases"),
                .. highAvailability,
            ],
            Metrics = new ChartMonitor("monitoring.podMonitorEnabled"),
            // The chart probes the webhook server's /readyz (HTTPS on 9443) for liveness and readiness.
            Probes = new ChartTemplateProbes("templates/deployment.yaml"),
            ClusterResources = GroupKind.OperatorWithWebhooks,
            Egress = [EgressGrant.KubernetesApi("the operator reconciles Clusters, Databases and Backups and the objects it creates for them")],
        };
    }
}
