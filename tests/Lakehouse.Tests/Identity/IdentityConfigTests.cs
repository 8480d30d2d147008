using Lakehouse.Definitions;
using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Model.Identity;
using Lakehouse.Model.Workspaces;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Identity;

/// <summary>
/// The identity provider is env/'s choice (identity:): its section is checked at its line, it is referenced (never
/// deployed), and without it every UI keeps its local users.
/// </summary>
public class IdentityConfigTests
{
    private static string ProdWith(string replacement)
    {
        var text = Render.EnvironmentText("prod");
        Assert.Contains("    issuer: https://login.example.com/realms/lakehouse\n", text, StringComparison.Ordinal);
        return text.Replace("    issuer: https://login.example.com/realms/lakehouse\n", replacement, StringComparison.Ordinal);
    }

    private static string ProdWithoutIdentity()
    {
        var text = Render.EnvironmentText("prod");
        var at = text.IndexOf("# Single sign-on", StringComparison.Ordinal);
        Assert.True(at > 0);
        return text[..at];
    }

    [Fact]
    public void An_ip_address_as_issuer_is_LH0001_at_its_line()
    {
        var text = ProdWith("    issuer: https://10.20.0.5/realms/lakehouse\n");
        var line = text.Split('\n').ToList().FindIndex(l => l.Contains("10.20.0.5", StringComparison.Ordinal)) + 1;
        Assert.Contains(Render.EnvironmentDiagnostics("prod", text).Select(d => d.ToString()),
            d => d.StartsWith($"env/prod.yaml({line},13): error LH0001: identity.external.issuer: '10.20.0.5' is an IP address", StringComparison.Ordinal));
    }

    [Fact]
    public void A_plain_http_issuer_is_refused_at_its_line()
    {
        var text = ProdWith("    issuer: http://login.example.com/realms/lakehouse\n");
        var diagnostic = Assert.Single(Render.EnvironmentDiagnostics("prod", text));
        Assert.Equal("LH0005", diagnostic.Rule.Id);
        Assert.Contains("identity.external.issuer", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_external_backend_without_its_section_is_LH0005_at_the_backends_value()
    {
        var text = ProdWithoutIdentity() + "identity:\n  backend: external\n";
        var missing = Assert.Single(Render.EnvironmentDiagnostics("prod", text));
        Assert.Equal("LH0005", missing.Rule.Id);
        Assert.Equal(text.Split('\n').ToList().IndexOf("  backend: external") + 1, missing.Location.Line);
        Assert.Contains("identity.backend is 'external' but the identity.external section is missing", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_provider_is_referenced_never_deployed_and_listed_where_reviewers_read_the_tree()
    {
        foreach (var env in new[] { "staging", "prod", "aws" })
        {
            var environment = Render.Reference.Platform!.Environments.Single(e => e.Name == env);
            Assert.DoesNotContain(environment.Components, c => c.Name == "identity");
            Assert.IsType<ExternalIdentityProvider>(Assert.Single(environment.External, p => p.Component.Name == "identity").Component);
            Assert.Contains("# Referenced, not deployed: identity (OpenID Connect identity provider run outside the platform)",
                Render.ReferenceTree.Files[$"gitops/{env}/cluster/kustomization.yaml"], StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("argocd")]
    [InlineData("monitoring")]
    [InlineData("superset")]
    [InlineData("trino")]
    [InlineData("orchestrator")]
    public void Each_client_may_reach_the_providers_port_and_says_so(string component)
    {
        var policy = YamlFiles.Read(Render.ReferenceTree.Files[$"gitops/prod/apps/{component}/networkpolicy-default-egress.yaml"])!;
        Assert.Contains("identity (external, port 443)", (string)policy["metadata"]!["annotations"]!["lakehouse.io/connects-to"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_identity_section_every_ui_keeps_its_local_users()
    {
        // dev has none; prod without its section renders the same way.
        Assert.DoesNotContain("identity:", Render.EnvironmentText("dev"), StringComparison.Ordinal);
        var outcome = RenderPipeline.Render(new LakehousePlatform(), [Render.Environment("prod", ProdWithoutIdentity())]);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        foreach (var env in outcome.Platform!.Environments.Append(Render.Reference.Platform!.Environments.Single(e => e.Name == "dev")))
        {
            AssertLocalUsers(env);
        }
    }

    private static void AssertLocalUsers(EnvironmentRender env)
    {
        Assert.DoesNotContain(env.External, p => p.Component.Name == "identity");
        var spec = (string c) => env.Components.Single(x => x.Name == c).Spec.Values;
        Assert.Null(spec("argocd")["configs"]!["cm"]!["oidc.config"]);
        Assert.Null(spec("argocd")["configs"]!["rbac"]);
        Assert.Null(spec("monitoring")["grafana"]!["grafana.ini"]);
        Assert.Equal("PASSWORD", (string?)spec("trino")["server"]!["config"]!["authenticationType"]);
        Assert.Null(spec("superset")["configOverrides"]!["oidc"]);
        Assert.Null(spec("orchestrator")["apiServer"]!["apiServerConfig"]);
        // Audit does not depend on sign-in.
        Assert.Contains("http-server.log.path=", (string)spec("trino")["server"]!["coordinatorExtraConfig"]!, StringComparison.Ordinal);
        Assert.NotNull(spec("superset")["configOverrides"]!["audit"]);
    }

    [Fact]
    public void The_groups_are_the_workspace_groups_of_the_one_naming_rule_and_the_platform_admins()
    {
        var naming = new Naming("lakehouse", "dev");
        var groups = IdentityGroups.For(naming, ["data-science", "analytics", "analytics"]);
        Assert.Equal(["analytics", "data-science"], groups.Workspaces);
        Assert.Equal(naming.PlatformAdminGroup, groups.PlatformAdmin);
        Assert.Equal(10, groups.Members.Count);
        Assert.All(groups.Members, m => Assert.Equal(naming.WorkspaceGroup(m.Workspace, m.Role), m.Group));
        Assert.Contains(groups.Members, m => m.Group == "lakehouse-data-science-service" && m.Role == WorkspaceRole.Service);
        // A workspace name that is no DNS label yields no group name: the naming rule refuses it.
        Assert.Throws<ArgumentException>(() => IdentityGroups.For(naming, ["Analytics"]));
    }

    [Fact]
    public void An_external_component_takes_no_sync_wave_of_its_own()
    {
        int Wave(string env, string component) => Render.Reference.Platform!.Environments.Single(e => e.Name == env).Components.Single(c => c.Name == component).Wave;
        // The identity provider (every environment) and S3 and Glue (aws) sync nothing: monitoring stays first,
        // and aws's Trino, which needs only those and monitoring, follows monitoring directly.
        Assert.Equal(Wave("prod", "external-secrets") + 1, Wave("prod", "monitoring"));
        Assert.Equal(Wave("aws", "monitoring") + 1, Wave("aws", "trino"));
        // staging's JDBC catalog is reached through PostgreSQL: Trino follows PostgreSQL directly.
        Assert.Equal(Wave("staging", "postgres") + 1, Wave("staging", "trino"));
    }
}
