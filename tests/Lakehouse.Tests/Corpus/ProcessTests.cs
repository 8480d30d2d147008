using System.Diagnostics;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Corpus;

/// <summary>
/// Corpus cases through real processes, the way the build runs them: the built definitions program
/// (Lakehouse.Definitions.dll) on bad env/ input, and a program whose definitions fail on purpose
/// (Lakehouse.TestHost.dll). Each must exit 1 with the expected LH line: no stack trace, no
/// "Unhandled exception", never 134 (the abort of an unhandled exception or a stack overflow).
/// </summary>
public class ProcessTests
{
    public static TheoryData<string> DefinitionsCases => new(
        "alias-bomb-billion-laughs", "nesting-100k-flow-sequences", "nesting-100k-block-sequences", "complex-key-flow-sequence",
        "env-is-a-file", "dangling-symlink", "yaml-file-is-a-folder", "invalid-utf8-0xff-line-20", "nul-byte-line-27",
        "file-larger-than-1-mib", "tag-str-on-number", "second-document", "number-beyond-double-range");

    [Theory]
    [MemberData(nameof(DefinitionsCases))]
    public void The_definitions_program_exits_1_with_the_error_line(string name)
    {
        var corpusCase = CorpusCases.All.Single(c => c.Name == name);
        var result = CorpusRunner.Run(corpusCase, (verb, root, _) => Run("Lakehouse.Definitions.dll", verb, "--root", root));
        AssertFailedCleanly(result);
    }

    [Theory]
    [InlineData("define-null")]
    [InlineData("define-custom")]
    [InlineData("describe-cast")]
    public void A_definition_that_throws_exits_1_with_LH0015_at_its_line(string fault)
    {
        const string program = "tests/Lakehouse.TestHost/Program.cs";
        var corpusCase = new CorpusCase(fault, fault, _ => { }, $"{program}({FaultyDefinitions.LineOf(program, fault)}): LH0015");
        var result = CorpusRunner.Run(corpusCase, (verb, root, _) => Run("Lakehouse.TestHost.dll", verb, "--root", root, "--fault", fault));
        AssertFailedCleanly(result);
        Assert.Contains("in environment 'aws' failed", result.Output);
    }

    [Fact]
    public void The_test_host_renders_when_nothing_fails()
    {
        var corpusCase = new CorpusCase("no-fault", "no fault", _ => { }, "ok");
        var result = CorpusRunner.Run(corpusCase, (verb, root, _) => Run("Lakehouse.TestHost.dll", verb, "--root", root, "--fault", "none"));
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.True(result.Passed, result.Output);
    }

    private static void AssertFailedCleanly(CorpusResult result)
    {
        Assert.True(result.ExitCode == 1, $"exit code {result.ExitCode}:\n{result.Output}");
        Assert.True(result.Precise, $"expected '{result.Case.Expected}':\n{result.Output}");
        Assert.DoesNotContain("Unhandled exception", result.Output);
        Assert.DoesNotContain("   at ", result.Output);
        Assert.True(result.TreeUntouched && result.OutsideUntouched, string.Join(", ", result.TreeChanges.Concat(result.OutsideChanges)));
    }

    /// <summary>Runs a built program of the test's output folder with dotnet, returning its exit code and both streams.</summary>
    private static (int Code, string Output) Run(string program, params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, program));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), $"{program} {string.Join(' ', args)} did not finish in 3 minutes");
        return (process.ExitCode, stdout + stderr.Result);
    }
}
