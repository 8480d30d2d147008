using Lakehouse.Model.Diagnostics;
using Lakehouse.Rendering.Environments;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Environments;

/// <summary>
/// The env schema is generated from the configuration types while Lakehouse.Rendering builds and embedded
/// (a render no longer generates it by reflection); these pin that the embedded text is still the types' schema.
/// </summary>
public sealed class EnvironmentSchemaTests
{
    [Fact]
    public void Embedded_schema_is_what_the_generator_makes_from_the_types()
    {
        Assert.Equal(EnvironmentSchemaGenerator.Generate(), EnvironmentSchema.ToText());
    }

    [Fact]
    public void The_parsed_schema_still_rejects_what_the_types_reject()
    {
        var diagnostics = new List<Diagnostic>();
        var text = File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "env", "dev.yaml")).Replace("  workers: ", "  workerz: ", StringComparison.Ordinal);
        Assert.Null(EnvironmentLoader.Load("env/dev.yaml", text, diagnostics));
        Assert.Contains(diagnostics, d => d.Rule.Id == "LH0004" && d.Message.Contains("workerz", StringComparison.Ordinal));
    }

    [Fact]
    public void The_generator_rewrites_its_output_only_when_the_text_differs()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("lakehouse-schema-").FullName, "environment.schema.json");
        Assert.Equal(0, EnvironmentSchemaGenerator.Main(["--out", path]));
        Assert.Equal(EnvironmentSchema.ToText(), File.ReadAllText(path));
        var written = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, written.AddHours(-1));
        Assert.Equal(0, EnvironmentSchemaGenerator.Main(["--out", path]));
        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(path));
        File.WriteAllText(path, "{}\n");
        Assert.Equal(0, EnvironmentSchemaGenerator.Main(["--out", path]));
        Assert.Equal(EnvironmentSchema.ToText(), File.ReadAllText(path));
    }
}
