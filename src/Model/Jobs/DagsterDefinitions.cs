using Lakehouse.Model.Contracts;
using Scriban.Runtime;

namespace Lakehouse.Model.Jobs;

/// <summary>
/// All jobs as one Dagster code location (definitions.py): each task a k8s_job_op (a Kubernetes Job),
/// After -> Nothing dependencies, Schedule -> ScheduleDefinition. A SparkRun becomes a kubectl Job that
/// creates the SparkApplication and waits for its final state, so Spark runs the same under both orchestrators.
/// </summary>
public static class DagsterDefinitions
{
    public const string FileName = "definitions.py";

    /// <summary>kubectl for Spark tasks (creates the SparkApplication and polls its state).</summary>
    public static ContainerImage Kubectl => Locked.Image("kubectl");

    public static string Render(IReadOnlyList<(JobSpec Job, IReadOnlyList<TaskRun> Runs)> jobs, string podNamespace)
    {
        var jobModels = new ScriptArray();
        foreach (var (job, runs) in jobs)
        {
            var jobId = Python.Identifier(job.Name);
            var ops = new ScriptArray();
            var calls = new ScriptArray();
            foreach (var run in runs)
            {
                var op = run switch
                {
                    SparkRun spark => SparkOp(jobId, spark, podNamespace),
                    PodRun pod => PodOp(jobId, pod, podNamespace),
                    _ => throw new InvalidOperationException($"Dagster has no op for {run.GetType().Name}"),
                };
                ops.Add(op);
                var task = Python.Identifier(run.Name);
                var upstream = run.After.Count == 0 ? "" : "start_after=[" + string.Join(", ", run.After.Select(Python.Identifier)) + "]";
                calls.Add($"{task} = {op["identifier"]}({upstream})");
            }
            jobModels.Add(new ScriptObject
            {
                ["name"] = Python.Str(jobId),
                ["identifier"] = jobId,
                ["owner"] = Python.Str(job.Owner),
                ["retries"] = Python.Str(job.Retries.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ["ops"] = ops,
                ["calls"] = calls,
            });
        }
        var scheduled = jobs.Where(j => j.Job.Schedule is not null)
            .Select(j => $"ScheduleDefinition(job={Python.Identifier(j.Job.Name)}, cron_schedule={Python.Str(j.Job.Schedule!)}, execution_timezone=\"UTC\")");
        return JobTemplates.RenderDagsterDefinitions(new ScriptObject
        {
            ["jobs"] = jobModels,
            ["job_list"] = string.Join(", ", jobs.Select(j => Python.Identifier(j.Job.Name))),
            ["schedule_list"] = string.Join(", ", scheduled),
        });
    }

    private static ScriptObject PodOp(string jobId, PodRun pod, string podNamespace) => new()
    {
        ["identifier"] = $"{jobId}__{Python.Identifier(pod.Name)}",
        ["name"] = Python.Str($"{jobId}__{Python.Identifier(pod.Name)}"),
        ["image"] = Python.Str(pod.Image.ToString()),
        ["command"] = Python.List(pod.Command.Take(1)),
        ["args"] = Python.List(pod.Command.Skip(1)),
        ["namespace"] = Python.Str(podNamespace),
        ["env"] = Python.EnvDicts(pod.Environment, pod.SecretEnvironment),
        ["volume_mounts"] = Python.VolumeMountDicts(pod),
        ["volumes"] = Python.VolumeDicts(pod),
    };

    /// <summary>
    /// kubectl creates the application under a generated name (each run its own) and polls its state:
    /// COMPLETED succeeds the op, FAILED or SUBMISSION_FAILED fails it.
    /// </summary>
    private static ScriptObject SparkOp(string jobId, SparkRun spark, string podNamespace)
    {
        var application = spark.Application.DeepClone().AsObject();
        var metadata = application["metadata"]!.AsObject();
        metadata["generateName"] = $"{(string)metadata["name"]!}-";
        metadata.Remove("name");
        var script = string.Join("\n",
            "set -eu",
            "name=$(printf '%s' \"$SPARK_APPLICATION\" | kubectl create -f - -o jsonpath='{.metadata.name}')",
            "echo \"created sparkapplication/$name\"",
            "while true; do",
            $"  state=$(kubectl get sparkapplication \"$name\" -n {spark.Namespace} -o jsonpath='{{.status.applicationState.state}}')",
            "  case \"$state\" in",
            "    COMPLETED) exit 0 ;;",
            "    FAILED|SUBMISSION_FAILED) echo \"sparkapplication/$name: $state\"; exit 1 ;;",
            "  esac",
            "  sleep 15",
            "done");
        return new ScriptObject
        {
            ["identifier"] = $"{jobId}__{Python.Identifier(spark.Name)}",
            ["name"] = Python.Str($"{jobId}__{Python.Identifier(spark.Name)}"),
            ["image"] = Python.Str(Kubectl.ToString()),
            ["command"] = Python.List(["/bin/sh", "-c"]),
            ["args"] = Python.List([script]),
            // The Job runs beside the orchestrator; its service account may submit in Spark's namespace.
            ["namespace"] = Python.Str(podNamespace),
            ["env"] = $"[{{\"name\": \"SPARK_APPLICATION\", \"value\": {Python.CompactJson(application)}}}]",
            ["volume_mounts"] = "[]",
            ["volumes"] = "[]",
        };
    }
}
