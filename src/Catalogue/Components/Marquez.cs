using System.Text.Json.Nodes;
using Lakehouse.Catalogue;
using Lakehouse.Catalogue.Charts;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model.Components;

/// <summary>
/// Marquez, the OpenLineage backend (the chart in MarquezProject/marquez, folder chart/, tag 0.51.1: the
/// project publishes no Helm repository, so Argo CD reads the chart from Git at the release tag). Its
/// metadata lives in the platform's PostgreSQL; Airflow and Spark send their run events to its API.
/// </summary>
public sealed record Marquez(string Name) : Component(Name), ILineageBackend
{
    public static HelmChart Chart => Locked.Chart("marquez");

    public static ContainerImage Image => Locked.Image("marquez");

    public static ContainerImage WebImage => Locked.Image("marquez-web");

    private const int ServicePort = 80;
    private const int ApiPort = 5000;
    private const int AdminPort = 5001;
    private const int WebPort = 3000;

    public override IReadOnlyList<Need> Needs => [Need.Of<IPostgres>()];

    public Endpoint LineageEndpoint(ComponentContext context) =>
        Endpoint.InCluster("http", context.Naming.ChartFullName(Name, Chart.Name), context.NamespaceOf(this), ServicePort);

    /// <summary>One OpenLineage namespace per environment: lineage from dev and prod never mixes.</summary>
    public string Namespace(ComponentContext context) => $"{context.Naming.Platform}-{context.Naming.Environment}";

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var config = context.Environment.Lineage;
        var db = context.Use<IPostgres>().DatabaseFor(context, Name);
        // The chart reads the password under its own key, beside the database Secret's: the same value.
        context.Secrets.Declare(db.Password.SecretName, "marquez-db-password", Model.Secrets.SecretSource.SameAs(db.Password));
        var values = new MarquezValues
        {
            Marquez = new()
            {
                ReplicaCount = config.Replicas,
                Image = new() { Repository = Image.Repository, Tag = Image.Tag },
                Db = new() { Host = db.Endpoint.Host, Port = db.Endpoint.Port, Name = db.Database, User = db.Role },
                Resources = ChartValues.From<MarquezValuesMarquezResources>(Values.Resources(config.Resources)),
                // The password comes from this Secret's key marquez-db-password; the chart then creates no Secret.
                // values.yaml has existingSecretName only as a comment, so it is not typed (templates/_helpers.tpl reads it).
                AdditionalValues = new() { ["existingSecretName"] = db.Password.SecretName },
            },
            Web = new()
            {
                Enabled = true,
                Image = new() { Repository = WebImage.Repository, Tag = WebImage.Tag },
                Resources = ChartValues.From<MarquezValuesWebResources>(Values.Resources(new() { Cpu = "100m", Memory = "256Mi" })),
            },
            Postgresql = new() { Enabled = false },
            Service = new() { Port = ServicePort },
        };

        // Dropwizard serves Prometheus metrics on the admin port; the chart has no monitor, so a PodMonitor.
        var monitor = StandardObjects.PodMonitor(Name, ns, context.MonitorLabels,
            new Dictionary<string, string> { ["app.kubernetes.io/component"] = "marquez" },
            new() { Port = "http-admin", Path = "/metrics", Interval = context.Environment.Monitoring.Interval });

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values.ToValues(),
            // Pod Security "baseline", not "restricted": the reason is rendered on the Namespace.
            // The workspaces' jobs send their events too (their lineage settings, handed below; WorkspaceServices).
            Manifests = [.. StandardObjects.Baseline(context, this, [ApiPort, WebPort], [AdminPort],
                podSecurity: PodSecurity.Baseline("chart 0.51.1 renders Marquez and its web UI with no securityContext and offers no value to set one (no seccomp profile, no runAsNonRoot, no dropped capabilities), which restricted requires")), monitor,
                .. MarquezWorkspaceNamespaces.For(context, Name, ns, LineageEndpoint(context))],
            WorkspaceManifests = [.. MarquezWorkspaceNamespaces.Settings(context, LineageEndpoint(context))],
            Metrics = new ManifestMonitor("PodMonitor", Name),
            Probes = new ChartTemplateProbes("templates/marquez/deployment.yaml"),
        };
    }
}
