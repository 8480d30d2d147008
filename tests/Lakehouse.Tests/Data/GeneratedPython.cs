using System.Diagnostics;
using System.Text.Json;

namespace Lakehouse.Tests.Data;

/// <summary>
/// The structure of generated orchestrator code, read by Python's own parser (ast), as OrchestratorTests
/// checks its syntax: for an Airflow DAG file the upstream tasks of each task (from the task_id of each operator
/// and the >> edges), for Dagster's definitions.py the same per job (from start_after of each op call).
/// Task names come back as the job's task names (Dagster's identifiers with '_' turned back into '-').
/// </summary>
internal static class GeneratedPython
{
    private const string Script = """
        import ast, json, sys
        tree = ast.parse(open(sys.argv[2]).read())
        result = {}
        if sys.argv[1] == "airflow":
            ids, ups = {}, {}
            for node in ast.walk(tree):
                if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                    for k in node.value.keywords:
                        if k.arg == "task_id":
                            ids[node.targets[0].id] = k.value.value
                            ups.setdefault(k.value.value, [])
            for node in ast.walk(tree):
                if isinstance(node, ast.BinOp) and isinstance(node.op, ast.RShift):
                    left = node.left.elts if isinstance(node.left, ast.List) else [node.left]
                    ups[ids[node.right.id]] += [ids[l.id] for l in left]
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "DAG":
                    dag = [k.value.value for k in node.keywords if k.arg == "dag_id"][0]
            result[dag] = ups
        else:
            for fn in [n for n in tree.body if isinstance(n, ast.FunctionDef)]:
                job, ups = fn.name.replace("_", "-"), {}
                for stmt in fn.body:
                    after = [k.value for k in stmt.value.keywords if k.arg == "start_after"]
                    ups[stmt.targets[0].id.replace("_", "-")] = [e.id.replace("_", "-") for e in after[0].elts] if after else []
                result[job] = ups
        print(json.dumps(result))
        """;

    /// <summary>Job -> task -> upstream tasks; skips the test when python3 is not installed.</summary>
    public static Dictionary<string, Dictionary<string, List<string>>> Upstreams(string orchestrator, string code)
    {
        var python = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "python3")).FirstOrDefault(File.Exists);
        Assert.SkipWhen(python is null, "python3 is not installed; the generated code's structure is not read");
        var path = Path.Combine(Path.GetTempPath(), $"lakehouse-{Guid.NewGuid():N}.py");
        File.WriteAllText(path, code);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(python!, ["-c", Script, orchestrator, path])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, error);
            return JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, List<string>>>>(output)!;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Tasks reachable from <paramref name="start"/> without passing through <paramref name="gate"/>: what a failed
    /// gate would not stop. Empty when every downstream task waits for the gate.
    /// </summary>
    public static IReadOnlyList<string> UngatedDownstream(Dictionary<string, List<string>> upstreams, string start, string gate)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var frontier = new Queue<string>([start]);
        while (frontier.TryDequeue(out var task))
        {
            foreach (var next in upstreams.Where(u => u.Value.Contains(task) && u.Key != gate).Select(u => u.Key))
            {
                if (reached.Add(next))
                {
                    frontier.Enqueue(next);
                }
            }
        }
        // A task also counts as gated when it (transitively) waits for the gate.
        return [.. reached.Where(t => !DependsOn(upstreams, t, gate)).Order(StringComparer.Ordinal)];
    }

    private static bool DependsOn(Dictionary<string, List<string>> upstreams, string task, string on) =>
        upstreams.TryGetValue(task, out var ups) && (ups.Contains(on) || ups.Any(u => DependsOn(upstreams, u, on)));
}
