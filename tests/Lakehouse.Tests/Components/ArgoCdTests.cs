using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Components;

/// <summary>Argo CD as a component: adoption of the running Argo CD, the Application health check, HA, metrics.</summary>
public class ArgoCdTests
{
    private static ComponentSpec Spec(string env) =>
        Render.Spec(env, "argocd");

    [Fact]
    public void Argocd_cm_carries_the_application_health_check_so_waves_between_applications_are_honoured()
    {
        var cm = Spec("dev").Values["configs"]!["cm"]!.AsObject();
        var lua = (string?)cm["resource.customizations.health.argoproj.io_Application"];
        Assert.NotNull(lua);
        Assert.Contains("obj.status.health.status", lua);
        Assert.Contains("hs.status = \"Progressing\"", lua);
        Assert.EndsWith("return hs\n", lua);
        // The rendered values file keeps the dotted key as one key, not a nested path.
        var values = YamlFiles.Read(Render.ReferenceTree.Files["gitops/prod/apps/argocd/values.yaml"])!;
        Assert.Equal(lua, (string?)values["configs"]!["cm"]!["resource.customizations.health.argoproj.io_Application"]);
    }

    [Fact]
    public void Argo_cd_runs_in_the_gitops_namespace_under_the_release_name_it_was_installed_with()
    {
        foreach (var env in Render.Reference.Platform!.Environments)
        {
            var spec = env.Components.Single(c => c.Name == "argocd").Spec;
            Assert.Equal(env.Config.GitOps.ArgoCdNamespace, spec.Namespace);
            Assert.Equal("argocd", env.Naming.Release("argocd"));
            Assert.Equal(new HelmChart("https://argoproj.github.io/argo-helm", "argo-cd", "10.1.1"), spec.Chart);
            Assert.True((bool)spec.Values["crds"]!["keep"]!);
        }
        var app = YamlFiles.Read(Render.ReferenceTree.Files["gitops/prod/cluster/application-lakehouse-prod-argocd.yaml"])!;
        Assert.Equal("argocd", (string?)app["spec"]!["sources"]![0]!["helm"]!["releaseName"]);
    }

    [Fact]
    public void High_availability_follows_the_environment()
    {
        var dev = Spec("dev").Values;
        var prod = Spec("prod").Values;
        Assert.False((bool)dev["redis-ha"]!["enabled"]!);
        Assert.Equal(1, (long)dev["server"]!["replicas"]!);
        Assert.True((bool)prod["redis-ha"]!["enabled"]!);
        foreach (var part in new[] { "server", "repoServer", "applicationSet" })
        {
            Assert.Equal(2, (long)prod[part]!["replicas"]!);
            Assert.True((bool)prod[part]!["pdb"]!["enabled"]!);
        }
    }

    [Fact]
    public void Controller_server_and_repo_server_expose_metrics_with_service_monitors_prometheus_selects()
    {
        var values = Spec("staging").Values;
        var labels = Render.Reference.Platform!.Environments.Single(e => e.Name == "staging").Config.Monitoring.MonitorLabels;
        foreach (var part in new[] { "controller", "server", "repoServer" })
        {
            var metrics = values[part]!["metrics"]!;
            Assert.True((bool)metrics["enabled"]!);
            Assert.True((bool)metrics["serviceMonitor"]!["enabled"]!);
            var additional = metrics["serviceMonitor"]!["additionalLabels"]!.AsObject();
            Assert.All(labels, l => Assert.Equal(l.Value, (string?)additional[l.Key]));
            Assert.NotNull(values[part]!["resources"]);
        }
        Assert.Equal(new ChartMonitor("controller.metrics.serviceMonitor.enabled"), Spec("staging").Metrics);
    }
}
