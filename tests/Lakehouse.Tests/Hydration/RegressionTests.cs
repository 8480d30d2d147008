using Lakehouse.Tests.Hydration.Checks;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Hydration;

/// <summary>
/// The checks catch issue 9's defects on the real charts: dev's committed Applications hydrated again with
/// one value put back as it was before the fix (a --set after the value files) yield exactly the finding
/// the fix removed.
/// </summary>
public class RegressionTests
{
    private static async Task<(EnvironmentHydration Hydration, List<Manifest> Objects, List<Manifest> Others)> Undo(string component, params string[] set)
    {
        var hydration = await HydrationTests.Hydrated("dev");
        var app = hydration.Applications.Single(a => a.Application.Component == component);
        var arguments = set.SelectMany(s => new[] { "--set", s }).ToList();
        var (output, error) = await Hydrator.Template(HelmTool.Require(), app.Application, hydration.ApiVersions, arguments);
        Assert.True(error is null, error);
        var objects = Hydrator.Synced(Manifest.Parse(app.Application, "helm", output!).Concat(Manifest.Parse(app.Application, "kustomize", app.OverlayOutput)));
        var others = hydration.Applications.Where(a => a != app).SelectMany(a => a.Objects).ToList();
        return (hydration, [.. objects], others);
    }

    [Fact]
    public async Task Kube_system_scrapes_break_the_app_project()
    {
        var (hydration, objects, _) = await Undo("monitoring", "kubeProxy.enabled=true");
        Assert.Contains(ProjectCheck.Check(objects, hydration.Projects, HydrationChecks.Crds(hydration)),
            f => f.Message.Contains("namespace 'kube-system' is not a destination", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Airflow_migrations_as_helm_hooks_deadlock()
    {
        // The chart's schema refuses null for an annotation, so the committed values file is edited instead:
        // migrateDatabaseJob as it was before the fix (only resources set), written as JSON, which is YAML.
        var hydration = await HydrationTests.Hydrated("dev");
        var app = hydration.Applications.Single(a => a.Application.Component == "orchestrator").Application;
        var values = YamlFiles.Read(await File.ReadAllTextAsync(Path.Combine(Paths.RepositoryRoot, app.ValueFiles[0]), TestContext.Current.CancellationToken))!.AsObject();
        var job = values["migrateDatabaseJob"]!.AsObject();
        foreach (var key in new[] { "useHelmHooks", "applyCustomEnv", "jobAnnotations" })
        {
            Assert.True(job.Remove(key), key);
        }
        var file = Path.Combine(Path.GetTempPath(), $"lakehouse-regression-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, values.ToJsonString(), TestContext.Current.CancellationToken);
        try
        {
            var before = app with { ValueFiles = [file, .. app.ValueFiles.Skip(1)] };
            var (output, error) = await Hydrator.Template(HelmTool.Require(), before, hydration.ApiVersions);
            Assert.True(error is null, error);
            var objects = Manifest.Parse(before, "helm", output!);
            Assert.Contains(HookOrderCheck.Check(objects), f => f.Object == "Job/orchestrator-run-airflow-migrations" && f.Message.Contains("deadlock", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Airflow_without_a_broker_secret_name_renders_a_template_error()
    {
        var (_, objects, _) = await Undo("orchestrator", "data.brokerUrlSecretName=null");
        Assert.Contains(TemplateErrorCheck.Check(objects), f => f.Message.Contains("%!s(<nil>)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mlflow_without_seccomp_violates_restricted_and_its_pod_port_monitor_scrapes_nothing()
    {
        var (_, objects, others) = await Undo("mlflow", "podSecurityContext.seccompProfile=null", "serviceMonitor.useServicePort=false");
        Assert.Contains(PodSecurityCheck.Check(objects), f => f.Message.Contains("initContainers[mlflow-db-migration]: seccompProfile", StringComparison.Ordinal));
        Assert.Contains(MonitorCheck.Check(objects.Concat(others)), f => f.Message.Contains("targetPort 'http' is not a container port", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mlflow_without_a_flask_key_renders_differently_each_time()
    {
        var hydration = await HydrationTests.Hydrated("dev");
        var app = hydration.Applications.Single(a => a.Application.Component == "mlflow").Application;
        var helm = HelmTool.Require();
        var first = await Hydrator.Template(helm, app, hydration.ApiVersions, ["--set", "flaskServerSecretKey="]);
        var second = await Hydrator.Template(helm, app, hydration.ApiVersions, ["--set", "flaskServerSecretKey="]);
        Assert.Single(RepeatCheck.Compare(app, "helm template", first.Output, second.Output));
    }

    [Fact]
    public async Task Trino_and_its_jmx_exporter_without_their_contexts_violate_restricted()
    {
        var (_, objects, _) = await Undo("trino", "securityContext.seccompProfile=null", "containerSecurityContext.seccompProfile=null", "jmx.exporter.securityContext=null");
        var findings = PodSecurityCheck.Check(objects).ToList();
        Assert.Contains(findings, f => f.Message.Contains("containers[trino-coordinator]: seccompProfile", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.Contains("containers[jmx-exporter]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Minio_service_without_the_tenant_label_leaves_its_monitor_selecting_nothing()
    {
        var (_, objects, others) = await Undo("object-storage", "tenant.serviceMetadata=null");
        Assert.Contains(MonitorCheck.Check(objects.Concat(others)), f => f.Object.Contains("ServiceMonitor/lakehouse-object-storage/object-storage", StringComparison.Ordinal) && f.Message.Contains("selects no Service", StringComparison.Ordinal));
    }
}
