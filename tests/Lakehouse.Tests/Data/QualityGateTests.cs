using Lakehouse.Model.Components;
using Lakehouse.Model.Data;
using Lakehouse.Model.Jobs;
using Lakehouse.Tests.Support;
using Sample = Lakehouse.Definitions.Data;

namespace Lakehouse.Tests.Data;

/// <summary>
/// The quality gate (docs/data-operations.md): after each task producing a checked table, a dbt test task of that
/// table; the producer's downstream tasks wait for it, so a failed check stops them, under Airflow (read from the
/// generated DAG with Python's parser) and Dagster alike; Airflow's failed quality task raises an alert.
/// </summary>
public class QualityGateTests
{
    private static string AirflowDag(string env) =>
        (string)Render.Spec(env, "orchestrator").Manifests.Single(m => m.Name == "orchestrator-dags").Body["data"]!["medallion_orders.py"]!;

    private static string DagsterCode =>
        (string)Render.Spec("staging", "orchestrator").Manifests.Single(m => m.Name == "orchestrator-dagster-jobs").Body["data"]!["definitions.py"]!;

    private static readonly (string Producer, string Gate)[] Gates =
    [
        ("ingest-bronze", "quality-bronze-orders"),
        ("merge-silver", "quality-silver-orders"),
        ("gold-marts", "quality-gold-daily-revenue"),
        ("gold-marts", "quality-gold-customer-revenue"),
    ];

    [Fact]
    public void Each_producing_task_is_followed_by_the_dbt_tests_of_its_tables()
    {
        var job = Sample.Catalog.WithQualityGates(Lakehouse.Definitions.Jobs.MedallionOrders);
        Assert.Equal(
            ["create-tables", "ingest-bronze", "quality-bronze-orders", "merge-silver", "quality-silver-orders", "gold-marts", "quality-gold-daily-revenue", "quality-gold-customer-revenue"],
            job.Tasks.Select(t => t.Name));
        var bronze = (DbtTask)job.Tasks.Single(t => t.Name == "quality-bronze-orders");
        Assert.Equal(["test", "--select", "source:bronze.orders"], bronze.Arguments);
        Assert.Equal(["test", "--select", "daily_revenue"], ((DbtTask)job.Tasks.Single(t => t.Name == "quality-gold-daily-revenue")).Arguments);
        Assert.Equal(["ingest-bronze", "quality-bronze-orders"], job.Tasks.Single(t => t.Name == "merge-silver").After);
    }

    [Theory]
    [InlineData("airflow")]
    [InlineData("dagster")]
    public void A_failed_check_stops_every_downstream_task_in_the_generated_code(string orchestrator)
    {
        var upstreams = orchestrator == "airflow"
            ? GeneratedPython.Upstreams("airflow", AirflowDag("dev"))["medallion-orders"]
            : GeneratedPython.Upstreams("dagster", DagsterCode)["medallion-orders"];
        foreach (var (producer, gate) in Gates)
        {
            Assert.Equal([producer], upstreams[gate]);
            Assert.DoesNotContain(GeneratedPython.UngatedDownstream(upstreams, producer, gate), t => !t.StartsWith("quality-", StringComparison.Ordinal));
        }
        Assert.Equal(["ingest-bronze", "quality-bronze-orders"], upstreams["merge-silver"]);
        Assert.Equal(["merge-silver", "quality-silver-orders"], upstreams["gold-marts"]);
    }

    [Fact]
    public void The_structure_check_finds_a_pipeline_whose_downstream_task_does_not_wait_for_the_check()
    {
        // The fixture that breaks it: the pipeline without its gates, rendered as Airflow renders it.
        var ungated = Lakehouse.Definitions.Jobs.MedallionOrders with
        {
            Tasks = [.. Lakehouse.Definitions.Jobs.MedallionOrders.Tasks,
                new DbtTask("quality-bronze-orders", Sample.Catalog.Dbt, ["test"]) { After = ["ingest-bronze"] }],
        };
        var runs = ungated.Validated().TopologicalOrder().Select(t => (TaskRun)new PodRun(t.Name, t.After, new("busybox", "1.37"), ["true"], [], [])).ToList();
        var upstreams = GeneratedPython.Upstreams("airflow", AirflowDags.Render(ungated, runs, "ns", "lakehouse"))["medallion-orders"];
        Assert.Equal(["gold-marts", "merge-silver"], GeneratedPython.UngatedDownstream(upstreams, "ingest-bronze", "quality-bronze-orders"));
    }

    [Fact]
    public void The_checks_are_dbt_tests_generic_for_not_null_and_unique_singular_for_the_others()
    {
        var files = Sample.Catalog.Dbt.Files("lakehouse").ToDictionary(f => f.Path, f => f.Content);
        Assert.Contains("  - name: orders\n    columns:\n    - name: order_id\n      data_tests:\n      - not_null\n      - unique\n", files["models/sources.yml"]);
        Assert.Equal("SELECT count(*) AS row_count FROM {{ source('bronze', 'orders') }} HAVING count(*) < 1\n", files["tests/bronze__orders__row_count.sql"]);
        Assert.Equal(
            "SELECT max(ingested_at) AS newest FROM {{ source('bronze', 'orders') }} HAVING max(ingested_at) IS NULL OR max(ingested_at) < current_timestamp - INTERVAL '1560' MINUTE\n",
            files["tests/bronze__orders__fresh_ingested_at.sql"]);
        Assert.Equal("SELECT * FROM {{ source('silver', 'orders') }} WHERE NOT (amount >= 0)\n", files["tests/silver__orders__non_negative_amount.sql"]);
        Assert.Equal("SELECT * FROM {{ ref('daily_revenue') }} WHERE NOT (revenue >= 0)\n", files["tests/gold__daily_revenue__non_negative_revenue.sql"]);
        Assert.Contains("- name: daily_revenue\n  columns:\n  - name: order_date\n    data_tests:\n    - not_null\n    - unique\n", files["models/models.yml"]);
    }

    [Fact]
    public void A_failed_quality_task_raises_an_alert_from_airflows_task_metrics()
    {
        var spec = Render.Spec("dev", "orchestrator");
        var mapping = spec.Values["statsd"]!["extraMappings"]![0]!;
        Assert.Equal(("airflow.ti.finish.*.*.*", "airflow_ti_finish", "$2"), ((string?)mapping["match"], (string?)mapping["name"], (string?)mapping["labels"]!["task_id"]));
        var rule = spec.Manifests.Single(m => m.Kind == "PrometheusRule").Body;
        Assert.Equal("lakehouse-orchestrator", (string?)rule["metadata"]!["namespace"]);
        Assert.Equal("monitoring", (string?)rule["metadata"]!["labels"]!["release"]);
        var alert = rule["spec"]!["groups"]![0]!["rules"]![0]!;
        Assert.Equal(DataQualityRules.AlertName, (string?)alert["alert"]);
        Assert.Equal(DataQualityRules.AirflowExpr, (string?)alert["expr"]);
        Assert.Equal("critical", (string?)alert["labels"]!["severity"]);
        // The alert's task pattern matches the gates' names.
        Assert.All(Gates, g => Assert.Matches("^quality-.*$", g.Gate));
        // Dagster exposes no metrics: no rule there; its failed run is counted by DagsterRunFailureRateHigh.
        Assert.DoesNotContain(Render.Spec("staging", "orchestrator").Manifests, m => m.Kind == "PrometheusRule");
    }
}
