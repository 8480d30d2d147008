namespace Lakehouse.Model.Contracts;

/// <summary>
/// The monitoring stack: the prometheus-operator CRDs (ServiceMonitor, PodMonitor, PrometheusRule) and the
/// Prometheus that selects them. Every other component depends on its provider implicitly (the dependency
/// graph adds the edge), so its Application syncs in an earlier wave than anything carrying a monitor.
/// </summary>
[Contract("the monitoring stack (prometheus-operator CRDs and Prometheus)")]
public interface IMonitoring : IContract
{
    string Name { get; }
}
