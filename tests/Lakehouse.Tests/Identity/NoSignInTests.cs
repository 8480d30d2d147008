using Lakehouse.Tests.Hydration;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Identity;

/// <summary>
/// What cannot sign in at the provider, and why (docs/identity.md, "What is not possible"): each claim checked
/// against the chart or the rendered tree.
/// </summary>
public class NoSignInTests
{
    [Fact]
    public async Task Mlflows_oidc_app_would_sign_sessions_with_a_key_the_chart_takes_only_as_a_value()
    {
        var hydration = await HydrationTests.Hydrated("dev");
        var app = hydration.Applications.Single(a => a.Application.Component == "mlflow");
        // The chart's OIDC app, as it would be switched on: its session key is the chart's own Secret...
        var (output, error) = await Hydrator.Template(HelmTool.Require(), app.Application, hydration.ApiVersions,
            ["--set", "oidcAuth.enabled=true", "--set", "oidcAuth.discoveryUrl=https://login.example.com/realms/lakehouse/.well-known/openid-configuration",
             "--set", "oidcAuth.clientId=lakehouse-dev-mlflow", "--set", "oidcAuth.existingSecret.name=mlflow-oidc"]);
        Assert.True(error is null, error);
        var objects = Manifest.Parse(app.Application, "helm", output!);
        var server = HydratedConfig.Containers(HydratedConfig.Single(objects, "Deployment", "mlflow")).First();
        Assert.Equal(("mlflow-flask-server-secret-key", "MLFLOW_FLASK_SERVER_SECRET_KEY"), HydratedConfig.SecretEnv(server, "SECRET_KEY"));
        // ...which it renders from the value flaskServerSecretKey (here the platform's "unused" marker), so a real key would be in Git.
        var secret = HydratedConfig.Single(objects, "Secret", "mlflow-flask-server-secret-key");
        var key = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)secret.Body["data"]!["MLFLOW_FLASK_SERVER_SECRET_KEY"]!));
        Assert.StartsWith("unused:", key, StringComparison.Ordinal);
        // The committed MLflow has its auth apps off.
        Assert.DoesNotContain(HydratedConfig.Containers(HydratedConfig.Single(app.Objects, "Deployment", "mlflow")).First()["args"]?.AsArray() ?? [],
            a => ((string?)a)?.StartsWith("--app-name", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Marquez_and_dagster_are_reachable_only_as_their_network_policies_allow()
    {
        // Marquez: its clients (the orchestrator, Spark) and the workspaces (their jobs' lineage, docs/workspaces.md) on the
        // API and web ports, the monitoring stack on the admin port.
        var marquez = YamlFiles.Read(Render.ReferenceTree.Files["gitops/dev/apps/lineage/networkpolicy-default-ingress.yaml"])!;
        var sources = marquez["spec"]!["ingress"]!.AsArray()
            .SelectMany(r => r!["from"]!.AsArray())
            .Select(f => (string?)f!["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"] ?? "(own namespace)")
            .ToHashSet(StringComparer.Ordinal);
        Assert.Subset(new HashSet<string>(["(own namespace)", "lakehouse-analytics", "lakehouse-data-science", "lakehouse-orchestrator", "lakehouse-spark", "monitoring"], StringComparer.Ordinal), sources);
        // Dagster (staging): its own namespace only.
        var dagster = YamlFiles.Read(Render.ReferenceTree.Files["gitops/staging/apps/orchestrator/networkpolicy-default-ingress.yaml"])!;
        var from = Assert.Single(Assert.Single(dagster["spec"]!["ingress"]!.AsArray())!["from"]!.AsArray())!;
        Assert.Equal("{}", from["podSelector"]!.ToJsonString());
        Assert.Null(from["namespaceSelector"]);
        // Neither gets a sign-in of any kind, nor a client at the provider.
        Assert.DoesNotContain("oidc", Render.ReferenceTree.Files["gitops/staging/apps/orchestrator/values.yaml"], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("oidc", Render.ReferenceTree.Files["gitops/dev/apps/lineage/values.yaml"], StringComparison.OrdinalIgnoreCase);
    }
}
