using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Components;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Tests.Hydration;
using Lakehouse.Tests.Hydration.Checks;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Instances;

/// <summary>
/// Two instances of one component kind (Trino "trino" and "adhoc"), each with its own env/ section, and consumers
/// wired to the one they use (<see cref="TwoTrinoPlatform"/>): connections, names, NetworkPolicies, hydration.
/// </summary>
public class InstanceTests
{
    private static EnvironmentConfig Dev => Render.Environment("dev", TwoTrinoPlatform.DevText);

    private static RenderOutcome Rendered(Lakehouse.Model.IPlatformDefinition? platform = null, EnvironmentConfig? env = null)
    {
        var outcome = RenderPipeline.Render(platform ?? new TwoTrinoPlatform(), [env ?? Dev]);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        return outcome;
    }

    private static IReadOnlyList<string> Errors(Lakehouse.Model.IPlatformDefinition platform, EnvironmentConfig? env = null)
    {
        var outcome = RenderPipeline.Render(platform, [env ?? Dev]);
        Assert.False(outcome.Succeeded);
        return outcome.Diagnostics.Select(d => d.ToString()).ToList();
    }

    private static ComponentRender Component(RenderOutcome outcome, string name) =>
        outcome.Platform!.Environments.Single().Components.Single(c => c.Name == name);

    private static JsonObject Policy(RenderOutcome outcome, string component, string name) =>
        Component(outcome, component).Spec.Manifests.Single(m => m.Kind == "NetworkPolicy" && m.Name == name).Body;

    /// <summary>"namespace:port" for every namespace a policy's rules name with ports (ingress from, egress to).</summary>
    private static SortedSet<string> Peers(JsonObject policy, string direction, string peers)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var rule in policy["spec"]![direction]!.AsArray().OfType<JsonObject>())
        {
            var ports = (rule["ports"]?.AsArray() ?? []).Select(p => (int)p!["port"]!).ToList();
            var namespaces = (rule[peers]?.AsArray() ?? []).Select(p => (string?)p!["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"]).OfType<string>();
            foreach (var ns in namespaces)
            {
                foreach (var port in ports)
                {
                    found.Add($"{ns}:{port}");
                }
            }
        }
        return found;
    }

    [Fact]
    public void Each_instance_reads_its_own_env_section_and_takes_its_names_from_the_naming_rule()
    {
        var outcome = Rendered();
        var adhoc = Component(outcome, "adhoc").Spec;
        var trino = Component(outcome, "trino").Spec;
        Assert.Equal(2, (long)adhoc.Values["server"]!["workers"]!);
        Assert.Equal("3GB", (string)adhoc.Values["server"]!["config"]!["query"]!["maxMemory"]!);
        Assert.Equal(Dev.Trino.Workers, (long)trino.Values["server"]!["workers"]!);
        var naming = new Lakehouse.Model.Naming("lakehouse", "dev");
        Assert.Equal(naming.Namespace("adhoc"), adhoc.Namespace);
        Assert.Equal(naming.Secret("adhoc", "password-authentication"), (string)adhoc.Values["auth"]!["passwordAuthSecret"]!);
        Assert.Contains(outcome.Tree!.Files.Keys, k => k.EndsWith($"dev/cluster/application-{naming.Application("adhoc")}.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_its_own_section_an_instance_reads_its_kind_s_top_level_section()
    {
        var outcome = Rendered(env: Render.Environment("dev", Render.EnvironmentText("dev")));
        Assert.Equal(Dev.Trino.Workers, (long)Component(outcome, "adhoc").Spec.Values["server"]!["workers"]!);
    }

    [Fact]
    public void Superset_queries_adhoc_and_the_orchestrator_runs_its_sql_on_trino()
    {
        var outcome = Rendered();
        var init = (string)Component(outcome, "superset").Spec.Values["init"]!["initscript"]!;
        Assert.Contains("@adhoc-trino.lakehouse-adhoc.svc.cluster.local:8443/iceberg", init, StringComparison.Ordinal);
        var orchestrator = string.Join("\n", Component(outcome, "orchestrator").Spec.Manifests.Select(m => m.Body.ToJsonString()));
        Assert.Contains("--server=https://trino.lakehouse-trino.svc.cluster.local:8443", orchestrator, StringComparison.Ordinal);
        Assert.DoesNotContain("lakehouse-adhoc", orchestrator, StringComparison.Ordinal);
        Assert.Contains("adhoc", Component(outcome, "superset").DependsOn);
        Assert.DoesNotContain("adhoc", Component(outcome, "orchestrator").DependsOn);
    }

    [Fact]
    public void NetworkPolicies_admit_exactly_the_wired_consumers_on_each_instance_s_ports()
    {
        var outcome = Rendered();
        Assert.Equal(["lakehouse-superset:8443", "monitoring:5556"], Peers(Policy(outcome, "adhoc", "default-ingress"), "ingress", "from"));
        Assert.Equal(["lakehouse-orchestrator:8443", "monitoring:5556"], Peers(Policy(outcome, "trino", "default-ingress"), "ingress", "from"));
        var supersetEgress = Peers(Policy(outcome, "superset", "default-egress"), "egress", "to");
        Assert.Contains("lakehouse-adhoc:8443", supersetEgress);
        Assert.DoesNotContain(supersetEgress, p => p.StartsWith("lakehouse-trino:", StringComparison.Ordinal));
        var orchestratorEgress = Peers(Policy(outcome, "orchestrator", "default-egress"), "egress", "to");
        Assert.Contains("lakehouse-trino:8443", orchestratorEgress);
        Assert.DoesNotContain(orchestratorEgress, p => p.StartsWith("lakehouse-adhoc:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_two_instance_platform_hydrates_with_helm_and_every_hydration_check_finds_nothing()
    {
        HelmTool.Require();
        Assert.SkipWhen(Tool.Kubectl is null, "kubectl is not installed: it carries Kustomize, which hydration runs");
        var root = Path.Combine(Path.GetTempPath(), "lakehouse-instances-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "env"));
            File.Copy(Path.Combine(Paths.RepositoryRoot, Lakehouse.Model.Versions.ChartLock.FileName), Path.Combine(root, Lakehouse.Model.Versions.ChartLock.FileName));
            await File.WriteAllTextAsync(Path.Combine(root, "env", "dev.yaml"), TwoTrinoPlatform.DevText, TestContext.Current.CancellationToken);
            using var output = new StringWriter();
            Assert.True(Lakehouse.Rendering.GitOpsHost.Run(["render", "--root", root], new TwoTrinoPlatform(), output) == 0, output.ToString());

            var hydration = await Hydrator.Environment("dev", root);
            var adhoc = hydration.Applications.Single(a => a.Application.Component == "adhoc");
            Assert.Null(adhoc.NotHydrated);
            Assert.Contains(adhoc.Objects, o => o.Kind == "Service" && o.Name == "adhoc-trino");
            Assert.Null(hydration.Applications.Single(a => a.Application.Component == "trino").NotHydrated);
            // Only charts this machine cannot obtain go unhydrated (their overlays are still checked), as for the reference platform.
            Assert.All(hydration.Applications.Where(a => a.NotHydrated is not null), a => Assert.Contains(a.Application.Component, new[] { "external-secrets", "superset", "orchestrator" }));
            // The adhoc instance declares Trino's Secrets under its own name, in its own namespace (docs/secrets.md).
            var findings = HydrationChecks.Names.SelectMany(check => HydrationChecks.Run(hydration, check)).ToList();
            Assert.True(findings.Count == 0, $"{findings.Count} finding(s):\n" + string.Join("\n", findings));
            Assert.Contains(adhoc.Objects, o => o.Kind == "ExternalSecret" && o.Name == "adhoc-tls" && o.Namespace == "lakehouse-adhoc");
            // Without its declaration, adhoc's TLS Secret is undeclared: the secrets check does look at the second instance.
            var undeclared = hydration.Objects.Where(o => !(o.Kind == "ExternalSecret" && o.Name == "adhoc-tls")).ToList();
            Assert.Contains(ReferenceCheck.CheckSecrets(undeclared), f => f.Message.Contains("adhoc-tls", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void An_unwired_ambiguous_need_is_LH0017_at_the_consumer_with_advice_that_compiles()
    {
        var errors = Errors(new TwoTrinoPlatform(wired: false));
        Assert.Equal(2, errors.Count);
        var superset = Assert.Single(errors, e => e.Contains("component 'superset'", StringComparison.Ordinal));
        Assert.Contains("Instances/TwoTrinoPlatform.cs(", superset, StringComparison.Ordinal);
        Assert.EndsWith("error LH0017: component 'superset' needs SQL query engine (ISqlEngine), offered by 'trino' and 'adhoc'; choose one in the definitions: platform.Wire(superset).To<ISqlEngine>(trino)", superset, StringComparison.Ordinal);
        Assert.Contains(errors, e => e.EndsWith("error LH0017: component 'orchestrator' needs SQL query engine (ISqlEngine), offered by 'trino' and 'adhoc'; choose one in the definitions: platform.Wire(orchestrator).To<ISqlEngine>(trino)", StringComparison.Ordinal));
        // The advice is code the definitions can write: it compiles with the components as variables.
        var advice = superset[(superset.IndexOf("definitions: ", StringComparison.Ordinal) + "definitions: ".Length)..];
        Assert.Empty(FixtureCompilation.Errors(Definitions(advice + ";")));
    }

    private static string Definitions(string body) =>
        $$"""
        using Lakehouse.Model;
        using Lakehouse.Model.Components;
        using Lakehouse.Model.Contracts;
        static class Fixture
        {
            static void Define(PlatformBuilder platform)
            {
                var trino = platform.Add(new Trino("trino"));
                var adhoc = platform.Add(new Trino("adhoc"));
                var valkey = platform.Add(new Valkey("valkey"));
                var superset = platform.Add(new Superset("superset"));
                {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("platform.Wire(superset).To<ISqlEngine>(valkey);")]
    [InlineData("platform.Wire(superset).To<IPostgres>(adhoc);")]
    public void Wiring_to_a_component_that_does_not_offer_the_contract_does_not_compile(string wiring)
    {
        Assert.Empty(FixtureCompilation.Errors(Definitions("platform.Wire(superset).To<ISqlEngine>(adhoc);")));
        Assert.Equal(["CS1503"], FixtureCompilation.Errors(Definitions(wiring)));
    }

    private static TestPlatform Wired(Action<Lakehouse.Model.PlatformBuilder, Trino, Trino, Superset, Valkey> wire) => new((p, env) =>
    {
        p.AddObjectStorage(env, ["warehouse"]);
        p.Add(new StubBackends("postgres"));
        p.AddIcebergCatalog(env, "warehouse");
        var trino = p.Add(new Trino("trino"));
        var adhoc = p.Add(new Trino("adhoc"));
        var valkey = p.Add(new Valkey("valkey"));
        var superset = p.Add(new Superset("superset"));
        wire(p, trino, adhoc, superset, valkey);
    });

    [Fact]
    public void An_inferred_component_type_is_not_a_contract_LH0120_at_the_wiring_line()
    {
        var line = 0;
        var errors = Errors(Wired((p, _, adhoc, superset, _) =>
        {
            line = Fixtures.Line() + 1;
            p.Wire(superset).To(adhoc);
        }));
        Assert.Contains(errors, e => e.Contains($"Instances/InstanceTests.cs({line},1): error LH0120: platform.Wire(superset).To<Trino>(adhoc): 'Trino' is not a contract interface; name the contract, e.g. platform.Wire(superset).To<ISqlEngine>(adhoc) ('adhoc' offers ISqlEngine)", StringComparison.Ordinal));
    }

    [Fact]
    public void Wiring_a_need_the_consumer_does_not_declare_or_a_provider_not_added_is_LH0121()
    {
        var lines = new int[3];
        var errors = Errors(Wired((p, trino, adhoc, superset, valkey) =>
        {
            p.Wire(superset).To<ISqlEngine>(adhoc);
            lines[0] = Fixtures.Line() + 1;
            p.Wire(valkey).To<ISqlEngine>(trino);
            lines[1] = Fixtures.Line() + 1;
            p.Wire(superset).To<IKeyValueStore>(new Valkey("ghost"));
            lines[2] = Fixtures.Line() + 1;
            p.Wire(trino).To<ISqlEngine>(trino);
        }));
        Assert.Contains(errors, e => e.Contains($"({lines[0]},1): error LH0121: platform.Wire(valkey).To<ISqlEngine>(trino): component 'valkey' does not need SQL query engine (ISqlEngine); its needs: none", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains($"({lines[1]},1): error LH0121: platform.Wire(superset).To<IKeyValueStore>(ghost): component 'ghost' is not added to the platform", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains($"({lines[2]},1): error LH0121: platform.Wire(trino).To<ISqlEngine>(trino): a component cannot be wired to itself", StringComparison.Ordinal));
    }

    [Fact]
    public void Wiring_one_need_twice_is_LH0122_naming_the_first()
    {
        var line = 0;
        var errors = Errors(Wired((p, trino, adhoc, superset, _) =>
        {
            p.Wire(superset).To<ISqlEngine>(adhoc);
            line = Fixtures.Line() + 1;
            p.Wire(superset).To<ISqlEngine>(trino);
        }));
        Assert.Contains(errors, e => e.Contains($"({line},1): error LH0122: platform.Wire(superset).To<ISqlEngine>(trino): the SQL query engine (ISqlEngine) of 'superset' is already wired to 'adhoc' at ", StringComparison.Ordinal));
    }

    private sealed record NamesItsEngine(string Name) : Lakehouse.Model.Component(Name)
    {
        public override IReadOnlyList<Need> Needs => [Need.Of<ISqlEngine>("engine-a")];

        public override Lakehouse.Model.ComponentSpec Describe(Lakehouse.Model.ComponentContext context) => throw new NotSupportedException();
    }

    [Fact]
    public void Wirings_chain_and_override_the_provider_a_component_names_itself()
    {
        var builder = new Lakehouse.Model.PlatformBuilder();
        var a = builder.Add(new StubBackends("engine-a"));
        var b = builder.Add(new StubBackends("engine-b"));
        var superset = builder.Add(new Superset("superset"));
        var named = builder.Add(new NamesItsEngine("named"));
        builder.Wire(superset).To<ISqlEngine>(a).To<IPostgres>(b).To<IKeyValueStore>(a);
        builder.Wire(named).To<ISqlEngine>(b);
        var diagnostics = new List<Lakehouse.Model.Diagnostics.Diagnostic>();
        var graph = DependencyGraph.Build(builder.Build(), diagnostics, builder.Wirings);
        Assert.True(graph is not null, string.Join("\n", diagnostics));
        Assert.Same(a, graph.Connections[("superset", typeof(ISqlEngine))]);
        Assert.Same(b, graph.Connections[("superset", typeof(IPostgres))]);
        Assert.Same(a, graph.Connections[("superset", typeof(IKeyValueStore))]);
        Assert.Same(b, graph.Connections[("named", typeof(ISqlEngine))]);
        Assert.Equal(["superset"], graph.ConsumersOf("engine-a"));
        Assert.Equal(["named", "superset"], graph.ConsumersOf("engine-b"));
    }

    [Theory]
    [InlineData("adhok", "instances.adhok: the platform has no component 'adhok'; did you mean 'adhoc'?")]
    [InlineData("superset", "instances.superset.trino: component 'superset' is a Superset, which does not read a trino section (a Trino does)")]
    public void An_instance_section_of_no_component_of_its_kind_is_LH0123_at_its_key(string name, string message)
    {
        var text = TwoTrinoPlatform.DevText.Replace("\n  adhoc:\n", $"\n  {name}:\n", StringComparison.Ordinal);
        var line = 1 + text[..text.IndexOf($"\n  {name}:\n", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        var errors = Errors(new TwoTrinoPlatform(), Render.Environment("dev", text));
        Assert.Equal($"env/dev.yaml({line},3): error LH0123: {message}", Assert.Single(errors));
    }

    [Fact]
    public void An_empty_instance_section_is_LH0123()
    {
        var text = Render.EnvironmentText("dev").TrimEnd('\n') + "\ninstances:\n  adhoc: {}\n";
        var errors = Errors(new TwoTrinoPlatform(), Render.Environment("dev", text));
        Assert.Contains("error LH0123: instances.adhoc: the section holds no kind's settings; give trino: or remove it", Assert.Single(errors));
    }

    [Fact]
    public void An_instance_section_is_checked_against_its_kind_s_schema_at_its_line()
    {
        var text = TwoTrinoPlatform.DevText.Replace("      workers: 2\n", "      workers: -1\n", StringComparison.Ordinal);
        var line = 1 + text[..text.IndexOf("workers: -1", StringComparison.Ordinal)].Count(c => c == '\n');
        Assert.Contains(Render.EnvironmentDiagnostics("dev", text), d => d.ToString() == $"env/dev.yaml({line},16): error LH0005: instances.adhoc.trino.workers: -1 is out of range 0..500");
    }

    [Fact]
    public void Docs_show_the_wiring_of_the_tested_platform()
    {
        var docs = File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "docs", "instances.md"));
        var platform = File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "tests", "Lakehouse.Tests", "Instances", "TwoTrinoPlatform.cs"));
        foreach (var line in new[] { "var adhoc = platform.Add(new Trino(\"adhoc\"));", "platform.Wire(superset).To<ISqlEngine>(adhoc);", "platform.Wire(orchestrator).To<ISqlEngine>(trino);" })
        {
            Assert.Contains(line, platform, StringComparison.Ordinal);
            Assert.Contains(line, docs, StringComparison.Ordinal);
        }
        Assert.Contains(TwoTrinoPlatform.AdhocSection.TrimEnd('\n'), docs, StringComparison.Ordinal);
    }
}
