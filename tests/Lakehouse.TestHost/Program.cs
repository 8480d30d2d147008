using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Rendering;

// render|check --root <repository> --fault <name>: the platform below fails the way <name> says.
var at = Array.IndexOf(args, "--fault");
return GitOpsHost.Run(args, new FaultyPlatform(at >= 0 && at + 1 < args.Length ? args[at + 1] : ""));

/// <summary>One component that works and one that fails as asked. "// at:NAME" marks the line each failure must be reported at.</summary>
internal sealed class FaultyPlatform(string fault) : IPlatformDefinition
{
    private static readonly string? Nothing = Environment.GetEnvironmentVariable("LAKEHOUSE_TESTHOST_NEVER_SET");

    public string Name => "lakehouse";

    public void Define(PlatformBuilder platform, EnvironmentConfig env)
    {
        platform.Add(new Web("web"));
        switch (fault)
        {
            case "define-null":
                platform.Add(new Web(Nothing!.Trim())); // at:define-null
                break;
            case "define-custom":
                throw new PlatformBugException("the definitions have a bug"); // at:define-custom
            case "describe-cast":
                platform.Add(new Web("api") { Fails = true }); // at:describe-cast
                break;
        }
    }

    private sealed class PlatformBugException(string message) : Exception(message);

    private sealed record Web(string Name) : Component(Name)
    {
        public bool Fails { get; init; }

        public override ComponentSpec Describe(ComponentContext context)
        {
            object replicas = context.Environment.Trino.Workers;
            var ns = context.Naming.Namespace(Name);
            return new ComponentSpec
            {
                Namespace = ns,
                Chart = new HelmChart("https://charts.example.com/", "web", "1.0.0"),
                Values = new JsonObject { ["metrics"] = new JsonObject { ["enabled"] = true }, ["name"] = Fails ? (string)replicas : Name },
                Manifests = [StandardObjects.Namespace(ns, context.Naming.Platform)],
                Metrics = new ChartMonitor("metrics.enabled"),
                Probes = new NoProbes("a stand-in component of a test program: it is never deployed"),
            };
        }
    }
}
