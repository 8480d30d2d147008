using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Tests.Support;

/// <summary>Small definitions for tests: a platform is any function that adds components.</summary>
internal sealed class TestPlatform(Action<PlatformBuilder, EnvironmentConfig> define, string name = "lakehouse") : IPlatformDefinition
{
    public string Name => name;

    public void Define(PlatformBuilder platform, EnvironmentConfig env) => define(platform, env);
}

/// <summary>A minimal component with a chart, values, a Namespace and a ServiceMonitor.</summary>
internal sealed record StubComponent(string Name, IReadOnlyList<Component> Uses) : Component(Name)
{
    public StubComponent(string name, params Component[] uses) : this(name, (IReadOnlyList<Component>)uses)
    {
    }

    public JsonObject ExtraValues { get; init; } = new();

    /// <summary>Adds an environment-dependent label to the Namespace, so environments' objects differ.</summary>
    public bool LabelNamespaceWithEnvironment { get; init; }

    public override IEnumerable<Component> Dependencies => Uses;

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var values = new JsonObject { ["replicas"] = context.Environment.Trino.Workers, ["metrics"] = new JsonObject { ["enabled"] = true }, ["probes"] = new JsonObject { ["enabled"] = true } };
        foreach (var (k, v) in ExtraValues)
        {
            values[k] = v?.DeepClone();
        }
        return new ComponentSpec
        {
            Namespace = ns,
            Chart = new HelmChart("https://charts.example.com/", Name, "1.0.0"),
            Values = values,
            Manifests = LabelNamespaceWithEnvironment
                ? [Labelled(StandardObjects.Namespace(ns, context.Naming.Platform), "lakehouse.io/tier", context.Environment.Name), StandardObjects.IngressPolicy(ns, context.ConsumerNamespaces, [8080], "monitoring", [9090])]
                : [StandardObjects.Namespace(ns, context.Naming.Platform)],
            Metrics = new ChartMonitor("metrics.enabled"),
            Probes = new ChartProbes("probes.enabled"),
        };
    }

    private static ManifestObject Labelled(ManifestObject manifest, string key, string value)
    {
        manifest.Body["metadata"]!["labels"]![key] = value;
        return manifest;
    }
}

internal static class Fixtures
{
    public static IReadOnlyList<EnvironmentConfig> ReferenceEnvironments =>
        new[] { "dev", "staging", "prod" }.Select(n => Render.Environment(n, Render.EnvironmentText(n))).ToList();

    /// <summary>The line of the caller, for asserting where diagnostics point.</summary>
    public static int Line([CallerLineNumber] int line = 0) => line;
}
