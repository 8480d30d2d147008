using k8s.Models;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Tests.Rendering;

/// <summary>
/// The direct writer of object metadata (<see cref="ObjectMetaJson"/>) writes exactly what the serializer writes, member
/// order included, for every shape a render gives and for those it hands to the serializer.
/// </summary>
public class ObjectMetaJsonTests
{
    public static TheoryData<string> Shapes => new() { "empty", "name", "full", "empty-collections", "generate-name", "owner", "uid" };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Writes_what_the_serializer_writes(string shape)
    {
        var metadata = Shape(shape);
        Assert.Equal(ManifestSerializer.Node(metadata)!.ToJsonString(), ObjectMetaJson.Of(metadata)!.ToJsonString());
    }

    [Fact]
    public void A_member_it_does_not_write_itself_goes_through_the_serializer()
    {
        var metadata = Shape("owner");
        Assert.Contains("\"ownerReferences\"", ObjectMetaJson.Of(metadata)!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_member_of_the_metadata_type_is_written_directly_or_sent_to_the_serializer()
    {
        // A member the client library adds later must join one of the two lists in ObjectMetaJson, never be dropped.
        string[] known =
        [
            "Annotations", "Finalizers", "Labels", "Name", "NamespaceProperty",
            "CreationTimestamp", "DeletionGracePeriodSeconds", "DeletionTimestamp", "GenerateName", "Generation",
            "ManagedFields", "OwnerReferences", "ResourceVersion", "SelfLink", "Uid",
        ];
        Assert.Equal(known.Order(StringComparer.Ordinal),
            typeof(V1ObjectMeta).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    private static V1ObjectMeta Shape(string shape) => shape switch
    {
        "empty" => new V1ObjectMeta(),
        "name" => new V1ObjectMeta { Name = "trino", NamespaceProperty = "lakehouse-trino" },
        "full" => new V1ObjectMeta
        {
            Name = "lakehouse-prod-trino",
            NamespaceProperty = "argocd",
            Labels = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1 \"quoted\" \u00e9" },
            Annotations = new Dictionary<string, string> { ["argocd.argoproj.io/sync-wave"] = "3", ["x"] = "" },
            Finalizers = ["resources-finalizer.argocd.argoproj.io"],
        },
        "empty-collections" => new V1ObjectMeta { Name = "n", Labels = new Dictionary<string, string>(), Annotations = new Dictionary<string, string>(), Finalizers = [] },
        "generate-name" => new V1ObjectMeta { GenerateName = "job-", NamespaceProperty = "ns", Labels = new Dictionary<string, string> { ["a"] = "b" } },
        "owner" => new V1ObjectMeta { Name = "n", OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "o", Uid = "u" }] },
        "uid" => new V1ObjectMeta { Name = "n", Uid = "1234", ResourceVersion = "7", Labels = new Dictionary<string, string> { ["a"] = "b" } },
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };
}
