using Lakehouse.Model;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Components;

/// <summary>Where the environment runs several replicas, they are spread over nodes and drained one at a time.</summary>
public class HighAvailabilityTests
{
    private static ComponentSpec Spec(string env, string component) =>
        Render.Spec(env, component);

    [Fact]
    public void Several_trino_workers_get_a_disruption_budget_and_anti_affinity_on_the_worker_pods()
    {
        var prod = Spec("prod", "trino");
        var pdb = prod.Manifests.Single(m => m.Kind == "PodDisruptionBudget").Body;
        Assert.Equal(1, (int)pdb["spec"]!["maxUnavailable"]!);
        var selector = pdb["spec"]!["selector"]!["matchLabels"]!.AsObject();
        Assert.Equal("worker", (string?)selector["app.kubernetes.io/component"]);
        var term = prod.Values["worker"]!["affinity"]!["podAntiAffinity"]!["preferredDuringSchedulingIgnoredDuringExecution"]![0]!["podAffinityTerm"]!;
        Assert.Equal("kubernetes.io/hostname", (string?)term["topologyKey"]);
        Assert.True(JsonNodeEquals(selector, term["labelSelector"]!["matchLabels"]!));
        Assert.True(Render.ReferenceTree.Files.ContainsKey("gitops/prod/apps/trino/poddisruptionbudget-trino-worker.yaml"));
    }

    [Fact]
    public void A_single_worker_or_replica_gets_neither()
    {
        var dev = Spec("dev", "trino");
        Assert.DoesNotContain(dev.Manifests, m => m.Kind == "PodDisruptionBudget");
        Assert.Null(dev.Values["worker"]?["affinity"]);
        Assert.Null(Spec("dev", "iceberg-catalog").Values["affinity"]);
        Assert.NotNull(Spec("prod", "iceberg-catalog").Values["affinity"]);
    }

    private static bool JsonNodeEquals(System.Text.Json.Nodes.JsonNode a, System.Text.Json.Nodes.JsonNode b) =>
        System.Text.Json.Nodes.JsonNode.DeepEquals(a, b);
}
