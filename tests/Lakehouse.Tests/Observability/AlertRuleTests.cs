using Lakehouse.Tests.Hydration;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Observability;

/// <summary>
/// Every alert the platform renders, in every environment, checked on its parsed PromQL: it parses with the
/// Prometheus grammar, reads only metric names an exporter exposes, and selects targets the environment's monitors
/// scrape. Each check also runs on a fixture that must fail it.
/// </summary>
public class AlertRuleTests
{
    private static IEnumerable<(string Env, string Component, string Alert, string Expr)> Alerts() =>
        Render.Reference.Platform!.Environments.SelectMany(e => e.Components.SelectMany(c => c.Spec.Manifests
            .Where(m => m.Kind == "PrometheusRule")
            .SelectMany(m => m.Body["spec"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()))
            .Where(r => r!["alert"] is not null)
            .Select(r => (e.Name, c.Name, (string)r!["alert"]!, (string)r["expr"]!))));

    private static readonly Lazy<IReadOnlyDictionary<string, ParsedExpression>> Parsed = new(() =>
    {
        var expressions = Alerts().Select(a => a.Expr).Distinct().ToList();
        return PromQl.Parse(expressions).ToDictionary(p => p.Expr);
    });

    public static TheoryData<string> Environments() => new("dev", "staging", "prod", "aws");

    [Fact]
    public void Every_alert_of_every_environment_parses_as_promql()
    {
        var alerts = Alerts().ToList();
        Assert.True(alerts.Count >= 20, $"only {alerts.Count} alerts found");
        var problems = alerts.SelectMany(a => AlertChecks.SyntaxProblems(Parsed.Value[a.Expr]).Select(p => $"{a.Env}/{a.Alert}: {p}")).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // The parser read the selectors: every alert reads at least one metric.
        Assert.All(alerts, a => Assert.NotEmpty(Parsed.Value[a.Expr].Selectors));
    }

    [Theory]
    [InlineData("sum(rate(up[5m])")]
    [InlineData("rate(up[5m)")]
    [InlineData("up{namespace=\"a\" == 0")]
    [InlineData("sum by namespace (up)")]
    [InlineData("clamp_minimum(up, 1)")]
    [InlineData("up > > 0")]
    public void The_parser_rejects_malformed_expressions(string expr)
    {
        Assert.NotEmpty(AlertChecks.SyntaxProblems(PromQl.Parse(expr)));
    }

    [Fact]
    public void Every_metric_an_alert_reads_is_exposed_by_an_exporter()
    {
        var problems = Alerts().SelectMany(a => AlertChecks.UnknownMetrics(Parsed.Value[a.Expr]).Select(p => $"{a.Env}/{a.Alert}: {p}")).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("minio_cluster_capacity_usable_freee_bytes > 0")]
    [InlineData("sum(cnpg_backend_total) > 1")]
    [InlineData("redis_memory_used_byte / redis_memory_max_bytes > 0.8")]
    [InlineData("{__name__=~\"minio_.*\"} > 0")]
    public void A_made_up_metric_name_fails_the_check(string expr)
    {
        var parsed = PromQl.Parse(expr);
        Assert.Empty(AlertChecks.SyntaxProblems(parsed));
        Assert.NotEmpty(AlertChecks.UnknownMetrics(parsed));
    }

    [Fact]
    public void Names_known_from_the_charts_are_found_in_their_dashboards_and_rules()
    {
        Assert.Contains("cloudnative-pg", ExporterMetrics.SourceOf("cnpg_pg_stat_database_blks_read"));
        Assert.Contains("kube-prometheus-stack", ExporterMetrics.SourceOf("kube_job_failed"));
        Assert.Contains("valkey", ExporterMetrics.SourceOf("redis_memory_max_bytes"));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Every_alert_selects_a_target_a_monitor_of_its_environment_scrapes(string env)
    {
        var hydrated = await HydrationTests.Hydrated(env);
        // The External Secrets Operator's monitor comes with its chart, which cannot be hydrated here: its target as the chart's template makes it.
        var targets = MonitorTargets.Of(hydrated.Objects).Concat(Hydration.UnobtainableChartMonitors.Targets(hydrated)).ToList();
        var namespaces = hydrated.Objects.Where(o => o.Kind == "Namespace").Select(o => o.Name).ToHashSet();
        var alerts = Alerts().Where(a => a.Env == env).ToList();
        Assert.NotEmpty(alerts);
        var problems = alerts.SelectMany(a => AlertChecks.UnselectedTargets(Parsed.Value[a.Expr], targets, namespaces).Select(p => $"{a.Alert}: {p}")).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("up{namespace=\"lakehouse-nowhere\"} == 0")]
    [InlineData("up{namespace=\"lakehouse-object-storage\", job=~\".*nothing.*\"} == 0")]
    [InlineData("max(minio_cluster_drive_offline_total{namespace=~\"lakehouse-valkey|lakehouse-trinoo\", job=\"minio\"}) > 0")]
    [InlineData("sum(kube_job_failed{namespace=\"lakehouse-nowhere\"}) > 0")]
    public async Task A_selector_no_monitor_scrapes_fails_the_check(string expr)
    {
        var hydrated = await HydrationTests.Hydrated("staging");
        var targets = MonitorTargets.Of(hydrated.Objects);
        var namespaces = hydrated.Objects.Where(o => o.Kind == "Namespace").Select(o => o.Name).ToHashSet();
        Assert.NotEmpty(AlertChecks.UnselectedTargets(PromQl.Parse(expr), targets, namespaces));
    }

    [Fact]
    public async Task The_target_down_alert_covers_monitoring_and_argocd_targets()
    {
        var hydrated = await HydrationTests.Hydrated("prod");
        var targets = MonitorTargets.Of(hydrated.Objects);
        var expr = Alerts().Single(a => a.Env == "prod" && a.Alert == "LakehouseTargetDown").Expr;
        var matcher = PromQl.Parse(expr).Selectors.Single().Matchers.Single(m => m.Label == "namespace");
        foreach (var ns in new[] { "monitoring", "argocd", "lakehouse-trino", "lakehouse-postgres" })
        {
            Assert.Contains(targets, t => t.Namespace == ns);
            Assert.True(matcher.Holds(ns), $"{expr} does not select {ns}");
        }
        // Every scraped namespace but the kubelet's (kube-system, not the platform's) is covered.
        Assert.All(targets.Where(t => t.Namespace != "kube-system" && t.Namespace != "default"), t => Assert.True(matcher.Holds(t.Namespace), $"{t} not covered"));
    }
}
