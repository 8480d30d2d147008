using System.Globalization;
using System.Text.Json.Nodes;
using Lakehouse.Rendering.Yaml;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Rendering;

public class YamlWriterTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("on")]
    [InlineData("No")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("1.0")]
    [InlineData("480")]
    [InlineData("0x1F")]
    [InlineData("1e3")]
    [InlineData("2024-01-01")]
    [InlineData("12:30")]
    [InlineData("")]
    [InlineData("TRUE")]
    [InlineData("NULL")]
    [InlineData("0o17")]
    [InlineData("-.inf")]
    [InlineData("y")]
    [InlineData("0b101")]
    [InlineData("1_000")]
    public void Strings_that_would_read_back_as_another_type_are_quoted(string text)
    {
        var yaml = YamlWriter.Write(new JsonObject { ["v"] = text }, []);
        Assert.Equal($"v: \"{text}\"\n", yaml);
        // And they read back as the same string.
        Assert.Equal(text, YamlFiles.Read(yaml)!["v"]!.GetValue<string>());
    }

    [Fact]
    public void Plain_strings_numbers_booleans_and_null_are_not_quoted()
    {
        var yaml = YamlWriter.Write(new JsonObject { ["s"] = "trinodb/trino", ["count"] = 4, ["b"] = true, ["z"] = null }, []);
        Assert.Equal("s: trinodb/trino\ncount: 4\nb: true\nz: null\n", yaml);
    }

    [Fact]
    public void Multi_line_strings_are_literal_blocks_that_keep_their_final_newline()
    {
        var yaml = YamlWriter.Write(new JsonObject { ["props"] = "a=1\nb=2\n" }, []);
        Assert.Equal("props: |\n  a=1\n  b=2\n", yaml);
        Assert.Equal("a=1\nb=2\n", YamlFiles.Read(yaml)!["props"]!.GetValue<string>());
    }

    [Fact]
    public void Sequences_are_indented_two_spaces_and_empty_collections_stay_visible()
    {
        var yaml = YamlWriter.Write(new JsonObject { ["l"] = new JsonArray("a", new JsonObject { ["k"] = 1 }), ["m"] = new JsonObject(), ["e"] = new JsonArray() }, ["header"]);
        Assert.Equal("# header\nl:\n  - a\n  - k: 1\nm: {}\ne: []\n", yaml);
    }

    [Fact]
    public void Output_is_the_same_in_every_culture()
    {
        var value = new JsonObject { ["ratio"] = 1.5, ["big"] = 1234567, ["title"] = "Iİıi" };
        var invariant = YamlWriter.Write(value, []);
        var saved = CultureInfo.CurrentCulture;
        try
        {
            foreach (var culture in new[] { "de-DE", "tr-TR", "ar-SA", "fr-FR" })
            {
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
                Assert.Equal(invariant, YamlWriter.Write(value, []));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
        Assert.DoesNotContain("1,5", invariant);
    }

    [Fact]
    public void Uses_lf_line_ends_only() =>
        Assert.DoesNotContain("\r", YamlWriter.Write(new JsonObject { ["a"] = new JsonObject { ["b"] = "x\ny" } }, ["h"]));

    public static TheoryData<string> TrickyStrings() =>
    [
        "hello: world", "x #y", "#comment", "*star", "&anchor", "!tag", "|pipe", ">fold", "%percent", "@at", "`tick",
        "'single'", "\"double\"", "- dash", "-dash", "-", "?", "? q", ":", "a:", "key: value: more", "[list]", "{map}",
        "a, b", " leading", "trailing ", "tab\there", "back\\slash", "emoji 🚀", "ünïcödé", "line1\nline2", "line1\nline2\n",
        "line1\n\n", "\nstarts with newline", "  indented\nblock", "crlf\r\nline", "bell\u0007", "${ENV:S3_ACCESS_KEY}",
        "PRINCIPAL_ROLE:ALL", "http://minio.ns.svc.cluster.local:80", "a=1\nb=2\n", "a\n  b\n", "trailing \nspace",
        "=", "~x", "null!", "yes please", "0o17", "+1", ".5", "1_000", "1:30", "2024-01-01T00:00:00Z",
    ];

    [Theory]
    [MemberData(nameof(TrickyStrings))]
    public void Every_string_reads_back_exactly_as_a_value_as_a_key_and_in_a_list(string text)
    {
        var document = new JsonObject
        {
            ["value"] = text,
            [text] = "as key",
            ["list"] = new JsonArray(text, new JsonObject { ["nested"] = text }),
        };
        var yaml = YamlWriter.Write(document, ["header"]);
        var back = YamlFiles.Read(yaml)!;
        Assert.Equal(text, back["value"]!.GetValue<string>());
        Assert.Equal("as key", back[text]!.GetValue<string>());
        Assert.Equal(text, back["list"]![0]!.GetValue<string>());
        Assert.Equal(text, back["list"]![1]!["nested"]!.GetValue<string>());
    }

    [Fact]
    public void Nested_lists_and_maps_in_lists_read_back()
    {
        var document = new JsonObject
        {
            ["matrix"] = new JsonArray(new JsonArray(1, 2), new JsonArray(), new JsonObject(), new JsonObject { ["a"] = new JsonArray("x"), ["b"] = new JsonObject { ["c"] = null } }),
        };
        var back = YamlFiles.Read(YamlWriter.Write(document, []));
        Assert.True(JsonNode.DeepEquals(document, back), back!.ToJsonString());
    }

    [Fact]
    public void The_bytes_the_tree_writes_are_the_UTF8_of_the_text_for_small_huge_and_non_ASCII_documents()
    {
        // Non-ASCII (a surrogate pair, accents), a document far larger than the reused builder's first buffer,
        // and the same writer used again after it (the per-thread builder is cleared, not shared).
        var huge = new JsonObject();
        for (var i = 0; i < 20_000; i++)
        {
            huge[$"key{i}"] = i % 3 == 0 ? $"caf\u00e9 \ud83d\ude80 {i}" : "x\ny\n";
        }
        JsonNode?[] documents =
        [
            new JsonObject { ["emoji"] = "\ud83d\ude80", ["accent"] = "d\u00e9j\u00e0" },
            huge,
            new JsonObject { ["after"] = "the huge one" },
            new JsonArray(),
            null,
        ];
        foreach (var document in documents)
        {
            var text = YamlWriter.Write(document, ["h\u00e9ader"]);
            Assert.Equal(new System.Text.UTF8Encoding(false).GetBytes(text), YamlWriter.WriteUtf8(document, ["h\u00e9ader"]));
        }
    }
}
