using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Lakehouse.Benchmarks;

/// <summary>
/// edit-loop [--repo DIR] [--work DIR] [--runs N] [--command CMD]: seconds from an edit to the regenerated
/// tree, through the command README.md gives (default <c>./regenerate</c>), in a copy of the repository's
/// tracked files (the repository itself is never touched). It times the first run in the fresh copy (the
/// build a new user waits for), a run with nothing changed, and N times each: an env/ edit (prod's Trino
/// workers) and a definitions/ edit (the events job's schedule), checking that each edit reached gitops/.
/// </summary>
internal static partial class EditLoopCommand
{
    private const string EnvFile = "env/prod.yaml";
    private const string DefinitionsFile = "definitions/Jobs.cs";

    public static int Run(string[] args)
    {
        var repo = Path.GetFullPath(Option(args, "--repo") ?? FindRepository(Directory.GetCurrentDirectory()));
        var runs = int.Parse(Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        var command = Option(args, "--command") ?? "./regenerate";
        var work = Path.GetFullPath(Option(args, "--work") ?? Directory.CreateTempSubdirectory("lakehouse-edit-loop-").FullName);
        var copy = Path.Combine(work, "repo");
        if (Directory.Exists(copy))
        {
            Console.Error.WriteLine($"edit-loop: {copy} exists; give an empty --work folder");
            return 2;
        }
        CopyTrackedFiles(repo, copy);
        // ../shared (chart mirror, upstream data) resolves beside the copy as it does beside the repository.
        var shared = Path.GetFullPath(Path.Combine(repo, "..", "shared"));
        if (Directory.Exists(shared) && !Path.Exists(Path.Combine(work, "shared")))
        {
            Directory.CreateSymbolicLink(Path.Combine(work, "shared"), shared);
        }

        var fresh = Time(copy, command, expectWritten: null);
        var nothing = Time(copy, command, expectWritten: false);
        var envEdits = new List<double>();
        var definitionEdits = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            Toggle(copy, EnvFile, WorkersLine(), i);
            envEdits.Add(Time(copy, command, expectWritten: true));
            Toggle(copy, DefinitionsFile, ScheduleLine(), i);
            definitionEdits.Add(Time(copy, command, expectWritten: true));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"edit-loop: '{command}' in a copy of {repo}: env/ edit median {Median(envEdits):F0} ms, definitions/ edit median {Median(definitionEdits):F0} ms, " +
            $"nothing changed {nothing:F0} ms, first run in the fresh copy {fresh:F0} ms ({runs} runs each; env: {Join(envEdits)}; definitions: {Join(definitionEdits)})"));
        return 0;
    }

    /// <summary>Runs the command once in <paramref name="root"/>; fails unless gitops/ changed (or did not) as expected.</summary>
    private static double Time(string root, string command, bool? expectWritten)
    {
        var start = new ProcessStartInfo("bash", ["-c", command])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command}' failed ({process.ExitCode}):\n{output}\n{stderr.Result}");
        }
        var written = Summary().Match(output) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
        if (expectWritten is { } expected && (written > 0) != expected)
        {
            throw new InvalidOperationException($"'{command}' wrote {written} file(s); expected {(expected ? "some" : "none")}:\n{output}");
        }
        return elapsed;
    }

    [GeneratedRegex(@"lakehouse: (\d+) written")]
    private static partial Regex Summary();

    // The first 'workers: N' in env/prod.yaml is Trino's; runs alternate N and N + 1.
    [GeneratedRegex(@"(?m)^(  workers: )(\d+)$")]
    private static partial Regex WorkersLine();

    // The events job's cron hour; runs alternate it between 3 and 4.
    [GeneratedRegex(@"""0 (\d+) \* \* \*""")]
    private static partial Regex ScheduleLine();

    private static void Toggle(string root, string relative, Regex pattern, int run)
    {
        var path = Path.Combine(root, relative);
        var text = File.ReadAllText(path);
        var match = pattern.Match(text);
        if (!match.Success)
        {
            throw new InvalidOperationException($"{relative}: no line matches {pattern}; the edit-loop benchmark edits that line");
        }
        var number = match.Groups[^1];
        var value = int.Parse(number.Value, CultureInfo.InvariantCulture);
        var next = (run % 2 == 0 ? value + 1 : value - 1).ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(path, text[..number.Index] + next + text[(number.Index + number.Length)..]);
    }

    private static void CopyTrackedFiles(string repo, string copy)
    {
        var list = new ProcessStartInfo("git", ["-C", repo, "ls-files", "-z"]) { RedirectStandardOutput = true };
        using var git = Process.Start(list)!;
        var files = git.StandardOutput.ReadToEnd().Split('\0', StringSplitOptions.RemoveEmptyEntries);
        git.WaitForExit();
        if (git.ExitCode != 0 || files.Length == 0)
        {
            throw new InvalidOperationException($"git ls-files found no tracked files in {repo}");
        }
        foreach (var file in files)
        {
            var source = Path.Combine(repo, file);
            if (!File.Exists(source))
            {
                continue; // deleted in the working tree
            }
            var target = Path.Combine(copy, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(source));
            }
        }
    }

    private static string FindRepository(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "regenerate")) && Directory.Exists(Path.Combine(dir.FullName, "env")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("no repository above the current folder; give --repo");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[(sorted.Count - 1) / 2];
    }

    private static string Join(List<double> values) => string.Join(", ", values.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)));

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
