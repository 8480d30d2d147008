using System.Diagnostics;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Tree;

/// <summary>
/// README's regenerate command (<c>./regenerate</c>) decides what an edit needs: the built definitions render
/// straight away after an env/ edit, only the definitions project builds after a definitions/ edit, the project
/// with its references after anything else (or on a fresh clone). Run in a scratch copy of the script with
/// <c>dotnet</c> replaced by a stub that records its arguments (the real timings: the benchmarks' edit-loop).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // a bash script, like the command it tests
public sealed class RegenerateScriptTests : IDisposable
{
    private const string Definitions = "definitions/bin/Debug/net10.0/Lakehouse.Definitions.dll";
    private const string Marker = "definitions/obj/lakehouse-regenerate.Debug.stamp";
    private const string Render = "exec " + Definitions + " render --root .";
    private const string BuildAll = "build definitions -c Debug -nologo";
    private const string BuildDefinitionsOnly = BuildAll + " --no-dependencies";

    private readonly string _root = Directory.CreateTempSubdirectory("lakehouse-regenerate-").FullName;
    private DateTime _clock = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public RegenerateScriptTests()
    {
        File.Copy(Path.Combine(Paths.RepositoryRoot, "regenerate"), Path.Combine(_root, "regenerate"));
        File.SetUnixFileMode(Path.Combine(_root, "regenerate"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var file in new[] { "definitions/LakehousePlatform.cs", "src/Model/Component.cs", "build/Lakehouse.GitOps.targets", "charts.lock.yaml", "global.json", "env/dev.yaml" })
        {
            Write(file);
        }
        // The stub: records its arguments; a build creates the definitions assembly, LAKEHOUSE_STUB_FAIL fails it.
        Directory.CreateDirectory(Path.Combine(_root, "stub"));
        File.WriteAllText(Path.Combine(_root, "stub", "dotnet"),
            "#!/usr/bin/env bash\necho \"$*\" >> \"$STUB_LOG\"\n[[ -n ${LAKEHOUSE_STUB_FAIL:-} ]] && exit 1\n" +
            $"if [[ $1 == build ]]; then mkdir -p {Path.GetDirectoryName(Definitions)}; touch {Definitions}; fi\nexit 0\n");
        File.SetUnixFileMode(Path.Combine(_root, "stub", "dotnet"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_fresh_clone_builds_the_definitions_with_their_references_then_renders_straight_away()
    {
        Assert.Equal(BuildAll, Run());
        Assert.True(File.Exists(Path.Combine(_root, Marker)));
        Assert.Equal(Render, Run());
    }

    [Fact]
    public void An_env_edit_renders_without_compiling()
    {
        Run();
        Write("env/dev.yaml");
        Write("env/qa.yaml");
        Assert.Equal(Render, Run());
    }

    [Fact]
    public void A_definitions_edit_builds_only_the_definitions_project()
    {
        Run();
        Write("definitions/LakehousePlatform.cs");
        Assert.Equal(BuildDefinitionsOnly, Run());
        Assert.Equal(Render, Run());
    }

    [Theory]
    [InlineData("src/Model/Component.cs")]
    [InlineData("build/Lakehouse.GitOps.targets")]
    [InlineData("charts.lock.yaml")]
    [InlineData("global.json")]
    public void A_library_build_or_lock_edit_builds_the_references_too(string edited)
    {
        Run();
        Write(edited);
        Write("definitions/LakehousePlatform.cs");
        Assert.Equal(BuildAll, Run());
    }

    [Fact]
    public void Build_outputs_are_not_edits()
    {
        Run();
        Write("src/Model/bin/Debug/net10.0/Lakehouse.Model.dll");
        Write("definitions/obj/Debug/net10.0/Lakehouse.Definitions.dll");
        Assert.Equal(Render, Run());
    }

    [Fact]
    public void A_failed_build_is_built_again_next_time()
    {
        Run();
        Write("definitions/LakehousePlatform.cs");
        Assert.Equal(BuildDefinitionsOnly, Run(fail: true, expectedExit: 1));
        Assert.Equal(BuildDefinitionsOnly, Run());
        Assert.Equal(Render, Run());
    }

    /// <summary>Writes a file dated one minute after the last write, so "newer" never depends on timer resolution.</summary>
    private void Write(string relative)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, relative + "\n");
        _clock = _clock.AddMinutes(1);
        File.SetLastWriteTimeUtc(path, _clock);
    }

    /// <summary>Runs the script; returns the one command it gave the stub.</summary>
    private string Run(bool fail = false, int expectedExit = 0)
    {
        var log = Path.Combine(_root, "stub.log");
        File.Delete(log);
        var start = new ProcessStartInfo("bash", [Path.Combine(_root, "regenerate")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = Path.Combine(_root, "stub") + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["STUB_LOG"] = log;
        start.Environment.Remove("LAKEHOUSE_CONFIGURATION");
        if (fail)
        {
            start.Environment["LAKEHOUSE_STUB_FAIL"] = "1";
        }
        var marker = Path.Combine(_root, Marker);
        var before = File.Exists(marker) ? File.GetLastWriteTimeUtc(marker) : default;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == expectedExit, $"exit {process.ExitCode}: {stderr.Result}");
        // A build dates the marker by the real clock: move it to 'now' on the test's clock (after every write so far).
        if (File.Exists(marker) && File.GetLastWriteTimeUtc(marker) != before)
        {
            _clock = _clock.AddMinutes(1);
            File.SetLastWriteTimeUtc(marker, _clock);
        }
        var lines = File.ReadAllLines(log);
        return Assert.Single(lines);
    }
}
