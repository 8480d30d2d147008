using System.Reflection;
using System.Text.Json.Serialization;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Yaml;
using Lakehouse.Rendering.Environments;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Model;

/// <summary>The one plain-scalar rule (YAML 1.2 core schema) and the YAML 1.1 superset the writer quotes.</summary>
public class PlainScalarsTests
{
    [Theory]
    [InlineData("", ScalarKind.Null)]
    [InlineData("~", ScalarKind.Null)]
    [InlineData("null", ScalarKind.Null)]
    [InlineData("Null", ScalarKind.Null)]
    [InlineData("NULL", ScalarKind.Null)]
    [InlineData("nULL", ScalarKind.String)]
    [InlineData("true", ScalarKind.Bool)]
    [InlineData("True", ScalarKind.Bool)]
    [InlineData("TRUE", ScalarKind.Bool)]
    [InlineData("false", ScalarKind.Bool)]
    [InlineData("False", ScalarKind.Bool)]
    [InlineData("FALSE", ScalarKind.Bool)]
    [InlineData("tRUE", ScalarKind.String)]
    [InlineData("yes", ScalarKind.String)]
    [InlineData("no", ScalarKind.String)]
    [InlineData("on", ScalarKind.String)]
    [InlineData("off", ScalarKind.String)]
    [InlineData("y", ScalarKind.String)]
    [InlineData("0", ScalarKind.Int)]
    [InlineData("-12", ScalarKind.Int)]
    [InlineData("+12", ScalarKind.Int)]
    [InlineData("012", ScalarKind.Int)]
    [InlineData("0o17", ScalarKind.Int)]
    [InlineData("0x1F", ScalarKind.Int)]
    [InlineData("0b101", ScalarKind.String)]
    [InlineData("1_000", ScalarKind.String)]
    [InlineData("1:30", ScalarKind.String)]
    [InlineData("1.5", ScalarKind.Float)]
    [InlineData(".5", ScalarKind.Float)]
    [InlineData("1.", ScalarKind.Float)]
    [InlineData("1e3", ScalarKind.Float)]
    [InlineData("-1.5E-3", ScalarKind.Float)]
    [InlineData(".inf", ScalarKind.Float)]
    [InlineData("-.Inf", ScalarKind.Float)]
    [InlineData(".NAN", ScalarKind.Float)]
    [InlineData("inf", ScalarKind.String)]
    [InlineData("2024-01-01", ScalarKind.String)]
    [InlineData("1GB", ScalarKind.String)]
    [InlineData("500m", ScalarKind.String)]
    public void Plain_scalars_resolve_by_the_yaml_1_2_core_schema(string text, ScalarKind kind) =>
        Assert.Equal(kind, PlainScalars.Resolve(text));

    [Theory]
    [InlineData("0x1F", 31)]
    [InlineData("0o17", 15)]
    [InlineData("017", 17)]
    [InlineData("-42", -42)]
    public void Integers_have_their_value_in_every_base(string text, long value)
    {
        Assert.True(PlainScalars.TryIntValue(text, out var parsed));
        Assert.Equal(value, parsed);
        Assert.Equal(value, PlainScalars.NumberValue(text));
    }

    [Theory]
    [InlineData("99999999999999999999")]
    [InlineData("0xFFFFFFFFFFFFFFFFFF")]
    [InlineData(".inf")]
    [InlineData(".nan")]
    [InlineData("1e999")]
    public void Numbers_no_setting_can_hold_are_out_of_every_range(string text) =>
        Assert.True(PlainScalars.IsOutOfEveryRange(text));

    [Theory]
    [InlineData("yes")]
    [InlineData("Off")]
    [InlineData("y")]
    [InlineData("N")]
    [InlineData("0777")]
    [InlineData("0b1010")]
    [InlineData("1_000")]
    [InlineData("1:30")]
    [InlineData("2024-01-01")]
    [InlineData("2024-01-01T10:00:00Z")]
    public void Yaml_1_1_forms_are_non_strings_for_helm_and_so_need_quotes(string text)
    {
        Assert.True(PlainScalars.IsYaml11NonString(text));
        Assert.True(PlainScalars.NeedsQuotes(text));
    }

    [Theory]
    [InlineData("TRUE")]
    [InlineData("NULL")]
    [InlineData("0o17")]
    [InlineData("-.inf")]
    [InlineData("")]
    public void Core_schema_non_strings_need_quotes(string text) => Assert.True(PlainScalars.NeedsQuotes(text));

    [Theory]
    [InlineData("trinodb/trino")]
    [InlineData("500m")]
    [InlineData("1GB")]
    [InlineData("inf")]
    [InlineData("yes please")]
    public void Ordinary_strings_need_no_quotes(string text) => Assert.False(PlainScalars.NeedsQuotes(text));

    // NeedsQuotes takes a shortcut for text that starts with a letter; it must agree with the regular
    // expressions on every word they know, also before a final newline (where their '$' matches too).
    [Theory]
    [InlineData("yes\n")]
    [InlineData("True\n")]
    [InlineData("NULL\n")]
    [InlineData("Off")]
    [InlineData("n\n")]
    [InlineData("FALSE\n")]
    public void Words_that_start_with_a_letter_still_need_quotes(string text)
    {
        Assert.True(PlainScalars.Resolve(text) != ScalarKind.String || PlainScalars.IsYaml11NonString(text));
        Assert.True(PlainScalars.NeedsQuotes(text));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("Nope")]
    [InlineData("offset")]
    [InlineData("nulls")]
    [InlineData("yes\n\n")]
    [InlineData("kind")]
    public void Other_words_need_no_quotes(string text) => Assert.False(PlainScalars.NeedsQuotes(text));

    /// <summary>The rule lives once: no other C# file spells the core schema's null or bool forms as a rule.</summary>
    [Fact]
    public void No_other_file_has_its_own_copy_of_the_rule()
    {
        var twins = new[] { "\"Null\" or \"NULL\"", "\"True\" or \"TRUE\"", "\"False\" or \"FALSE\"", "\"null\" or \"Null\"" };
        var offenders = new[] { "src", "tests" }
            .SelectMany(d => Directory.GetFiles(Path.Combine(Paths.RepositoryRoot, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f) is not ("PlainScalars.cs" or "PlainScalarsTests.cs"))
            .Where(f => twins.Any(t => File.ReadAllText(f).Contains(t, StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(Paths.RepositoryRoot, f))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void The_env_loader_and_the_test_reader_resolve_alike()
    {
        var yaml = "a: True\nb: 0x1F\nc: 0o17\nd: .5\ne: NULL\nf: yes\ng: \"1\"\nh: 1_000\n";
        var read = YamlFiles.Read(yaml)!;
        Assert.True(read["a"]!.GetValue<bool>());
        Assert.Equal(31, read["b"]!.GetValue<long>());
        Assert.Equal(15, read["c"]!.GetValue<long>());
        Assert.Equal(0.5, read["d"]!.GetValue<double>());
        Assert.Null(read["e"]);
        Assert.Equal("yes", read["f"]!.GetValue<string>());
        Assert.Equal("1", read["g"]!.GetValue<string>());
        Assert.Equal("1_000", read["h"]!.GetValue<string>());
    }
}

/// <summary>The backend-section table is the configuration types' own: every enum value, every section property.</summary>
public class BackendSectionsTests
{
    [Theory]
    [InlineData("storage", typeof(StorageConfig), typeof(ObjectStoreBackend))]
    [InlineData("catalog", typeof(CatalogConfig), typeof(CatalogBackend))]
    [InlineData("orchestrator", typeof(OrchestratorConfig), typeof(OrchestratorBackend))]
    [InlineData("identity", typeof(IdentityConfig), typeof(IdentityBackend))]
    public void The_table_names_every_backend_and_its_section_as_the_types_do(string parent, Type config, Type backend)
    {
        var selector = Assert.Single(BackendSections.All, s => s.Parent == parent);
        var values = backend.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name).ToList();
        Assert.Equal(values, selector.Choices.Select(c => c.Value));
        var nullability = new NullabilityInfoContext();
        foreach (var choice in selector.Choices)
        {
            var property = config.GetProperties().SingleOrDefault(p => string.Equals(p.Name, choice.Section, StringComparison.OrdinalIgnoreCase));
            Assert.True(property is not null, $"{parent}.{choice.Section} is not a property of {config.Name}");
            // A section the backend needs has no default: the property is nullable.
            Assert.Equal(choice.Required, nullability.Create(property).ReadState == NullabilityState.Nullable);
        }
        Assert.Equal(BackendSections.All.Count, typeof(EnvironmentConfig).GetProperties().Count(p => p.PropertyType.GetProperty("Backend") is not null));
    }

    [Fact]
    public void Two_environments_on_one_cluster_server_or_domain_are_an_error_naming_both()
    {
        using var repo = new TempRepository();
        var dev = repo.Read("env/dev.yaml");
        repo.Write("env/prod.yaml", repo.Read("env/prod.yaml").Replace("https://api.prod.lakehouse.example.com:6443", "https://API.dev.lakehouse.example.com:6443/", StringComparison.Ordinal));
        repo.Write("env/staging.yaml", repo.Read("env/staging.yaml").Replace("domain: staging.lakehouse.example.com", "domain: dev.lakehouse.example.com", StringComparison.Ordinal));
        var diagnostics = new List<Lakehouse.Model.Diagnostics.Diagnostic>();
        EnvironmentLoader.LoadAll(repo.Root, diagnostics);
        var found = diagnostics.Select(d => d.ToString()).ToList();
        Assert.Equal(2, found.Count);
        Assert.Contains("env/prod.yaml(4,11): error LH0041: cluster.server: env/prod.yaml and env/dev.yaml(4,11) target the same server https://api.dev.lakehouse.example.com:6443; each environment needs its own cluster server and domain", found);
        Assert.Contains("env/staging.yaml(8,9): error LH0041: domain: env/staging.yaml and env/dev.yaml(8,9) target the same domain dev.lakehouse.example.com; each environment needs its own cluster server and domain", found);
        Assert.Contains("dev.lakehouse.example.com", dev, StringComparison.Ordinal);
    }

    [Fact]
    public void The_committed_environments_target_distinct_clusters_and_domains()
    {
        var diagnostics = new List<Lakehouse.Model.Diagnostics.Diagnostic>();
        EnvironmentLoader.LoadAll(Paths.RepositoryRoot, diagnostics);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void A_cluster_behind_one_proxy_path_differs_from_another()
    {
        Assert.NotEqual(EnvironmentTargets.ServerKey("https://rancher.example.com:443/k8s/clusters/c-1"), EnvironmentTargets.ServerKey("https://rancher.example.com:443/k8s/clusters/c-2"));
        Assert.Equal(EnvironmentTargets.ServerKey("https://Api.Example.com:6443/"), EnvironmentTargets.ServerKey("https://api.example.com:6443"));
        Assert.Equal(EnvironmentTargets.DomainKey("Dev.Example.com."), EnvironmentTargets.DomainKey("dev.example.com"));
    }
}
