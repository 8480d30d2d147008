using Lakehouse.Rendering.Environments;

namespace Lakehouse.Tests.Environments;

/// <summary>The reader's limits hold exactly where docs/diagnostics.md (LH0030) says: at the limit passes, one past it fails.</summary>
public class YamlPreflightTests
{
    private static string? Check(string yaml)
    {
        var diagnostics = new List<Lakehouse.Model.Diagnostics.Diagnostic>();
        YamlDocument.Parse("env/x.yaml", yaml, diagnostics);
        return diagnostics.Count == 0 ? null : diagnostics[0].ToString();
    }

    [Fact]
    public void Nesting_of_64_levels_passes_and_65_fails()
    {
        // The root map is level 1; each '[' opens one more.
        Assert.Null(Check("a: " + new string('[', 63) + new string(']', 63)));
        Assert.Equal("env/x.yaml(1,67): error LH0030: nesting deeper than 64 levels; environment files are shallow maps",
            Check("a: " + new string('[', 64) + new string(']', 64)));
    }

    [Fact]
    public void A_hundred_aliases_pass_and_the_101st_fails()
    {
        string Aliases(int n) => "a: &a 1\nb: [" + string.Join(", ", Enumerable.Repeat("*a", n)) + "]\n";
        Assert.Null(Check(Aliases(100)));
        Assert.Equal("env/x.yaml(2,405): error LH0030: more than 100 aliases in one file; write the values out", Check(Aliases(101)));
    }

    [Fact]
    public void Expansion_of_100000_values_passes_and_one_alias_more_fails()
    {
        // Nodes: the root map, keys a and b, list a (1 + 999 values), list b, and 1000 per alias of a: 1004 + 1000 n.
        string Bomb(int n) => "a: &a [" + string.Join(", ", Enumerable.Range(1, 999)) + "]\nb: [" + string.Join(", ", Enumerable.Repeat("*a", n)) + "]\n";
        Assert.Null(Check(Bomb(98)));
        Assert.Equal("env/x.yaml(2,397): error LH0030: aliases expand the document beyond 100000 nodes here (an alias bomb?); write the values out", Check(Bomb(99)));
    }

    [Fact]
    public void The_loader_never_sees_a_document_the_preflight_refuses()
    {
        var diagnostics = new List<Lakehouse.Model.Diagnostics.Diagnostic>();
        var deep = "a: " + new string('[', 100_000);
        var doc = YamlDocument.Parse("env/x.yaml", deep, diagnostics);
        Assert.Null(doc.Root);
        Assert.Contains("LH0030", Assert.Single(diagnostics).ToString());
    }
}
