using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Rendering;

/// <summary>What an environment uses without deploying has no Application; the cluster's list names it.</summary>
public class ReferencedComponentsTests
{
    [Fact]
    public void The_cluster_kustomization_names_what_the_environment_references()
    {
        var aws = Render.ReferenceTree.Files["gitops/aws/cluster/kustomization.yaml"];
        Assert.Contains("# Referenced, not deployed: iceberg-catalog (AWS Glue Data Catalog)\n", aws);
        Assert.Contains("# Referenced, not deployed: object-storage (", aws);
        Assert.DoesNotContain("application-lakehouse-aws-iceberg-catalog.yaml", aws);
        Assert.DoesNotContain("Referenced", Render.ReferenceTree.Files["gitops/dev/cluster/kustomization.yaml"]);
    }
}
