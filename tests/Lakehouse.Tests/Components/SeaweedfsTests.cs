using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Components;

/// <summary>SeaweedFS as staging's object store: S3 on the filers with authentication, buckets, replication, metrics.</summary>
public class SeaweedfsTests
{
    private static ComponentSpec Spec(string env) =>
        Render.Reference.Platform!.Environments.Single(e => e.Name == env).Components.Single(c => c.Name == "object-storage").Spec;

    [Fact]
    public void Staging_installs_seaweedfs_with_authenticated_s3_and_the_declared_buckets()
    {
        var spec = Spec("staging");
        Assert.Equal(SeaweedfsStorage.Chart, spec.Chart);
        var s3 = spec.Values["filer"]!["s3"]!;
        Assert.True((bool)s3["enabled"]!);
        Assert.True((bool)s3["enableAuth"]!);
        Assert.Equal("object-storage-s3-config", (string?)s3["existingConfigSecret"]);
        Assert.Equal(["lakehouse-staging-warehouse", "lakehouse-staging-postgres-backups", "lakehouse-staging-mlflow-artifacts"],
            s3["createBuckets"]!.AsArray().Select(b => (string)b!["name"]!));
    }

    [Fact]
    public void Several_volume_servers_keep_two_copies_and_three_masters_form_a_quorum()
    {
        var values = Spec("staging").Values;
        Assert.Equal(3, (int)values["volume"]!["replicas"]!);
        Assert.Equal(3, (int)values["master"]!["replicas"]!);
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
        // The volume servers' ServiceMonitor scrapes the Service object-storage-seaweedfs-volume: job label.
        var rule = PlatformRules.Rules(new Lakehouse.Model.Configuration.AlertThresholds()).Single(r => r.Alert == "SeaweedfsVolumeServerDown");
        Assert.Matches("\\.\\*volume\\.\\*", rule.Expr);
        Assert.Matches(".*volume.*", "object-storage-seaweedfs-volume");
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
