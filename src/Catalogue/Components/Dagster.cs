using System.Text.Json.Nodes;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Jobs;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model.Components;

/// <summary>
/// Dagster (chart dagster from dagster-io.github.io/helm) running the platform's jobs: one code location
/// whose definitions.py is generated from the same JobSpecs Airflow renders as DAGs, mounted from a
/// ConfigMap into the pinned dagster-k8s image; runs are Kubernetes Jobs (K8sRunLauncher), each task a
/// k8s_job_op. Run and event storage on the platform's PostgreSQL.
/// </summary>
/// <param name="Name">Component name.</param>
/// <param name="Jobs">The jobs Dagster runs.</param>
public sealed record Dagster(string Name, IReadOnlyList<JobSpec> Jobs) : Component(Name)
{
    /// <summary>Keys checked against the chart's pydantic schema, helm/dagster/schema in dagster-io/dagster (docs/components.md).</summary>
    public static HelmChart Chart => Locked.Chart("dagster");

    /// <summary>The code server image: dagster, dagster-k8s and dagster-postgres at the chart's version.</summary>
    public static ContainerImage CodeImage => Locked.Image("dagster-code");

    private const int WebserverPort = 80;
    private const int CodePort = 3030;
    private const string CodeFolder = "/opt/lakehouse/jobs";

    /// <summary>
    /// The purpose of the bucket (declared on the object store) Dagster writes its compute logs to
    /// (S3ComputeLogManager), under the prefix of its own name; null keeps them on the run pods.
    /// </summary>
    public string? LogsBucket { get; init; }

    public override IReadOnlyList<Need> Needs => OrchestratorNeeds.For(Jobs, LogsBucket);

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var naming = context.Naming;
        var config = context.Environment.Orchestrator.Dagster;
        var db = context.Use<IPostgres>().DatabaseFor(context, Name);
        // The chart reads the role's password under its own key name: the same value as the database Secret's.
        context.Secrets.Declare(naming.Secret(Name, "postgresql"), "postgresql-password", Model.Secrets.SecretSource.SameAs(db.Password));
        var codeConfigMap = naming.Object(Name, "dagster-jobs");

        var values = UntypedChartValues(ns, naming, config, db, codeConfigMap);
        if (LogsBucket is not null)
        {
            var logs = RemoteLogs.For(context, Name, LogsBucket);
            ComputeLogs(values, logs, OrchestratorNeeds.WorkloadIdentity(context, logs));
        }

        var jobs = Jobs.Select(j => (j, TaskRuns.Resolve(context, Name, j))).ToList();
        var code = ManifestObject.From(new k8s.Models.V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new k8s.Models.V1ObjectMeta { Name = codeConfigMap, NamespaceProperty = ns },
            Data = new Dictionary<string, string> { [DagsterDefinitions.FileName] = DagsterDefinitions.Render(jobs, ns) },
        });

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values,
            Manifests = [.. StandardObjects.Baseline(context, this, [WebserverPort, CodePort], [],
                podSecurity: PodSecurity.Baseline("the chart's pods set no seccomp profile and the dagster-k8s images declare no non-root user, which restricted requires")), code,
                .. DataQualityRules.Manifests(context, ns, Name, Jobs, DataQualityRules.Orchestrator.Dagster)],
            // Runs and task steps are Kubernetes Jobs the launcher creates.
            Egress = [EgressGrant.KubernetesApi("K8sRunLauncher creates a Job per run and k8s_job_op a Job per task step")],
            Metrics = new NoMetrics("Dagster 1.11 exposes no Prometheus endpoint; its runs are Kubernetes Jobs, watched through kube-state-metrics (DagsterRunFailureRateHigh)"),
            Probes = new ChartProbes("dagsterWebserver.livenessProbe", "dagsterWebserver.readinessProbe"),
        };
    }

    /// <summary>
    /// Compute logs to the object store (chart key computeLogManager, S3ComputeLogManager: bucket, prefix,
    /// endpointUrl, region, as helm/dagster/schema's ComputeLogManager model lists them). Run workers write them
    /// (they inherit the code location's environment: includeConfigInLaunchedRuns) and the webserver reads them;
    /// both get the S3 keys from the orchestrator's Secret as boto3's environment variables, or the IAM role on
    /// the chart's service account.
    /// </summary>
    private static void ComputeLogs(JsonObject values, RemoteLogs logs, Dictionary<string, string>? identity)
    {
        values
            .Set("computeLogManager.type", "S3ComputeLogManager")
            .Set("computeLogManager.config.s3ComputeLogManager.bucket", logs.Bucket)
            .Set("computeLogManager.config.s3ComputeLogManager.prefix", logs.Prefix)
            .Set("computeLogManager.config.s3ComputeLogManager.endpointUrl", logs.Endpoint.ToString())
            .Set("computeLogManager.config.s3ComputeLogManager.region", logs.Region);
        if (identity is not null)
        {
            values.Set("serviceAccount.annotations", Values.Map(identity));
            return;
        }
        JsonArray Keys() => Values.List(
            SecretEnv("AWS_ACCESS_KEY_ID", logs.Credentials.AccessKey!),
            SecretEnv("AWS_SECRET_ACCESS_KEY", logs.Credentials.SecretKey!));
        values.Set("dagsterWebserver.env", Keys());
        foreach (var deployment in values["dagster-user-deployments"]!["deployments"]!.AsArray())
        {
            deployment!["env"] = Keys();
        }
    }

    private static JsonObject SecretEnv(string name, SecretRef secret) => new()
    {
        ["name"] = name,
        ["valueFrom"] = new JsonObject { ["secretKeyRef"] = new JsonObject { ["name"] = secret.SecretName, ["key"] = secret.Key } },
    };

    /// <summary>
    /// The seam for a chart without generated types (docs/charts.md, "Charts without generated types"):
    /// dagster 1.11.13 is locked <c>unverified</c> because its chart could not be obtained on this project's
    /// machines, so the generator has no values to type and these keys stay dotted paths, checked only by
    /// hydration when the chart is available. Once the chart restores, DagsterValues exists and this method
    /// converts like Airflow's values.
    /// </summary>
    private JsonObject UntypedChartValues(string ns, Naming naming, DagsterConfig config, PostgresDatabase db, string codeConfigMap) =>
        new JsonObject()
            .Set("dagsterWebserver.replicaCount", 1)
            // The chart renders each probe while its object is set; its liveness probe is empty by default.
            .Set("dagsterWebserver.readinessProbe.httpGet.path", "/server_info")
            .Set("dagsterWebserver.livenessProbe.httpGet.path", "/server_info")
            .Set("dagsterWebserver.livenessProbe.httpGet.port", WebserverPort)
            .Set("dagsterWebserver.livenessProbe.periodSeconds", 20)
            .Set("dagsterWebserver.resources", Values.Resources(config.Resources))
            .Set("dagsterDaemon.enabled", true)
            .Set("dagsterDaemon.resources", Values.Resources(config.Resources))
            // Run storage on the platform's PostgreSQL; the password is in an existing Secret
            // (key postgresql-password), so the chart generates none.
            .Set("postgresql.enabled", false)
            .Set("postgresql.postgresqlHost", db.Endpoint.Host)
            .Set("postgresql.postgresqlUsername", db.Role)
            .Set("postgresql.postgresqlDatabase", db.Database)
            .Set("postgresql.service.port", db.Endpoint.Port)
            .Set("generatePostgresqlPasswordSecret", false)
            .Set("global.postgresqlSecretName", naming.Secret(Name, "postgresql"))
            .Set("rabbitmq.enabled", false)
            .Set("redis.enabled", false)
            .Set("runLauncher.type", "K8sRunLauncher")
            .Set("runLauncher.config.k8sRunLauncher.jobNamespace", ns)
            .Set("dagster-user-deployments.enabled", true)
            .Set("dagster-user-deployments.deployments", Values.List(new JsonObject
            {
                ["name"] = $"{naming.Platform}-jobs",
                ["image"] = new JsonObject { ["repository"] = CodeImage.Repository, ["tag"] = CodeImage.Tag, ["pullPolicy"] = "IfNotPresent" },
                ["dagsterApiGrpcArgs"] = Values.List("-f", $"{CodeFolder}/{DagsterDefinitions.FileName}"),
                ["port"] = CodePort,
                ["volumes"] = Values.List(new JsonObject { ["name"] = "jobs", ["configMap"] = new JsonObject { ["name"] = codeConfigMap } }),
                ["volumeMounts"] = Values.List(new JsonObject { ["name"] = "jobs", ["mountPath"] = CodeFolder, ["readOnly"] = true }),
                ["includeConfigInLaunchedRuns"] = new JsonObject { ["enabled"] = true },
                ["resources"] = Values.Resources(config.Resources),
            }));
}
