using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Model.Secrets;
using Lakehouse.Model.Workspaces;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Workspaces;

/// <summary>
/// What components hand a workspace (ComponentSpec.WorkspaceManifests) and the Secrets they declare in its namespace
/// are rendered in the workspace's own Application and folder, after the secret store's sync wave when they carry
/// ExternalSecrets; an object handed to a namespace that is no workspace's is LH0185 at the component's line.
/// </summary>
public sealed class WorkspaceHandedObjectsTests
{
    private const string File = "tests/Lakehouse.Tests/Workspaces/WorkspaceHandedObjectsTests.cs";

    /// <summary>A component handing one ConfigMap to namespace <see cref="To"/> and, with <see cref="DeclareSecret"/>, a Secret there.</summary>
    private sealed record Handing(string Name) : Component(Name)
    {
        public string To { get; init; } = "lakehouse-team";

        public bool DeclareSecret { get; init; }

        public override ComponentSpec Describe(ComponentContext context)
        {
            var ns = context.NamespaceOf(this);
            if (DeclareSecret)
            {
                context.Secrets.DeclareIn(To, "team-token", "token", SecretSource.Generate("team-token"));
            }
            return new ComponentSpec
            {
                Namespace = ns,
                Chart = new HelmChart("https://charts.example.com/", Name, "1.0.0"),
                Values = new JsonObject { ["metrics"] = new JsonObject { ["enabled"] = true }, ["probes"] = new JsonObject { ["enabled"] = true } },
                Manifests = [StandardObjects.Namespace(ns, context.Naming.Platform)],
                WorkspaceManifests =
                [
                    ManifestObject.FromJson(new JsonObject
                    {
                        ["apiVersion"] = "v1",
                        ["kind"] = "ConfigMap",
                        ["metadata"] = new JsonObject { ["name"] = "handed", ["namespace"] = To },
                        ["data"] = new JsonObject { ["setting"] = "value" },
                    }),
                ],
                Metrics = new ChartMonitor("metrics.enabled"),
                Probes = new ChartProbes("probes.enabled"),
            };
        }
    }

    private static RenderOutcome Render(Handing handing, int line) =>
        RenderPipeline.Render(new TestPlatform((p, _) =>
        {
            p.Add(new ExternalSecretsOperator("external-secrets"), File, line);
            p.Add(handing, File, line);
            p.AddWorkspace(new Workspace("team"));
        }), Fixtures.ReferenceEnvironments.Take(1).ToList());

    [Fact]
    public void A_handed_object_and_a_Secret_declared_in_a_workspace_s_namespace_render_in_the_workspace_s_folder()
    {
        var outcome = Render(new Handing("app") { DeclareSecret = true }, Fixtures.Line());
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        var files = outcome.Tree!.Files;
        Assert.Contains("gitops/dev/apps/team/configmap-handed.yaml", files.Keys);
        Assert.Contains("gitops/dev/apps/team/externalsecret-team-token.yaml", files.Keys);
        Assert.DoesNotContain(files.Keys, f => f.StartsWith("gitops/dev/apps/app/configmap-handed", StringComparison.Ordinal));
        var kustomization = YamlFiles.Read(files["gitops/dev/apps/team/kustomization.yaml"])!["resources"]!.AsArray().Select(r => (string?)r).ToList();
        Assert.Contains("configmap-handed.yaml", kustomization);
        Assert.Contains("externalsecret-team-token.yaml", kustomization);
        // The ExternalSecret's CRD comes with the secret store's Application (wave 0): the workspace's syncs after it.
        Assert.Equal("1", (string?)YamlFiles.Read(files["gitops/dev/cluster/application-lakehouse-dev-team.yaml"])!["metadata"]!["annotations"]!["argocd.argoproj.io/sync-wave"]);
    }

    [Fact]
    public void Without_an_ExternalSecret_the_workspace_syncs_in_wave_0()
    {
        var outcome = Render(new Handing("app"), Fixtures.Line());
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        Assert.Equal("0", (string?)YamlFiles.Read(outcome.Tree!.Files["gitops/dev/cluster/application-lakehouse-dev-team.yaml"])!["metadata"]!["annotations"]!["argocd.argoproj.io/sync-wave"]);
    }

    [Fact]
    public void An_object_handed_to_a_namespace_that_is_no_workspace_s_is_LH0185_at_the_component()
    {
        var line = Fixtures.Line();
        var outcome = Render(new Handing("app") { To = "lakehouse-nowhere" }, line);
        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.Tree);
        Assert.Contains($"{File}({line},1): error LH0185: component 'app' in environment 'dev' hands ConfigMap 'handed' to namespace 'lakehouse-nowhere', which is no workspace's (workspaces: lakehouse-team); put it in its own Manifests or in a workspace's namespace",
            outcome.Diagnostics.Select(d => d.ToString()));
    }
}
