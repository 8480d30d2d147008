using Lakehouse.Model.Contracts;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Model;

/// <summary>
/// "A new catalog backend is a compile error" (docs/decisions.md), proven by compiling fixtures with
/// Roslyn against Lakehouse.Model: a backend that does not dispatch, a backend outside the model, and a
/// consumer that does not handle every backend each fail to compile; the complete forms compile.
/// </summary>
public class CatalogDispatchTests
{
    private static readonly string ModelSource = File.ReadAllText(
        Path.Combine(Paths.RepositoryRoot, "src", "Model", "Contracts", "IcebergCatalogConnection.cs"));

    private static IReadOnlyList<string> Errors(params string[] sources) => FixtureCompilation.Errors(sources);

    private const string Usings = "using System;\nusing Lakehouse.Model;\nusing Lakehouse.Model.Contracts;\n";

    [Fact]
    public void A_backend_added_to_the_model_without_its_dispatch_does_not_compile()
    {
        // The model's own source (so the closed constructor is reachable) plus one more backend.
        var added = Usings + "namespace Lakehouse.Model.Contracts { public sealed record NessieCatalogConnection(Endpoint Uri) : IcebergCatalogConnection; }";
        Assert.Contains("CS0534", Errors("global using System;\n" + ModelSource, added)); // does not implement Match
    }

    [Fact]
    public void A_backend_outside_the_model_does_not_compile()
    {
        var outside = Usings + """
            public sealed record NessieCatalogConnection(string Uri) : IcebergCatalogConnection
            {
                public override T Match<T>(Func<RestCatalogConnection, T> rest, Func<JdbcCatalogConnection, T> jdbc,
                    Func<HiveMetastoreConnection, T> hive, Func<GlueCatalogConnection, T> glue) => throw new NotSupportedException();
            }
            """;
        Assert.Contains("CS0122", Errors(outside)); // the constructor is private protected: the hierarchy is closed
    }

    [Fact]
    public void A_consumer_that_does_not_handle_every_backend_does_not_compile()
    {
        var consumer = Usings + """
            static class Consumer
            {
                static string Type(IcebergCatalogConnection c) =>
                    c.Match(rest: _ => "rest", jdbc: _ => "jdbc", hive: _ => "hive");
            }
            """;
        Assert.Contains("CS7036", Errors(consumer)); // no argument for 'glue'
    }

    [Fact]
    public void A_consumer_handling_every_backend_compiles()
    {
        var consumer = Usings + """
            static class Consumer
            {
                static string Type(IcebergCatalogConnection c) =>
                    c.Match(rest: _ => "rest", jdbc: _ => "jdbc", hive: _ => "hive", glue: _ => "glue");
            }
            """;
        Assert.Empty(Errors(consumer));
    }

    [Fact]
    public void No_consumer_tells_backends_apart_by_type_test()
    {
        // Match is the one dispatch: a type switch or 'is' test would compile after a new backend and fail at run time.
        var offenders = Directory.GetFiles(Path.Combine(Paths.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(f),
                @"(case|is|not)\s+(RestCatalogConnection|JdbcCatalogConnection|HiveMetastoreConnection|GlueCatalogConnection)\b"))
            .Select(f => Path.GetRelativePath(Paths.RepositoryRoot, f))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Every_catalog_backend_env_can_choose_adds_a_catalog()
    {
        // The env enum is open at run time (a switch expression); this fails when a value has no catalog.
        foreach (var backend in Enum.GetValues<Lakehouse.Model.Configuration.CatalogBackend>())
        {
            var env = Render.Environment("dev", Render.EnvironmentText("dev")) with
            {
                Catalog = new Lakehouse.Model.Configuration.CatalogConfig { Backend = backend },
            };
            var builder = new Lakehouse.Model.PlatformBuilder();
            var catalog = Lakehouse.Model.Components.Backends.AddIcebergCatalog(builder, env, "warehouse");
            Assert.Equal("iceberg-catalog", catalog.Name);
            Assert.Single(builder.Build());
        }
    }
}
