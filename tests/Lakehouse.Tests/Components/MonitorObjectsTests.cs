using System.Text.Json.Nodes;
using Lakehouse.Catalogue.CustomResources;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Tests.Components;

/// <summary>
/// ServiceMonitors and PodMonitors are built with the types generated from the restored prometheus-operator
/// CRDs (no JSON endpoint overload remains): they serialize to the API's keys and enum spellings, scoped to
/// the component's namespace, with labels in a stable order.
/// </summary>
public class MonitorObjectsTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["release"] = "monitoring", ["app.kubernetes.io/part-of"] = "lakehouse" };
    private static readonly Dictionary<string, string> Selector = new() { ["app"] = "web" };

    [Fact]
    public void A_service_monitor_serializes_to_the_crd_s_keys_and_enum_spelling()
    {
        var monitor = StandardObjects.ServiceMonitor("web", "apps", Labels, Selector,
            new ServiceMonitorV1SpecEndpointsItem { Port = "metrics", Path = "/metrics", Scheme = ServiceMonitorV1SpecEndpointsItemScheme.Http, Interval = "30s" });

        Assert.Equal(("monitoring.coreos.com/v1", "ServiceMonitor"), (monitor.ApiVersion, monitor.Kind));
        var endpoint = monitor.Body["spec"]!["endpoints"]![0]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"interval":"30s","path":"/metrics","port":"metrics","scheme":"http"}"""), endpoint), endpoint.ToJsonString());
        Assert.Equal("apps", (string?)monitor.Body["spec"]!["namespaceSelector"]!["matchNames"]![0]);
        Assert.Equal(["app.kubernetes.io/part-of", "release"], monitor.Body["metadata"]!["labels"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void A_pod_monitor_serializes_to_the_crd_s_keys()
    {
        var monitor = StandardObjects.PodMonitor("web", "apps", Labels, Selector,
            new PodMonitorV1SpecPodMetricsEndpointsItem { Port = "metrics", Path = "/metrics" });

        Assert.Equal(("monitoring.coreos.com/v1", "PodMonitor"), (monitor.ApiVersion, monitor.Kind));
        Assert.Equal("metrics", (string?)monitor.Body["spec"]!["podMetricsEndpoints"]![0]!["port"]);
        Assert.Equal("web", (string?)monitor.Body["spec"]!["selector"]!["matchLabels"]!["app"]);
    }
}
