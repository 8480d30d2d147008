using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Tests.Support;

/// <summary>
/// Stands in for the platform's data services in tests of one consumer: a SQL engine, a PostgreSQL and a
/// key-value store, with endpoints and Secrets named the way the real providers name them.
/// </summary>
internal sealed record StubBackends(string Name) : Component(Name), ISqlEngine, IPostgres, IKeyValueStore
{
    public string Catalog => "iceberg";

    public SqlUser UserFor(ComponentContext context, string consumer) => new(
        new SecretRef(context.Naming.Secret(consumer, "trino"), "username"),
        new SecretRef(context.Naming.Secret(consumer, "trino"), "password"),
        new SecretRef(context.Naming.Secret(consumer, "trino"), "ca.pem"));

    public Endpoint SqlEndpoint(ComponentContext context) => Endpoint.InCluster("https", "trino", context.NamespaceOf(this), 8443);

    public PostgresDatabase DatabaseFor(ComponentContext context, string consumer) => new(
        Endpoint.InCluster("postgresql", "pg-rw", context.NamespaceOf(this), 5432), consumer,
        new SecretRef(context.Naming.Secret(consumer, "database"), "username"),
        new SecretRef(context.Naming.Secret(consumer, "database"), "password"));

    public KeyValueConnection ConnectionFor(ComponentContext context, string consumer) => new(
        Endpoint.InCluster("redis", "valkey", context.NamespaceOf(this), 6379),
        consumer,
        new SecretRef(context.Naming.Secret(consumer, "valkey"), "password"),
        $"{consumer}:");

    public override ComponentSpec Describe(ComponentContext context) => new()
    {
        Namespace = context.NamespaceOf(this),
        Chart = new HelmChart("https://charts.example.com/", "stub", "1.0.0"),
        Values = new JsonObject { ["metrics"] = new JsonObject { ["enabled"] = true } },
        Manifests = [StandardObjects.Namespace(context.NamespaceOf(this), context.Naming.Platform)],
        Metrics = new ChartMonitor("metrics.enabled"),
        Probes = new NoProbes("a stub backend, never deployed"),
    };
}
