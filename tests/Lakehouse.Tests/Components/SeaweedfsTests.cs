using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Components;

/// <summary>SeaweedFS as staging's object store: S3 on the filers with authentication, buckets, replication, metrics.</summary>
public class SeaweedfsTests
{
    private static ComponentSpec Spec(string env) =>
        Render.Spec(env, "object-storage");

    [Fact]
    public void Staging_installs_seaweedfs_with_authenticated_s3_and_the_declared_buckets()
    {
        var spec = Spec("staging");
        Assert.Equal(SeaweedfsStorage.Chart, spec.Chart);
        // The image is pinned to the chart's appVersion, never left to a default tag.
        Assert.Equal("chrislusf/seaweedfs", (string?)spec.Values["global"]!["seaweedfs"]!["image"]!["name"]);
        Assert.Equal("4.44", (string?)spec.Values["image"]!["tag"]);
        var s3 = spec.Values["filer"]!["s3"]!;
        Assert.True((bool)s3["enabled"]!);
        Assert.True((bool)s3["enableAuth"]!);
        Assert.Equal("object-storage-s3-config", (string?)s3["existingConfigSecret"]);
        // The declared buckets, then each workspace's own (docs/workspaces.md).
        Assert.Equal(["lakehouse-staging-warehouse", "lakehouse-staging-postgres-backups", "lakehouse-staging-mlflow-artifacts", "lakehouse-staging-raw", "lakehouse-staging-logs", "lakehouse-staging-analytics", "lakehouse-staging-data-science"],
            s3["createBuckets"]!.AsArray().Select(b => (string)b!["name"]!));
    }

    [Fact]
    public void The_filers_name_the_identities_the_s3_secret_must_hold_so_a_new_consumer_rolls_them()
    {
        var annotations = Spec("staging").Values["filer"]!["podAnnotations"]!;
        // The workloads that reach S3 (each with its CONSUMER-s3-credentials Secret); the JDBC catalog
        // consumes the store only to name the warehouse bucket and runs nothing, so it needs no identity.
        var identities = ((string)annotations[SeaweedfsStorage.IdentitiesAnnotation]!).Split(',');
        Assert.Equal(identities.Order(StringComparer.Ordinal), identities);
        Assert.Contains("trino", identities);
        Assert.Contains("postgres", identities);
        Assert.Contains("mlflow", identities);
        Assert.Contains("spark", identities);
        Assert.DoesNotContain("iceberg-catalog", identities);
    }

    [Fact]
    public void Several_volume_servers_keep_two_copies_and_three_masters_form_a_quorum()
    {
        var values = Spec("staging").Values;
        Assert.Equal(3, (long)values["volume"]!["replicas"]!);
        Assert.Equal(3, (long)values["master"]!["replicas"]!);
        Assert.Equal("001", (string?)values["master"]!["defaultReplication"]);
        Assert.True((bool)values["global"]!["seaweedfs"]!["enableReplication"]!);
        // No hostPath anywhere: data and logs on volumes the namespace's Pod Security level admits.
        Assert.Equal("persistentVolumeClaim", (string?)values["volume"]!["dataDirs"]![0]!["type"]);
        Assert.Equal("emptyDir", (string?)values["master"]!["logs"]!["type"]);
    }

    [Fact]
    public void The_chart_monitors_are_on_and_labelled_for_prometheus_and_the_volume_alert_matches_their_job()
    {
        var monitoring = Spec("staging").Values["global"]!["seaweedfs"]!["monitoring"]!;
        Assert.True((bool)monitoring["enabled"]!);
        Assert.Equal("monitoring", (string?)monitoring["additionalLabels"]!["release"]);
        // The chart's volume ServiceMonitor selects the Service FULLNAME-volume (chart 4.44.0, componentName
        // helper), and without a jobLabel the Prometheus Operator makes the Service name the job label.
        var fullName = new Naming("lakehouse", "staging").ChartFullName("object-storage", SeaweedfsStorage.Chart.Name);
        var rule = PlatformRules.Rules(new Lakehouse.Model.Configuration.AlertThresholds(), new Lakehouse.Model.Naming("lakehouse", "staging"), new AlertTargets(["lakehouse-object-storage"]) { Seaweedfs = ["lakehouse-object-storage"] }).Single(r => r.Alert == "SeaweedfsVolumeServerDown");
        var selector = System.Text.RegularExpressions.Regex.Match(rule.Expr, "job=~\"([^\"]+)\"").Groups[1].Value;
        // Prometheus anchors label regexes at both ends.
        bool Selects(string job) => System.Text.RegularExpressions.Regex.IsMatch(job, $"^(?:{selector})$");
        Assert.True(Selects($"{fullName}-volume"), $"{rule.Expr} does not select {fullName}-volume");
        Assert.False(Selects($"{fullName}-master"));
        Assert.False(Selects($"{fullName}-filer"));
    }

    [Fact]
    public void Filers_serve_s3_with_their_own_size_and_every_server_keeps_the_chart_probes()
    {
        var values = Spec("staging").Values;
        Assert.Equal(2, (long)values["filer"]!["replicas"]!);
        Assert.Equal("500m", (string?)values["filer"]!["resources"]!["requests"]!["cpu"]);
        // No standalone gateway: the S3 Service selects the filers.
        Assert.Null(values["s3"]);
        foreach (var (server, path) in new[] { ("master", "/cluster/status"), ("volume", "/healthz"), ("filer", "/") })
        {
            foreach (var probe in new[] { "livenessProbe", "readinessProbe" })
            {
                Assert.True((bool)values[server]![probe]!["enabled"]!, $"{server}.{probe}");
                Assert.Equal(path, (string?)values[server]![probe]!["httpGet"]!["path"]);
            }
        }
        // Defaults where env/ says nothing: dev-sized masters.
        Assert.Equal("100m", (string?)values["master"]!["resources"]!["requests"]!["cpu"]);
    }

    [Fact]
    public void Every_server_set_of_more_than_one_pod_gets_a_disruption_budget_on_the_chart_pod_labels()
    {
        var budgets = Spec("staging").Manifests.Where(m => m.Kind == "PodDisruptionBudget").ToDictionary(m => m.Name, m => m.Body);
        Assert.Equal(["object-storage-seaweedfs-filer", "object-storage-seaweedfs-master", "object-storage-seaweedfs-volume"], budgets.Keys.Order(StringComparer.Ordinal));
        var master = budgets["object-storage-seaweedfs-master"]["spec"]!;
        Assert.Equal(1, (int)master["maxUnavailable"]!);
        Assert.Equal("master", (string?)master["selector"]!["matchLabels"]!["app.kubernetes.io/component"]);
        Assert.Equal("object-storage", (string?)master["selector"]!["matchLabels"]!["app.kubernetes.io/instance"]);
        Assert.Equal("seaweedfs", (string?)master["selector"]!["matchLabels"]!["app.kubernetes.io/name"]);
    }

    [Fact]
    public void An_odd_number_of_masters_is_required()
    {
        var config = Render.Environment("staging", Render.EnvironmentText("staging"));
        var problems = Lakehouse.Model.Configuration.EnvironmentConfigChecks.Check(
            config with { Storage = config.Storage with { Seaweedfs = config.Storage.Seaweedfs! with { Masters = 2 } } }).ToList();
        Assert.Contains(problems, p => p.KeyPath == "storage.seaweedfs.masters");
    }
}
