using Lakehouse.Catalogue;
using Lakehouse.Catalogue.Charts;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model.Components;

/// <summary>
/// The MinIO Operator (chart operator from operator.min.io): the controller that reconciles MinIO Tenants.
/// A controller is synced before the resources it reconciles, so tenants depend on it; its tenants' pods
/// also call its endpoints, so they connect to it through a need (<see cref="IMinioOperator"/>), which is
/// what lets them through its NetworkPolicy.
/// </summary>
public sealed record MinioOperator(string Name) : Component(Name), IMinioOperator
{
    public static HelmChart Chart => Locked.Chart("operator");

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var values = new OperatorValues
        {
            Operator = new()
            {
                Image = new() { Repository = "quay.io/minio/operator", Tag = "v7.1.1" },
                ReplicaCount = 2,
                Resources = ChartValues.From<OperatorValuesOperatorResources>(Values.Resources(new() { Cpu = "200m", Memory = "256Mi" })),
            },
        };
        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values.ToValues(),
            // The operator's webhook and STS endpoints answer on 4221-4223 for tenant pods.
            Manifests = StandardObjects.Baseline(context, this, [4221, 4222, 4223], []),
            Metrics = new NoMetrics("MinIO Operator 7.1.1 exposes no metrics endpoint; its tenants' MinIO servers are monitored instead"),
            Probes = new NoProbes("MinIO Operator 7.1.1 defines no probes (a crashed controller restarts by its Deployment)"),
            ClusterResources = GroupKind.Operator,
            Egress = [EgressGrant.KubernetesApi("the operator reconciles Tenants and the StatefulSets, Services and Secrets it creates for them")],
        };
    }
}

/// <summary>The MinIO Operator's endpoints (webhook and STS, ports 4221-4223) that its tenants' pods call.</summary>
[Contract("the MinIO Operator's webhook and STS endpoints")]
public interface IMinioOperator : IContract
{
    string Name { get; }
}
