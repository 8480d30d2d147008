using System.Text.Json.Nodes;
using k8s.Models;
using Lakehouse.Catalogue.CustomResources;
using Lakehouse.Model.Data;
using Lakehouse.Model.Jobs;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model.Components;

/// <summary>
/// The quality gate's alert and the orchestrator-side objects of the data declarations: the dbt project's
/// ConfigMap (<see cref="DbtRuns.ConfigMap"/>) and, under Airflow, a PrometheusRule in the orchestrator's
/// namespace (Prometheus loads rules with the monitor labels from every namespace) firing when a quality task
/// ("quality-TABLE", <see cref="DataCatalog.WithQualityGates"/>) failed. Airflow counts finished task instances
/// as the StatsD counter ti.finish.DAG.TASK.STATE, which the chart's exporter does not map: the extra mapping
/// below makes it airflow_ti_finish{dag_id, task_id, state}. Dagster exposes no metrics (Dagster.Metrics): a
/// failed quality op fails its run, which DagsterRunFailureRateHigh counts.
/// </summary>
public static class DataQualityRules
{
    public enum Orchestrator
    {
        Airflow,
        Dagster,
    }

    /// <summary>The alert's name.</summary>
    public const string AlertName = "DataQualityCheckFailed";

    /// <summary>statsd-exporter mapping of Airflow's ti.finish counter to airflow_ti_finish with labels.</summary>
    public static JsonObject AirflowTaskFinishMapping => new()
    {
        ["match"] = "airflow.ti.finish.*.*.*",
        ["name"] = "airflow_ti_finish",
        ["labels"] = new JsonObject { ["dag_id"] = "$1", ["task_id"] = "$2", ["state"] = "$3" },
    };

    /// <summary>The PromQL of the Airflow alert: a quality task instance failed in the last hour.</summary>
    public const string AirflowExpr = "sum by (dag_id, task_id) (increase(airflow_ti_finish{task_id=~\"quality-.*\", state=\"failed\"}[1h])) > 0";

    public static IReadOnlyList<ManifestObject> Manifests(ComponentContext context, string @namespace, string consumer, IReadOnlyList<JobSpec> jobs, Orchestrator orchestrator)
    {
        var manifests = new List<ManifestObject>();
        if (DbtRuns.ConfigMap(context, consumer, @namespace, jobs) is { } project)
        {
            manifests.Add(project);
        }
        var gated = jobs.SelectMany(j => j.Tasks).OfType<DbtTask>().Any(t => t.Name.StartsWith("quality-", StringComparison.Ordinal));
        if (gated && orchestrator == Orchestrator.Airflow)
        {
            manifests.Add(ManifestObject.From(new PrometheusRuleV1
            {
                Metadata = new V1ObjectMeta
                {
                    Name = context.Naming.Object(consumer, "data-quality"),
                    NamespaceProperty = @namespace,
                    Labels = context.MonitorLabels.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(),
                },
                Spec = new()
                {
                    Groups =
                    [
                        new()
                        {
                            Name = $"{context.Naming.Platform}.data-quality",
                            Rules =
                            [
                                new()
                                {
                                    Alert = AlertName,
                                    Expr = AirflowExpr,
                                    For = "0m",
                                    Labels = new Dictionary<string, string> { ["severity"] = "critical", ["platform"] = context.Naming.Platform },
                                    Annotations = new Dictionary<string, string>
                                    {
                                        ["summary"] = "A data quality check failed; downstream tasks did not run",
                                        ["description"] = "Task {{ $labels.task_id }} of DAG {{ $labels.dag_id }} failed: a dbt test of the table it checks returned failing rows, so the tasks after it were skipped.",
                                        ["runbook"] = "Open the task's log in the Airflow UI: dbt names the failing test and how many rows failed; fix the data or the producing task, then clear the quality task to let the run continue.",
                                    },
                                },
                            ],
                        },
                    ],
                },
            }));
        }
        return manifests;
    }
}
