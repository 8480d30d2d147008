using System.Text.Json.Nodes;
using Lakehouse.Catalogue.CustomResources;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Tests.Components;

/// <summary>
/// ServiceMonitors and PodMonitors are built with the types generated from the restored prometheus-operator
/// CRDs. Callers that still write the scrape endpoint as JSON get it read into the CRD's endpoint type: the
/// same object as the typed call, and a field the CRD does not define is refused instead of silently dropped.
/// </summary>
public class MonitorObjectsTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["release"] = "monitoring" };
    private static readonly Dictionary<string, string> Selector = new() { ["app"] = "web" };

    [Fact]
    public void A_json_endpoint_renders_the_same_service_monitor_as_the_typed_endpoint()
    {
        var typed = StandardObjects.ServiceMonitor("web", "apps", Labels, Selector,
            new ServiceMonitorV1SpecEndpointsItem { Port = "metrics", Path = "/metrics", Scheme = ServiceMonitorV1SpecEndpointsItemScheme.Http, Interval = "30s" });
        var json = StandardObjects.ServiceMonitor("web", "apps", Labels, Selector,
            new JsonObject { ["port"] = "metrics", ["path"] = "/metrics", ["scheme"] = "http", ["interval"] = "30s" });

        Assert.True(JsonNode.DeepEquals(typed.Body, json.Body), $"{typed.Body.ToJsonString()}\n{json.Body.ToJsonString()}");
        Assert.Equal("http", (string?)json.Body["spec"]!["endpoints"]![0]!["scheme"]);
        Assert.Equal("apps", (string?)json.Body["spec"]!["namespaceSelector"]!["matchNames"]![0]);
    }

    [Fact]
    public void A_json_endpoint_renders_the_same_pod_monitor_as_the_typed_endpoint()
    {
        var typed = StandardObjects.PodMonitor("web", "apps", Labels, Selector,
            new PodMonitorV1SpecPodMetricsEndpointsItem { Port = "metrics", Path = "/metrics" });
        var json = StandardObjects.PodMonitor("web", "apps", Labels, Selector,
            new JsonObject { ["port"] = "metrics", ["path"] = "/metrics" });

        Assert.True(JsonNode.DeepEquals(typed.Body, json.Body), $"{typed.Body.ToJsonString()}\n{json.Body.ToJsonString()}");
        Assert.Equal("PodMonitor", json.Kind);
        Assert.Equal("metrics", (string?)json.Body["spec"]!["podMetricsEndpoints"]![0]!["port"]);
    }

    [Theory]
    [InlineData("scrapeInterval")] // the CRD's field is "interval"
    [InlineData("targetPortName")]
    public void A_json_endpoint_with_a_field_the_crd_does_not_define_is_refused(string field)
    {
        var e = Assert.Throws<InvalidOperationException>(() => StandardObjects.ServiceMonitor("web", "apps", Labels, Selector,
            new JsonObject { ["port"] = "metrics", [field] = "30s" }));

        Assert.Contains(field, e.Message);
        Assert.Contains(nameof(ServiceMonitorV1SpecEndpointsItem), e.Message);
    }

    [Fact]
    public void A_json_endpoint_with_a_value_outside_the_crd_enum_is_refused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => StandardObjects.PodMonitor("web", "apps", Labels, Selector,
            new JsonObject { ["port"] = "metrics", ["scheme"] = "ftp" }));

        Assert.Contains(nameof(PodMonitorV1SpecPodMetricsEndpointsItem), e.Message);
    }
}
