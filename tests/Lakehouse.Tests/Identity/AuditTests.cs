using Lakehouse.Model.Components;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Identity;

/// <summary>
/// Each service's access log reaches stdout, which the cluster's log agent collects (docs/identity.md, "Audit"):
/// read from what Helm renders, or from the values of a chart that cannot be hydrated here.
/// </summary>
public class AuditTests
{
    [Fact]
    public async Task Trinos_request_log_is_rotated_on_a_shared_volume_and_streamed_to_stdout_by_a_sidecar()
    {
        var objects = await HydratedConfig.Objects("dev", "trino");
        var config = HydratedConfig.Properties(HydratedConfig.File(objects, "trino-coordinator", "config.properties"));
        Assert.Equal("true", config["http-server.log.enabled"]);
        Assert.Equal(TrinoAudit.LogFile, config["http-server.log.path"]);
        Assert.Equal("64MB", config["http-server.log.max-size"]);
        Assert.Equal("5", config["http-server.log.max-history"]);

        var coordinator = HydratedConfig.Single(objects, "Deployment", "trino-coordinator");
        var containers = HydratedConfig.Containers(coordinator);
        var sidecar = Assert.Single(containers, c => (string?)c["name"] == TrinoAudit.Sidecar);
        Assert.Equal(["tail", "-n", "+1", "-F", TrinoAudit.LogFile], sidecar["command"]!.AsArray().Select(a => (string)a!));
        var trino = Assert.Single(containers, c => (string?)c["name"] == "trino-coordinator");
        // Both containers mount the same emptyDir at the log's folder; the sidecar only reads.
        string? MountOf(System.Text.Json.Nodes.JsonObject c, bool readOnly) =>
            (string?)c["volumeMounts"]!.AsArray().Single(m => (string?)m!["mountPath"] == TrinoAudit.LogFolder && ((bool?)m["readOnly"] ?? false) == readOnly)!["name"];
        Assert.Equal(TrinoAudit.Volume, MountOf(trino, readOnly: false));
        Assert.Equal(TrinoAudit.Volume, MountOf(sidecar, readOnly: true));
        var volume = Assert.Single(coordinator.Body["spec"]!["template"]!["spec"]!["volumes"]!.AsArray(), v => (string?)v!["name"] == TrinoAudit.Volume)!;
        Assert.NotNull(volume["emptyDir"]);
        // Workers log no requests of people: no sidecar there.
        Assert.DoesNotContain(HydratedConfig.Containers(HydratedConfig.Single(objects, "Deployment", "trino-worker")), c => (string?)c["name"] == TrinoAudit.Sidecar);
    }

    [Fact]
    public async Task Argo_cds_api_server_logs_json_lines()
    {
        var objects = await HydratedConfig.Objects("dev", "argocd");
        Assert.Equal("json", HydratedConfig.File(objects, "argocd-cmd-params-cm", "server.log.format"));
        Assert.Equal("info", HydratedConfig.File(objects, "argocd-cmd-params-cm", "server.log.level"));
        var server = Assert.Single(HydratedConfig.Containers(HydratedConfig.Single(objects, "Deployment", "argocd-server")));
        var format = Assert.Single(server["env"]!.AsArray(), e => (string?)e!["name"] == "ARGOCD_SERVER_LOGFORMAT")!;
        Assert.Equal("argocd-cmd-params-cm", (string?)format["valueFrom"]!["configMapKeyRef"]!["name"]);
        Assert.Equal("server.log.format", (string?)format["valueFrom"]!["configMapKeyRef"]!["key"]);
    }

    [Fact]
    public void Supersets_event_logger_writes_to_stdout()
    {
        var values = YamlFiles.Read(Render.ReferenceTree.Files["gitops/prod/apps/superset/values.yaml"])!;
        var audit = (string)values["configOverrides"]!["audit"]!;
        Assert.Equal(["from superset.utils.log import StdOutEventLogger", "EVENT_LOGGER = StdOutEventLogger()", ""], audit.Split('\n'));
    }

    [Fact]
    public async Task Grafana_logs_to_the_console()
    {
        var objects = await HydratedConfig.Objects("dev", "monitoring");
        Assert.Equal("console", HydratedConfig.Ini(HydratedConfig.File(objects, "monitoring-grafana", "grafana.ini"))["log"]["mode"]);
    }
}
