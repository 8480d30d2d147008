using Lakehouse.Definitions;
using Lakehouse.Model;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Workspaces;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Workspaces;

/// <summary>Bad workspace input fails at its definition line or env/ key, with its LH id (LH0140-LH0143), and renders nothing.</summary>
public sealed class WorkspaceDiagnosticsTests
{
    /// <summary>The shipped platform with further workspaces added by the test (at the test's own lines).</summary>
    private sealed class WithWorkspaces(Action<PlatformBuilder> add) : IPlatformDefinition
    {
        public string Name => "lakehouse";

        public void Define(PlatformBuilder platform, EnvironmentConfig env)
        {
            new LakehousePlatform().Define(platform, env);
            add(platform);
        }
    }

    private static EnvironmentConfig Dev(string? text = null) => Render.Environment("dev", text ?? Render.EnvironmentText("dev"));

    /// <summary>prod: an environment with a workspaces section.</summary>
    private static EnvironmentConfig Prod(string text) => Render.Environment("prod", text);

    private static IReadOnlyList<string> Errors(IPlatformDefinition platform, EnvironmentConfig? env = null)
    {
        var outcome = RenderPipeline.Render(platform, [env ?? Dev()]);
        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.Tree);
        return outcome.Diagnostics.Select(d => d.ToString()).ToList();
    }

    private const string File = "Workspaces/WorkspaceDiagnosticsTests.cs";

    [Fact]
    public void A_workspace_added_twice_is_LH0140_at_the_second_line()
    {
        var line = 0;
        var errors = Errors(new WithWorkspaces(p =>
        {
            line = Fixtures.Line() + 1;
            p.AddWorkspace(new Workspace("analytics"));
        }));
        Assert.Contains(errors, e => e.Contains($"{File}({line},1): error LH0140: workspace 'analytics' is added twice; each workspace is added once", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Analytics", "workspace 'Analytics' is not a DNS-1123 label (lower case, digits, '-', at most 63 characters)")]
    [InlineData("a-workspace-name-long-enough-to-overflow-a-label-x", "workspace 'a-workspace-name-long-enough-to-overflow-a-label-x' is too long: derived name 'lakehouse-dev-a-workspace-name-long-enough-to-overflow-a-label-x-workspace' is not a DNS-1123 label (lower case, digits, '-', at most 63 characters)")]
    public void A_workspace_name_that_is_no_label_or_too_long_is_LH0140(string name, string message)
    {
        var errors = Errors(new WithWorkspaces(p => p.AddWorkspace(new Workspace(name))));
        Assert.Contains(errors, e => e.EndsWith($"error LH0140: {message}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_workspace_named_like_a_component_or_a_bucket_is_LH0141()
    {
        var lines = new int[2];
        var errors = Errors(new WithWorkspaces(p =>
        {
            lines[0] = Fixtures.Line() + 1;
            p.AddWorkspace(new Workspace("trino"));
            lines[1] = Fixtures.Line() + 1;
            p.AddWorkspace(new Workspace("warehouse"));
        }));
        Assert.Contains(errors, e => e.Contains($"{File}({lines[0]},1): error LH0141: workspace 'trino' has the name of a component: both would own namespace 'lakehouse-trino', Application 'lakehouse-dev-trino' and folder apps/trino; rename the workspace", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains($"{File}({lines[1]},1): error LH0141: workspace 'warehouse' has the name of bucket 'warehouse' declared on object store 'object-storage': both would be bucket 'lakehouse-dev-warehouse'; rename the workspace", StringComparison.Ordinal));
    }

    [Fact]
    public void A_workspace_named_like_the_platform_s_glue_database_is_LH0141_on_aws()
    {
        var line = 0;
        var platform = new WithWorkspaces(p =>
        {
            line = Fixtures.Line() + 1;
            p.AddWorkspace(new Workspace("lakehouse"));
        });
        var errors = Errors(platform, Render.Environment("aws", Render.EnvironmentText("aws")));
        Assert.Contains(errors, e => e.Contains($"{File}({line},1): error LH0141: workspace 'lakehouse' has the name of the platform's Glue database 'lakehouse': both would be that database in the account's catalog; rename the workspace", StringComparison.Ordinal));
        // Without Glue (dev: Polaris) the same workspace has no database to clash with.
        Assert.True(RenderPipeline.Render(platform, [Dev()]).Succeeded);
    }

    [Fact]
    public void A_workspaces_section_of_no_workspace_is_LH0142_at_its_key_with_a_suggestion()
    {
        var text = Render.EnvironmentText("prod").Replace("\n  analytics:\n", "\n  analytic:\n", StringComparison.Ordinal);
        var line = 1 + text[..text.IndexOf("\n  analytic:\n", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        var errors = Errors(new LakehousePlatform(), Prod(text));
        Assert.Equal($"env/prod.yaml({line},3): error LH0142: workspaces.analytic: the platform has no workspace 'analytic'; did you mean 'analytics'?", Assert.Single(errors));
    }

    [Fact]
    public void A_platform_without_workspaces_does_not_read_the_section()
    {
        var outcome = RenderPipeline.Render(new Lakehouse.Tests.Instances.TwoTrinoPlatform(), [Prod(Render.EnvironmentText("prod"))]);
        Assert.DoesNotContain(outcome.Diagnostics, d => d.Rule.Id == "LH0142");
    }

    [Fact]
    public void A_default_container_larger_than_the_quota_is_LH0143()
    {
        var text = Render.EnvironmentText("prod").Replace("    container:\n      cpu: \"1\"\n      memory: 4Gi\n", "    container:\n      cpu: \"17\"\n      memory: 65Gi\n", StringComparison.Ordinal);
        var line = 1 + text[..text.IndexOf("\n  data-science:\n", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        var errors = Errors(new LakehousePlatform(), Prod(text));
        Assert.Equal(
            [
                $"env/prod.yaml({line},3): error LH0143: workspaces.data-science.container.cpu: 17 is more than the workspace's whole quota cpu 16; no container could start",
                $"env/prod.yaml({line},3): error LH0143: workspaces.data-science.container.memory: 65Gi is more than the workspace's whole quota memory 64Gi; no container could start",
            ], errors);
    }

    [Theory]
    [InlineData("    cpu: \"8\"\n    memory: 32Gi\n", "    cpu: two\n    memory: 32Gi\n", "workspaces.analytics.cpu")]
    [InlineData("    memory: 32Gi\n", "    memory: 32GB\n", "workspaces.analytics.memory")]
    [InlineData("    pods: 50\n", "    pods: 0\n", "workspaces.analytics.pods")]
    public void A_quota_that_does_not_parse_is_LH0005_at_its_value(string from, string to, string key)
    {
        var text = Render.EnvironmentText("prod");
        var at = text.IndexOf("\n  analytics:\n", StringComparison.Ordinal);
        var edited = text[..at] + text[at..].Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(text, edited);
        Assert.Contains(Render.EnvironmentDiagnostics("prod", edited), d => d.Rule.Id == "LH0005" && d.Message.StartsWith(key, StringComparison.Ordinal));
    }
}
