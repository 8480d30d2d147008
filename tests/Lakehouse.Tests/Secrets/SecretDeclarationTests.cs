using System.Text.Json.Nodes;
using Lakehouse.Definitions;
using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Model.Secrets;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Secrets;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Secrets;

/// <summary>
/// Secrets as declarations (docs/secrets.md): every SecretRef a component reads is declared beside it (LH0160), one
/// source per key (LH0161), in a deployed namespace (LH0162), following declared keys (LH0163), delivered by the
/// secret store component (LH0164); one password's source changes every Secret embedding it; LH0002 scans the
/// rendered ExternalSecrets.
/// </summary>
public sealed class SecretDeclarationTests
{
    private const string File = "tests/Lakehouse.Tests/Secrets/SecretDeclarationTests.cs";

    /// <summary>A component reading one Secret key through an environment variable, declared or not by <see cref="Declare"/>.</summary>
    private sealed record Reader(string Name) : Component(Name)
    {
        public Func<ComponentContext, SecretRef>? Declare { get; init; }

        public override ComponentSpec Describe(ComponentContext context)
        {
            var ns = context.NamespaceOf(this);
            var token = Declare?.Invoke(context) ?? new SecretRef(context.Naming.Secret(Name, "token"), "token");
            return new ComponentSpec
            {
                Namespace = ns,
                Chart = new HelmChart("https://charts.example.com/", Name, "1.0.0"),
                Values = new JsonObject
                {
                    ["metrics"] = new JsonObject { ["enabled"] = true },
                    ["probes"] = new JsonObject { ["enabled"] = true },
                    ["env"] = Values.List(Values.SecretEnv("TOKEN", token)),
                },
                Manifests = [StandardObjects.Namespace(ns, context.Naming.Platform)],
                Metrics = new ChartMonitor("metrics.enabled"),
                Probes = new ChartProbes("probes.enabled"),
            };
        }
    }

    private static IReadOnlyList<string> Errors(params (Component Component, int Line)[] components)
    {
        var platform = new TestPlatform((p, _) =>
        {
            foreach (var (component, line) in components)
            {
                p.Add(component, File, line);
            }
        });
        var outcome = RenderPipeline.Render(platform, Fixtures.ReferenceEnvironments.Take(1).ToList());
        return outcome.Diagnostics.Select(d => d.ToString()).ToList();
    }

    private static readonly ExternalSecretsOperator Store = new("external-secrets");

    [Fact]
    public void A_SecretRef_read_without_a_declaration_is_LH0160_at_the_component()
    {
        var line = Fixtures.Line();
        var errors = Errors((Store, line), (new Reader("app"), line));
        Assert.Equal(
            $"{File}({line},1): error LH0160: component 'app' in environment 'dev' reads secret app-token/token in namespace 'lakehouse-app', which no component declares; declare it beside the SecretRef: context.Secrets.Declare(\"app-token\", \"token\", SecretSource.Store(...) or .Generate(...) or .Template(...))",
            Assert.Single(errors));
    }

    [Fact]
    public void A_declared_SecretRef_renders_an_ExternalSecret_and_no_error()
    {
        var line = Fixtures.Line();
        var reader = new Reader("app") { Declare = c => c.Secrets.Declare(c.Naming.Secret("app", "token"), "token", SecretSource.Generate("app-token")) };
        var platform = new TestPlatform((p, _) => { p.Add(Store, File, line); p.Add(reader, File, line); });
        var outcome = RenderPipeline.Render(platform, Fixtures.ReferenceEnvironments.Take(1).ToList());
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        var external = outcome.Tree!.Files["gitops/dev/apps/app/externalsecret-app-token.yaml"];
        Assert.Contains("token: \"{{ .generated_app_token }}\"", external, StringComparison.Ordinal);
        Assert.Contains("name: lakehouse-generated", external, StringComparison.Ordinal);
        // The value is generated once, in the operator's namespace.
        Assert.Contains("gitops/dev/apps/external-secrets/externalsecret-app-token.yaml", outcome.Tree.Files.Keys);
    }

    [Fact]
    public void Two_sources_for_one_key_is_LH0161()
    {
        var line = Fixtures.Line();
        var a = new Reader("app") { Declare = c => c.Secrets.Declare("app-token", "token", SecretSource.Generate("app-token")) };
        var b = new Reader("other") { Declare = c => { c.Secrets.DeclareIn("lakehouse-app", "app-token", "token", SecretSource.Store("app-token", "token", "a token")); return c.Secrets.Declare("other-token", "token", SecretSource.Generate("other-token")); } };
        Assert.Contains(Errors((Store, line), (a, line), (b, line)), e => e.Contains("error LH0161: component 'other' in environment 'dev' declares secret lakehouse-app/app-token key 'token' from the store entry 'app-token' property 'token', but component 'app' declared it from the generated value 'app-token'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_declaration_in_a_namespace_no_component_deploys_is_LH0162()
    {
        var line = Fixtures.Line();
        var a = new Reader("app") { Declare = c => { c.Secrets.DeclareIn("lakehouse-nowhere", "x", "y", SecretSource.Generate("x")); return c.Secrets.Declare("app-token", "token", SecretSource.Generate("app-token")); } };
        Assert.Contains(Errors((Store, line), (a, line)), e => e.EndsWith("error LH0162: component 'app' in environment 'dev' declares secret lakehouse-nowhere/x, but no component of the platform deploys namespace 'lakehouse-nowhere'", StringComparison.Ordinal));
    }

    [Fact]
    public void Following_an_undeclared_key_or_a_template_inside_a_template_is_LH0163()
    {
        var line = Fixtures.Line();
        var follows = new Reader("app") { Declare = c => c.Secrets.Declare("app-token", "token", SecretSource.SameAs(new SecretRef("app-missing", "password"))) };
        Assert.Contains(Errors((Store, line), (follows, line)), e => e.EndsWith("error LH0163: component 'app' in environment 'dev' declares secret lakehouse-app/app-token key 'token': it follows secret app-missing/password, which is not declared in namespace 'lakehouse-app'", StringComparison.Ordinal));
        var nested = new Reader("app")
        {
            Declare = c =>
            {
                var inner = c.Secrets.Declare("app-inner", "url", SecretSource.Template("x:{{ .p }}", ("p", SecretSource.Generate("app-p"))));
                return c.Secrets.Declare("app-token", "token", SecretSource.Template("y:{{ .u }}", ("u", SecretSource.SameAs(inner))));
            },
        };
        Assert.Contains(Errors((Store, line), (nested, line)), e => e.Contains("error LH0163", StringComparison.Ordinal) && e.Contains("template input 'u' is itself a template", StringComparison.Ordinal));
    }

    [Fact]
    public void Declared_secrets_without_the_secret_store_component_are_LH0164()
    {
        var line = Fixtures.Line();
        var a = new Reader("app") { Declare = c => c.Secrets.Declare("app-token", "token", SecretSource.Generate("app-token")) };
        Assert.Contains(Errors((a, line)), e => e == $"{File}({line},1): error LH0164: the platform in environment 'dev' declares 1 Secrets but has no secret store component; add the External Secrets Operator: platform.Add(new ExternalSecretsOperator(\"external-secrets\"))");
    }

    [Fact]
    public void A_literal_password_in_a_declaration_is_LH0002_in_the_rendered_ExternalSecret()
    {
        var line = Fixtures.Line();
        var plain = new Reader("app") { Declare = c => c.Secrets.Declare("app-token", "password", SecretSource.Plain("hunter2")) };
        Assert.Contains(Errors((Store, line), (plain, line)), e => e.EndsWith("error LH0002: component 'app' in environment 'dev': 'ExternalSecret/app-token.spec.target.template.data.password' sets a credential literally; use a SecretRef", StringComparison.Ordinal));
        var url = new Reader("app") { Declare = c => c.Secrets.Declare("app-token", "url", SecretSource.Template("postgresql://app:hunter2@db.example.com:5432/{{ .db }}", ("db", SecretSource.Generate("app-db")))) };
        Assert.Contains(Errors((Store, line), (url, line)), e => e.Contains("error LH0002", StringComparison.Ordinal) && e.Contains("credentials embedded in a URL", StringComparison.Ordinal));
        var beside = new Reader("app") { Declare = c => c.Secrets.Declare("app-token", "password", SecretSource.Template("hunter2{{ .p }}", ("p", SecretSource.Generate("app-p")))) };
        Assert.Contains(Errors((Store, line), (beside, line)), e => e.Contains("error LH0002", StringComparison.Ordinal) && e.Contains("sets a credential literally", StringComparison.Ordinal));
    }

    [Fact]
    public void The_rendered_templates_of_the_reference_platform_read_every_secret_value_through_a_variable()
    {
        var externalSecrets = Render.ReferenceTree.Files.Where(f => f.Key.Contains("/externalsecret-", StringComparison.Ordinal)).ToList();
        Assert.True(externalSecrets.Count > 100, $"{externalSecrets.Count} ExternalSecrets");
        // Every stored or generated value reaches a template through data[].secretKey; LH0002 passed over all of them.
        Assert.True(Render.Reference.Succeeded);
        Assert.All(externalSecrets, f => Assert.DoesNotContain("hunter", f.Value, StringComparison.Ordinal));
    }

    /// <summary>The reference platform with one consumer role's password taken from the store instead of generated.</summary>
    private sealed class OrchestratorPasswordInStore : IPlatformDefinition
    {
        public string Name => new LakehousePlatform().Name;

        public void Define(PlatformBuilder platform, EnvironmentConfig env)
        {
            var reference = new PlatformBuilder();
            new LakehousePlatform().Define(reference, env);
            foreach (var placed in reference.Build())
            {
                var component = placed.Component is PostgresCluster postgres
                    ? postgres with { RolePasswords = new Dictionary<string, SecretSource> { ["orchestrator"] = SecretSource.Store("orchestrator-role", "password", "the orchestrator's PostgreSQL password") } }
                    : placed.Component;
                platform.Add(component, placed.Location.Path, placed.Location.Line);
            }
        }
    }

    [Fact]
    public void Changing_one_password_source_changes_every_Secret_that_embeds_it()
    {
        var dev = Fixtures.ReferenceEnvironments.Take(1).ToList();
        var before = RenderPipeline.Render(new LakehousePlatform(), dev);
        var after = RenderPipeline.Render(new OrchestratorPasswordInStore(), dev);
        Assert.True(after.Succeeded, string.Join("\n", after.Diagnostics));
        const string generated = "generated_postgres_role_orchestrator";
        const string stored = "store_orchestrator_role_password";
        var embedding = before.Tree!.Files.Where(f => f.Value.Contains(generated, StringComparison.Ordinal)).Select(f => f.Key).Order().ToList();
        // The role (CloudNativePG sets it), the orchestrator's database Secret and its metadata connection string.
        Assert.Equal(
            ["gitops/dev/apps/orchestrator/externalsecret-orchestrator-database.yaml", "gitops/dev/apps/orchestrator/externalsecret-orchestrator-metadata.yaml", "gitops/dev/apps/postgres/externalsecret-postgres-role-orchestrator.yaml"],
            embedding);
        foreach (var file in embedding)
        {
            Assert.DoesNotContain(generated, after.Tree!.Files[file], StringComparison.Ordinal);
            Assert.Contains(stored, after.Tree.Files[file], StringComparison.Ordinal);
        }
        Assert.Contains("connection: postgresql://orchestrator:{{ .store_orchestrator_role_password | urlquery }}@", after.Tree!.Files["gitops/dev/apps/orchestrator/externalsecret-orchestrator-metadata.yaml"], StringComparison.Ordinal);
        // Nothing embeds the generated value any more, so it is no longer generated; the store list names the entry.
        Assert.DoesNotContain(after.Tree.Files, f => f.Value.Contains(generated, StringComparison.Ordinal));
        Assert.DoesNotContain("gitops/dev/apps/external-secrets/externalsecret-postgres-role-orchestrator.yaml", after.Tree.Files.Keys);
        Assert.Contains("| `orchestrator-role` | `password` |", after.Tree.Files[SecretsDocument.For("dev")], StringComparison.Ordinal);
    }

    [Fact]
    public void The_JDBC_catalog_password_reaches_the_role_the_clients_and_the_pgpass_file_from_one_value()
    {
        var staging = Render.ReferenceTree.Files.Where(f => f.Key.StartsWith("gitops/staging/", StringComparison.Ordinal)
            && f.Value.Contains("generated_postgres_role_iceberg_catalog", StringComparison.Ordinal)).Select(f => f.Key).Order().ToList();
        Assert.Contains("gitops/staging/apps/postgres/externalsecret-postgres-role-iceberg-catalog.yaml", staging);
        Assert.Contains("gitops/staging/apps/trino/externalsecret-trino-catalog-database.yaml", staging);
        Assert.Contains("gitops/staging/apps/spark/externalsecret-spark-catalog-pgpass.yaml", staging);
    }

    [Fact]
    public void docs_secrets_lists_per_environment_only_what_an_operator_puts_into_the_store()
    {
        var dev = Render.ReferenceTree.Files[SecretsDocument.For("dev")];
        Assert.Contains("| `trino-tls` | `keystore.pem` |", dev, StringComparison.Ordinal);
        Assert.DoesNotContain("postgres-role", dev, StringComparison.Ordinal);
        var prod = Render.ReferenceTree.Files[SecretsDocument.For("prod")];
        Assert.Contains("| `lakehouse/prod/trino-tls` | `keystore.pem` |", prod, StringComparison.Ordinal);
        foreach (var environment in Render.Reference.Platform!.Environments)
        {
            Assert.Equal(environment.Secrets.Store.Count, Render.ReferenceTree.Files[SecretsDocument.For(environment.Name)].Split('\n').Count(l => l.StartsWith("| `", StringComparison.Ordinal)));
            Assert.All(environment.Secrets.Store, e => Assert.All(e.EmbeddedIn, s => Assert.True(environment.Secrets.Declares(s.Split('/')[0], s.Split('/')[1]))));
        }
    }
}
