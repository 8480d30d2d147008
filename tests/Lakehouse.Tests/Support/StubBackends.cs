using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Model.Secrets;

namespace Lakehouse.Tests.Support;

/// <summary>
/// Stands in for the platform's data services in tests of one consumer: a SQL engine, a PostgreSQL and a
/// key-value store, with endpoints and Secrets named the way the real providers name them.
/// </summary>
internal sealed record StubBackends(string Name) : Component(Name), ISqlEngine, IPostgres, IKeyValueStore
{
    public string Catalog => "iceberg";

    public SqlUser UserFor(ComponentContext context, string consumer) => new(
        context.Secrets.DeclareIn(context.Naming.Namespace(consumer), context.Naming.Secret(consumer, "trino"), "username", SecretSource.Plain(consumer)),
        context.Secrets.DeclareIn(context.Naming.Namespace(consumer), context.Naming.Secret(consumer, "trino"), "password", SecretSource.Generate(context.Naming.Object(Name, $"sql-{consumer}"))),
        context.Secrets.DeclareIn(context.Naming.Namespace(consumer), context.Naming.Secret(consumer, "trino"), "ca.pem", SecretSource.Store("stub-ca", "ca.pem", "a stub CA")));

    public Endpoint SqlEndpoint(ComponentContext context) => Endpoint.InCluster("https", "trino", context.NamespaceOf(this), 8443);

    // Declared like the real providers declare them (docs/secrets.md), so a platform of stubs renders.
    public PostgresDatabase DatabaseFor(ComponentContext context, string consumer) => new(
        Endpoint.InCluster("postgresql", "pg-rw", context.NamespaceOf(this), 5432), consumer,
        context.Secrets.DeclareIn(context.Naming.Namespace(consumer), context.Naming.Secret(consumer, "database"), "username", SecretSource.Plain(consumer)),
        context.Secrets.DeclareIn(context.Naming.Namespace(consumer), context.Naming.Secret(consumer, "database"), "password", SecretSource.Generate(context.Naming.Object(Name, $"db-{consumer}"))));

    public KeyValueConnection ConnectionFor(ComponentContext context, string consumer) => new(
        Endpoint.InCluster("redis", "valkey", context.NamespaceOf(this), 6379),
        consumer,
        context.Secrets.DeclareIn(context.Naming.Namespace(consumer), context.Naming.Secret(consumer, "valkey"), "password", SecretSource.Generate(context.Naming.Object(Name, $"kv-{consumer}"))),
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
