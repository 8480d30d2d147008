using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Corpus;

/// <summary>
/// Definitions that fail at run time, for the corpus. A comment "// at:NAME" marks the line each
/// diagnostic must point at (the corpus looks the line up, so editing this file keeps expectations true).
/// </summary>
internal static class FaultyDefinitions
{
    public const string File = "tests/Lakehouse.Tests/Corpus/FaultyDefinitions.cs";

    private static readonly string? Nothing = Environment.GetEnvironmentVariable("LAKEHOUSE_CORPUS_NEVER_SET");

    public static IPlatformDefinition Valid => new TestPlatform((p, _) =>
    {
        p.Add(new StubComponent("web"));
        p.Add(new StubComponent("api"));
    });

    public static IPlatformDefinition DefineThrows(Func<Exception> exception) => new TestPlatform((p, _) =>
    {
        p.Add(new StubComponent("web"));
        throw exception(); // at:define-throw
    });

    public static IPlatformDefinition DefineNullReference => new TestPlatform((p, _) =>
    {
        p.Add(new StubComponent("web"));
        p.Add(new StubComponent(Nothing!.ToUpperInvariant())); // at:define-null
    });

    public static IPlatformDefinition DefineInvalidCast => new TestPlatform((p, env) =>
    {
        object boxed = env.Trino.Workers;
        p.Add(new StubComponent((string)boxed)); // at:define-cast
    });

    public static IPlatformDefinition DefineIndexOutOfRange => new TestPlatform((p, _) =>
    {
        var names = new[] { "web" };
        p.Add(new StubComponent(names[names.Length])); // at:define-index
    });

    public static IPlatformDefinition DefineDivideByZero => new TestPlatform((p, env) =>
    {
        var perWorker = 100 / (env.Trino.Workers - env.Trino.Workers); // at:define-divide
        p.Add(new StubComponent("web" + perWorker));
    });

    public static IPlatformDefinition DefineInHelper => new TestPlatform((p, _) =>
    {
        p.Add(new StubComponent("web"));
        AddReplicas(p, -1); // at:define-helper-call
    });

    private static void AddReplicas(PlatformBuilder p, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count); // at:define-helper
        p.Add(new StubComponent("replica-" + count));
    }

    public static IPlatformDefinition DefineStaticInitializer => new TestPlatform((p, _) =>
    {
        p.Add(new StubComponent(BrokenStatics.Name)); // at:define-static-use
    });

    private static class BrokenStatics
    {
        public static readonly string Name = int.Parse("not a number", System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture); // at:define-static
    }

    public static IPlatformDefinition DefineOnlyInProd => new TestPlatform((p, env) =>
    {
        p.Add(new StubComponent("web"));
        if (env.Name == "prod")
        {
            throw new NotSupportedException("prod is not supported by this definition"); // at:define-prod
        }
    });

    public static IPlatformDefinition DefineLatestImage => new TestPlatform((p, env) =>
    {
        var tag = env.Name.Length > 0 ? "latest" : "1.0.0";
        p.Add(new ImageComponent("web", new ContainerImage("nginx", tag))); // at:define-latest
    });

    public static IPlatformDefinition DescribeThrows(Func<Exception> exception) => new TestPlatform((p, _) =>
    {
        p.Add(new StubComponent("web"));
        p.Add(new FaultyComponent("api", _ => throw exception())); // at:describe-throw
    });

    public static IPlatformDefinition DescribeNullReference => new TestPlatform((p, _) =>
    {
        p.Add(new FaultyComponent("api", context => Spec(context, Nothing!.Trim()))); // at:describe-null
    });

    public static IPlatformDefinition DescribeReturnsNull => new TestPlatform((p, _) =>
    {
        p.Add(new FaultyComponent("api", _ => null!)); // at:describe-returns-null
    });

    public static IPlatformDefinition DescribeLatestImage => new TestPlatform((p, _) =>
    {
        p.Add(new FaultyComponent("api", context => Spec(context, new ContainerImage("nginx", context.Environment.Name == "" ? "1" : "latest").Tag))); // at:describe-latest
    });

    public static IPlatformDefinition DescribeEmptyTag => new TestPlatform((p, _) =>
    {
        p.Add(new FaultyComponent("api", context => Spec(context, new ContainerImage("nginx", context.Environment.Domain[..0]).Tag))); // at:describe-empty-tag
    });

    public static IPlatformDefinition DescribeDuplicateManifest => new TestPlatform((p, _) =>
    {
        p.Add(new FaultyComponent("api", context => Spec(context, "1") is var spec ? spec with { Manifests = [.. spec.Manifests, .. spec.Manifests] } : spec)); // at:describe-duplicate
    });

    public static IPlatformDefinition DependenciesGetterThrows => new TestPlatform((p, _) =>
    {
        p.Add(new BrokenDependencies("api"));
    });

    private sealed record BrokenDependencies(string Name) : Component(Name)
    {
        public override IEnumerable<Component> Dependencies => throw new InvalidDataException("dependencies are not known yet"); // at:dependencies

        public override ComponentSpec Describe(ComponentContext context) => Spec(context, "1");
    }

    /// <summary>A component whose Describe is the given function.</summary>
    private sealed record FaultyComponent(string Name, Func<ComponentContext, ComponentSpec> Describing) : Component(Name)
    {
        public override ComponentSpec Describe(ComponentContext context) => Describing(context);
    }

    private sealed record ImageComponent(string Name, ContainerImage Image) : Component(Name)
    {
        public override ComponentSpec Describe(ComponentContext context) => Spec(context, Image.Tag);
    }

    private static ComponentSpec Spec(ComponentContext context, string tag) => new()
    {
        Namespace = context.Naming.Namespace(context.Self),
        Chart = new HelmChart("https://charts.example.com/", "stub", "1.0.0"),
        Values = new JsonObject { ["metrics"] = new JsonObject { ["enabled"] = true }, ["image"] = new JsonObject { ["tag"] = tag } },
        Manifests = [StandardObjects.Namespace(context.Naming.Namespace(context.Self), context.Naming.Platform)],
        Metrics = new ChartMonitor("metrics.enabled"),
        Probes = new NoProbes("a stand-in component of the corpus: it is never deployed"),
    };

    /// <summary>A custom exception type, to prove every type is caught, not a list of known ones.</summary>
    public sealed class PlatformBugException(string message) : Exception(message);

    /// <summary>The line of the "// at:NAME" marker in this file.</summary>
    public static int LineOf(string marker) => LineOf(File, marker);

    /// <summary>The line of the "// at:NAME" marker in a repository file.</summary>
    public static int LineOf(string file, string marker)
    {
        var lines = System.IO.File.ReadAllLines(Path.Combine(Paths.RepositoryRoot, file));
        var index = Array.FindIndex(lines, l => l.EndsWith("// at:" + marker, StringComparison.Ordinal));
        Assert.True(index >= 0, $"marker 'at:{marker}' not found in {file}");
        return index + 1;
    }
}
