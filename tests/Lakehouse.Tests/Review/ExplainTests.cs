using Lakehouse.Definitions;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Versions;
using Lakehouse.Rendering.Review.Explain;
using Lakehouse.Rendering.Review.Hydration;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Review;

/// <summary>`explain`: real lines of the rendered tree traced to their definition and env/ keys.</summary>
public class ExplainTests
{
    private static readonly ChartLock Lock = ChartLock.Load(Paths.RepositoryRoot, [])!;

    private static (string Text, string? Error) Explain(params string[] args) =>
        ExplainCommand.Explain(["explain", .. args], new LakehousePlatform(), Paths.RepositoryRoot, Render.Reference, Lock);

    /// <summary>The line of <paramref name="needle"/> in an env file, 1-based, and the column after its key.</summary>
    private static (int Line, int Column) EnvLine(string environment, string needle)
    {
        var lines = Render.EnvironmentText(environment).Split('\n');
        var index = Array.FindIndex(lines, l => l.StartsWith(needle, StringComparison.Ordinal));
        Assert.True(index >= 0, $"env/{environment}.yaml has no line starting '{needle}'");
        return (index + 1, lines[index].IndexOf(':', StringComparison.Ordinal) + 3);
    }

    /// <summary>A value file of the Application and the line in it holding <paramref name="needle"/>, found through the Application objects.</summary>
    private static (string File, int Line) RenderedLine(string environment, string component, string needle)
    {
        var app = ExplainCommand.Applications(Render.ReferenceTree).Single(a => a.Environment == environment && a.Component == component);
        foreach (var file in app.ValueFiles.AsEnumerable().Reverse())
        {
            var lines = Render.ReferenceTree.Files[file].Split('\n');
            var index = Array.FindIndex(lines, l => l.TrimStart().StartsWith(needle, StringComparison.Ordinal));
            if (index >= 0)
            {
                return (file, index + 1);
            }
        }
        throw new InvalidOperationException($"no value file of {app.Name} has '{needle}'");
    }

    [Fact]
    public void A_replicas_value_is_traced_to_its_env_key_and_line()
    {
        var (file, line) = RenderedLine("prod", "trino", "workers:");
        var (text, error) = Explain($"{file}:{line}");
        Assert.Null(error);
        var (envLine, envColumn) = EnvLine("prod", "  workers:");
        Assert.Contains($"{file}: server.workers = 4", text);
        Assert.Contains("environment prod, Application lakehouse-prod-trino", text);
        Assert.Matches(@"definition: definitions/LakehousePlatform\.cs\(\d+,\d+\): adds component 'trino' \(Lakehouse\.Model\.Components\.Trino, src/Catalogue/Components/Trino\.cs\(\d+,1\)\)", text);
        Assert.Contains($"env: env/prod.yaml({envLine},{envColumn}): trino.workers = 4", text);
        Assert.Single(text.Split('\n'), l => l.StartsWith("  env: ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_size_value_is_traced_by_environment_application_and_key()
    {
        var (text, error) = Explain("--env", "dev", "--app", "postgres", "--key", "cluster.instances");
        Assert.Null(error);
        var (envLine, envColumn) = EnvLine("dev", "  instances:");
        Assert.Contains($"env: env/dev.yaml({envLine},{envColumn}): postgres.instances = 1", text);
    }

    [Fact]
    public void A_value_no_env_key_drives_is_reported_as_coming_from_the_definition_only()
    {
        var (text, error) = Explain("--env", "dev", "--app", "trino", "--key", "server.config.https.port");
        Assert.Null(error);
        Assert.Contains(": server.config.https.port = 8443", text);
        Assert.Contains("adds component 'trino'", text);
        Assert.Contains("env: none; the value comes from the definition only", text);
    }

    [Fact]
    public void An_env_key_outside_values_is_traced_on_the_rendered_file()
    {
        // The Application's destination server comes from cluster.server.
        var app = ExplainCommand.Applications(Render.ReferenceTree).Single(a => a.Environment == "staging" && a.Component == "valkey");
        var file = Render.ReferenceTree.Files.Single(f => f.Value.Contains($"name: {app.Name}\n", StringComparison.Ordinal) && f.Value.Contains("kind: Application\n", StringComparison.Ordinal)).Key;
        var line = Array.FindIndex(Render.ReferenceTree.Files[file].Split('\n'), l => l.TrimStart().StartsWith("server: ", StringComparison.Ordinal)) + 1;
        var (text, error) = Explain($"{file}:{line}");
        Assert.Null(error);
        var (envLine, envColumn) = EnvLine("staging", "  server:");
        Assert.Contains($"env: env/staging.yaml({envLine},{envColumn}): cluster.server = ", text);
    }

    [Theory]
    [InlineData("gitops/no/such/file.yaml:3", "error LH0113")]
    [InlineData("--env dev --app nothing --key a.b", "error LH0114")]
    [InlineData("--env dev --app trino --key no.such.key", "error LH0114")]
    [InlineData("--key a.b", "error LH0115")]
    [InlineData("", "error LH0115")]
    public void Bad_targets_are_named_with_their_rule(string args, string expected)
    {
        var (_, error) = Explain(args.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.NotNull(error);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void A_comment_line_holds_no_value()
    {
        var (file, _) = RenderedLine("dev", "trino", "workers:");
        var (_, error) = Explain($"{file}:1");
        Assert.Equal(new Diagnostic(Rules.ExplainNoValue, new SourceLocation(file, 1, 1), "this line holds no value (a comment, a blank line or a document marker)").ToString(), error);
    }

    [Fact]
    public void The_host_runs_explain_and_writes_nothing()
    {
        using var repo = new TempRepository();
        var before = repo.Snapshot();
        var (file, line) = RenderedLine("dev", "trino", "workers:");
        var (code, output) = repo.Run("explain", $"{file}:{line}");
        Assert.Equal(0, code);
        Assert.Contains("env: env/dev.yaml(", output);
        Assert.Equal(before, repo.Snapshot());
    }

    [Theory]
    [InlineData("250m", "251m")]
    [InlineData("2Gi", "3Gi")]
    [InlineData("4", "5")]
    [InlineData("true", "false")]
    [InlineData("minio", "xminio")]
    [InlineData("https://api.dev.example.com:6443", "https://xapi.dev.example.com:6443")]
    [InlineData("", null)]
    public void Perturbation_changes_a_value_and_keeps_its_shape(string value, string? expected)
    {
        Assert.Equal(expected, Perturbation.Perturb(value));
    }
}
