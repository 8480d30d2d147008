using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lakehouse.Tests.Data;

/// <summary>
/// The tests' SQL parser: dt-sql-parser's ANTLR grammars of Trino and Spark SQL, run by node from where
/// build/install-sql-parser.sh installs it (LAKEHOUSE_SQL_PARSER, else LAKEHOUSE_TOOLS or ~/.lakehouse/tools,
/// then sql-parser-4.5.1/parse.mjs). Skips a test without it, failing instead under CI.
/// </summary>
internal static class SqlParser
{
    public static string ScriptPath =>
        Environment.GetEnvironmentVariable("LAKEHOUSE_SQL_PARSER") is { Length: > 0 } configured
            ? Path.Combine(configured, "parse.mjs")
            : Path.Combine(
                Environment.GetEnvironmentVariable("LAKEHOUSE_TOOLS") is { Length: > 0 } tools
                    ? tools
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".lakehouse", "tools"),
                "sql-parser-4.5.1", "parse.mjs");

    /// <summary>Each statement's syntax errors ("line:column message"), by the statement's name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Errors(IEnumerable<(string Name, string Dialect, string Sql)> statements)
    {
        var node = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "node")).FirstOrDefault(File.Exists);
        var missing = node is null ? "node is not installed" : !File.Exists(ScriptPath) ? $"{ScriptPath} is missing: run 'bash build/install-sql-parser.sh' (the test project's build runs it)" : null;
        if (missing is not null && Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
        {
            Assert.Fail(missing);
        }
        Assert.SkipWhen(missing is not null, missing ?? "");
        var input = new JsonArray([.. statements.Select(s => (JsonNode)new JsonObject { ["name"] = s.Name, ["dialect"] = s.Dialect, ["sql"] = s.Sql })]);
        using var process = Process.Start(new ProcessStartInfo(node!, [ScriptPath])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(ScriptPath)!,
        })!;
        process.StandardInput.Write(input.ToJsonString());
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        return JsonNode.Parse(output)!.AsArray().ToDictionary(
            r => (string)r!["name"]!,
            r => (IReadOnlyList<string>)[.. r!["errors"]!.AsArray().Select(e => (string)e!)]);
    }

    /// <summary>Statements of a ';'-separated script (the platform's SQL has no ';' inside literals), trimmed, empty ones dropped.</summary>
    public static IReadOnlyList<string> Statements(string script) =>
        [.. script.Split(';').Select(s => s.Trim()).Where(s => s.Length > 0)];
}
