using Scriban.Runtime;

namespace Lakehouse.Model.Jobs;

/// <summary>
/// A job as an Airflow DAG file: SparkRun -> SparkKubernetesOperator (the provider creates and watches the
/// SparkApplication), PodRun -> KubernetesPodOperator, After -> dependency edges. Deterministic text.
/// </summary>
public static class AirflowDags
{
    public static string FileName(JobSpec job) => $"{Python.Identifier(job.Name)}.py";

    /// <param name="job">The job.</param>
    /// <param name="runs">Its tasks resolved for this environment, in dependency order.</param>
    /// <param name="podNamespace">Where task pods run (the orchestrator's namespace).</param>
    /// <param name="platform">The platform's name, the DAG's tag.</param>
    public static string Render(JobSpec job, IReadOnlyList<TaskRun> runs, string podNamespace, string platform)
    {
        var tasks = new ScriptArray();
        foreach (var run in runs)
        {
            var task = new ScriptObject
            {
                ["identifier"] = Identifier(run.Name),
                ["task_id"] = Python.Str(run.Name),
                ["is_spark"] = run is SparkRun,
            };
            switch (run)
            {
                case SparkRun spark:
                    task["namespace"] = Python.Str(spark.Namespace);
                    // JSON is YAML: the provider reads the application as a YAML document.
                    task["application"] = Python.Json(spark.Application);
                    break;
                case PodRun pod:
                    task["namespace"] = Python.Str(podNamespace);
                    task["image"] = Python.Str(pod.Image.ToString());
                    task["cmds"] = Python.List(pod.Command.Take(1));
                    task["arguments"] = Python.List(pod.Command.Skip(1));
                    task["env"] = Python.EnvModels(pod.Environment, pod.SecretEnvironment);
                    task["volumes"] = Python.VolumeModels(pod);
                    task["volume_mounts"] = Python.VolumeMountModels(pod);
                    break;
            }
            tasks.Add(task);
        }
        var edges = new ScriptArray();
        foreach (var run in runs.Where(r => r.After.Count > 0))
        {
            var upstream = run.After.Count == 1 ? Identifier(run.After[0]) : "[" + string.Join(", ", run.After.Select(Identifier)) + "]";
            edges.Add($"{upstream} >> {Identifier(run.Name)}");
        }
        return JobTemplates.RenderAirflowDag(new ScriptObject
        {
            ["job_name"] = job.Name,
            ["dag_id"] = Python.Str(job.Name),
            ["schedule"] = job.Schedule is null ? "None" : Python.Str(job.Schedule),
            ["owner"] = Python.Str(job.Owner),
            ["tags"] = Python.List([platform]),
            ["retries"] = job.Retries,
            ["tasks"] = tasks,
            ["edges"] = edges,
        });
    }

    private static string Identifier(string task) => $"t_{Python.Identifier(task)}";
}
