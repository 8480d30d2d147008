using System.Diagnostics;

namespace Lakehouse.Tests.Support;

/// <summary>
/// The project's Node test tools (tools/node: the PromQL and SQL parsers the tests run as processes), installed by
/// build/install-node-tools.sh, pinned by tools/node/package-lock.json, into ~/.lakehouse/tools outside the work
/// tree. Installed once per test process; a machine without node fails the tests that need them under CI and
/// skips them elsewhere.
/// </summary>
internal static class NodeTools
{
    private static readonly Lazy<(string? Folder, string? Missing)> Installed = new(Install);

    /// <summary>The installed folder holding the tools' scripts (promql.mjs, sql.mjs) and node_modules.</summary>
    public static string Folder
    {
        get
        {
            var (folder, missing) = Installed.Value;
            if (missing is not null && Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
            {
                Assert.Fail(missing);
            }
            Assert.SkipWhen(missing is not null, missing ?? "");
            return folder!;
        }
    }

    /// <summary>Runs `node SCRIPT` in the tools' folder with <paramref name="input"/> on stdin; returns stdout.</summary>
    public static string Run(string script, string input)
    {
        var folder = Folder;
        using var process = Process.Start(new ProcessStartInfo("node", [Path.Combine(folder, script)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        })!;
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"node {script} failed ({process.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }

    private static (string?, string?) Install()
    {
        var node = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "node")).FirstOrDefault(File.Exists);
        if (node is null)
        {
            return (null, "node is not installed (the PromQL and SQL parsers of the tests run on it)");
        }
        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(Paths.RepositoryRoot, "build", "install-node-tools.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return process.ExitCode == 0
            ? (stdout.Result.Trim().Split('\n')[^1], null)
            : (null, $"build/install-node-tools.sh failed ({process.ExitCode}): {stderr.Result}");
    }
}
