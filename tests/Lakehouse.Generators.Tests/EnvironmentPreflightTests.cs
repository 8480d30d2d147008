namespace Lakehouse.Generators.Tests;

/// <summary>
/// The compile-time env check runs the render's YAML preflight first: input that would overflow the
/// compiler's stack (deep nesting), hang it (an alias bomb) or crash the walk (a complex key) is one
/// LH1205 at its line instead.
/// </summary>
public class EnvironmentPreflightTests
{
    private static InputFile Env(string text) =>
        new("/repo/env/dev.yaml", text, new Dictionary<string, string> { ["LakehouseEnvironment"] = "true" });

    private static readonly InputFile SchemaFile =
        new("/repo/env/environment.schema.json", """{ "type": "object" }""", new Dictionary<string, string> { ["LakehouseEnvironmentSchema"] = "true" });

    private static string Single(string text)
    {
        var result = GeneratorHarness.Run([Env(text), SchemaFile]);
        var d = Assert.Single(result.GeneratorDiagnostics);
        var span = d.Location.GetLineSpan();
        return $"({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    [Fact]
    public void Nesting_100000_deep_is_an_error_not_a_stack_overflow() =>
        Assert.Equal("(2,74): LH1205: invalid YAML: nesting deeper than 64 levels; environment files are shallow maps",
            Single("trino:\n  workers: " + new string('[', 100_000)));

    [Fact]
    public void An_alias_bomb_is_an_error_not_a_hang() =>
        Assert.Equal("(5,36): LH1205: invalid YAML: aliases expand the document beyond 100000 nodes here (an alias bomb?); write the values out", Single("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"));

    [Fact]
    public void A_complex_key_is_an_error_not_an_invalid_cast() =>
        Assert.Equal("(2,3): LH1205: invalid YAML: a complex key (a list or map used as a key, '? ...'); keys are plain names", Single("a: 1\n? [a, b]\n: c\n"));
}
