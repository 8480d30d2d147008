using System.Text.Json.Nodes;
using Lakehouse.Rendering.Renderers;

namespace Lakehouse.Tests.Rendering;

public class JsonTreesTests
{
    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Merge_recurses_into_maps_and_replaces_lists_and_scalars_whole()
    {
        var target = Parse("""{"a":{"b":1,"c":[1,2]},"d":"x","keep":true}""");
        var overlay = Parse("""{"a":{"c":[3],"e":null},"d":"y"}""");
        Assert.Equal("""{"a":{"b":1,"c":[3],"e":null},"d":"y","keep":true}""", JsonTrees.Merge(target, overlay).ToJsonString());
        // The inputs are left as they were.
        Assert.Equal("""{"a":{"b":1,"c":[1,2]},"d":"x","keep":true}""", target.ToJsonString());
    }
}
