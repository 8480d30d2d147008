using System.Text.Json.Nodes;
using Lakehouse.Rendering.Renderers;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Rendering;

public class JsonTreesTests
{
    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Common_keeps_values_equal_everywhere_and_recurses_into_maps()
    {
        var dev = Parse("""{"image":{"tag":"1"},"server":{"workers":1,"log":"INFO"},"list":[1,2]}""");
        var prod = Parse("""{"image":{"tag":"1"},"server":{"workers":4,"log":"INFO"},"list":[1,3]}""");
        var common = JsonTrees.Common([dev, prod]);
        Assert.Equal("""{"image":{"tag":"1"},"server":{"log":"INFO"}}""", common.ToJsonString());
        Assert.Equal("""{"server":{"workers":4},"list":[1,3]}""", JsonTrees.Delta(prod, common).ToJsonString());
        Assert.Equal("""{"server":{"workers":1},"list":[1,2]}""", JsonTrees.Delta(dev, common).ToJsonString());
    }

    [Fact]
    public void Keys_missing_in_one_environment_go_to_the_deltas()
    {
        var a = Parse("""{"x":1,"only":{"y":2}}""");
        var b = Parse("""{"x":1}""");
        var common = JsonTrees.Common([a, b]);
        Assert.Equal("""{"x":1}""", common.ToJsonString());
        Assert.Equal("""{"only":{"y":2}}""", JsonTrees.Delta(a, common).ToJsonString());
        Assert.Equal("{}", JsonTrees.Delta(b, common).ToJsonString());
    }

    [Fact]
    public void Nulls_that_delete_chart_defaults_are_kept()
    {
        var a = Parse("""{"catalogs":{"tpch":null,"iceberg":"x"}}""");
        var common = JsonTrees.Common([a, a.DeepClone().AsObject()]);
        Assert.Equal("""{"catalogs":{"tpch":null,"iceberg":"x"}}""", common.ToJsonString());
    }

    [Fact]
    public void Common_merged_with_delta_gives_back_each_environment()
    {
        var envs = new[]
        {
            Parse("""{"a":{"b":{"c":1,"d":[1]},"e":"x"},"f":true}"""),
            Parse("""{"a":{"b":{"c":2,"d":[1]},"e":"x"},"g":{}}"""),
            Parse("""{"a":{"b":{"c":1,"d":[2]}},"f":false}"""),
        };
        var common = JsonTrees.Common(envs);
        foreach (var env in envs)
        {
            var merged = HelmMerge.Merge(common.DeepClone().AsObject(), JsonTrees.Delta(env, common));
            Assert.True(JsonNode.DeepEquals(env, merged), $"{env.ToJsonString()} != {merged.ToJsonString()}");
        }
    }

    // JsonTrees.Same is DeepEquals without its serialisation: it must agree with it on every pair,
    // built (primitives) or parsed (JsonElement values), strings, numbers, booleans, lists, maps, mixes.
    [Fact]
    public void Same_agrees_with_DeepEquals_on_every_pair()
    {
        JsonNode?[] nodes =
        [
            null, "a", "A", "", "1", "a\u00e9", 1, 1.0, 2, true, false,
            JsonNode.Parse("\"a\""), JsonNode.Parse("\"\\u0061\""), JsonNode.Parse("1"), JsonNode.Parse("1.0"), JsonNode.Parse("true"), JsonNode.Parse("null"),
            new JsonArray(1, "a"), new JsonArray("a", 1), JsonNode.Parse("[1,\"a\"]"), new JsonArray(), new JsonArray(new JsonArray("a")),
            new JsonObject { ["k"] = "v", ["n"] = 1 }, new JsonObject { ["n"] = 1, ["k"] = "v" }, Parse("""{"k":"v","n":1}"""),
            new JsonObject { ["K"] = "v", ["n"] = 1 }, new JsonObject { ["k"] = "v" }, new JsonObject(), Parse("""{"k":["a",{"x":null}]}"""),
            new JsonObject(new JsonNodeOptions { PropertyNameCaseInsensitive = true }) { ["K"] = "v", ["n"] = 1 },
        ];
        foreach (var a in nodes)
        {
            foreach (var b in nodes)
            {
                Assert.True(JsonNode.DeepEquals(a, b) == JsonTrees.Same(a, b), $"{a?.ToJsonString() ?? "null"} vs {b?.ToJsonString() ?? "null"}");
            }
        }
    }
}
