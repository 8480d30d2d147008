using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Components;

/// <summary>Marquez: chart from Git at the release tag, metadata in the platform PostgreSQL by Secret, admin-port metrics and probes.</summary>
public class LineageTests
{
    private static ComponentSpec Spec(string env) =>
        Render.Spec(env, "lineage");

    [Fact]
    public void The_chart_comes_from_the_marquez_git_repository_at_the_release_tag()
    {
        var chart = Spec("dev").Chart!;
        Assert.Equal("https://github.com/MarquezProject/marquez.git", chart.RepositoryUrl);
        Assert.Equal("chart", chart.GitPath);
        Assert.Equal("0.51.1", chart.Version);
        Assert.Equal(chart.Version, Marquez.Image.Tag);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    [InlineData("aws")]
    public void Metadata_lives_in_the_platform_postgres_with_the_password_only_by_secret(string env)
    {
        var values = Spec(env).Values;
        Assert.False((bool)values["postgresql"]!["enabled"]!);
        Assert.Equal("postgres-rw.lakehouse-postgres.svc.cluster.local", (string?)values["marquez"]!["db"]!["host"]);
        Assert.Equal("lineage-database", (string?)values["marquez"]!["existingSecretName"]);
        Assert.Null(values["marquez"]!["db"]!["password"]);
    }

    [Fact]
    public void Metrics_and_probes_use_the_admin_port()
    {
        var spec = Spec("dev");
        var monitor = Assert.IsType<ManifestMonitor>(spec.Metrics);
        var manifest = spec.Manifests.Single(m => m.Kind == monitor.Kind && m.Name == monitor.Name);
        var endpoint = manifest.Body["spec"]!["podMetricsEndpoints"]![0]!;
        Assert.Equal("http-admin", (string?)endpoint["port"]);
        Assert.Equal("/metrics", (string?)endpoint["path"]);
        Assert.Equal(new ChartTemplateProbes("templates/marquez/deployment.yaml"), spec.Probes);
    }
}
