using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Jobs;
using Lakehouse.Tests.Conformance;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Components;

/// <summary>Spark: SparkApplications configured for whichever catalog env/ chose, valid against the operator's CRD, without credentials.</summary>
public class SparkTests
{
    private static readonly SparkTask Task = new("compact", new ContainerImage("apache/spark", "3.5.7-python3"), "local:///opt/app/compact.py")
    {
        Executors = 3,
    };

    private static EnvironmentConfig WithCatalog(string env, CatalogConfig catalog) => Contexts.Environment(env) with { Catalog = catalog };

    public static TheoryData<string> Backends() => ["rest", "jdbc", "glue", "hive", "external-rest"];

    private static JsonObject Application(string backend)
    {
        var config = backend switch
        {
            "rest" => Contexts.Environment("dev"),
            "jdbc" => Contexts.Environment("staging"),
            "glue" => Contexts.Environment("aws"),
            "hive" => WithCatalog("dev", new CatalogConfig { Backend = CatalogBackend.Hive, Hive = new() { Uri = "thrift://metastore.data.example.com:9083" } }),
            "external-rest" => WithCatalog("dev", new CatalogConfig { Backend = CatalogBackend.ExternalRest, ExternalRest = new() { Uri = "https://catalog.data.example.com:443/api/catalog" } }),
            _ => throw new ArgumentException(backend),
        };
        var (spark, context) = Contexts.For<SparkOperator>(config, "spark");
        return spark.SparkApplication(context, "orchestrator", "events-maintenance", Task);
    }

    private static JsonObject Conf(string backend) => Application(backend)["spec"]!["sparkConf"]!.AsObject();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task The_application_validates_against_the_spark_operator_crd(string backend)
    {
        var schema = await CrdSchemas.Load(Paths.RequireUpstream("charts/spark-operator/crds/sparkoperator.k8s.io_sparkapplications.yaml"), "v1beta2");
        var application = Application(backend);
        var errors = schema.Validate(application.ToJsonString());
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        Assert.Equal("sparkoperator.k8s.io/v1beta2", (string?)application["apiVersion"]);
        Assert.Equal("lakehouse-spark", (string?)application["metadata"]!["namespace"]);
        Assert.Equal(3L, (long)application["spec"]!["executor"]!["instances"]!);
    }

    [Theory]
    [InlineData("rest", "rest")]
    [InlineData("jdbc", "jdbc")]
    [InlineData("glue", "glue")]
    [InlineData("hive", "hive")]
    [InlineData("external-rest", "rest")]
    public void The_catalog_follows_the_backend_with_iceberg_property_names(string backend, string type)
    {
        var conf = Conf(backend);
        Assert.Equal("org.apache.iceberg.spark.SparkCatalog", (string?)conf["spark.sql.catalog.iceberg"]);
        Assert.Equal(type, (string?)conf["spark.sql.catalog.iceberg.type"]);
        Assert.Equal("org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions", (string?)conf["spark.sql.extensions"]);
        Assert.Equal("org.apache.iceberg.aws.s3.S3FileIO", (string?)conf["spark.sql.catalog.iceberg.io-impl"]);
        Assert.NotNull(conf["spark.sql.catalog.iceberg.s3.endpoint"]);
        // Keys that look right but are not Iceberg's never appear.
        Assert.DoesNotContain(conf, p => p.Key.Contains(".rest.uri", StringComparison.Ordinal) || p.Key.EndsWith(".catalog-type", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_backend_gets_its_own_connection_settings()
    {
        Assert.Equal("http://iceberg-catalog-polaris.lakehouse-iceberg-catalog.svc.cluster.local:8181/api/catalog", (string?)Conf("rest")["spark.sql.catalog.iceberg.uri"]);
        Assert.Equal("env:ICEBERG_REST_CREDENTIAL", (string?)Conf("rest")["spark.sql.catalog.iceberg.credential"]);
        Assert.Equal("jdbc:postgresql://postgres-rw.lakehouse-postgres.svc.cluster.local:5432/iceberg_catalog", (string?)Conf("jdbc")["spark.sql.catalog.iceberg.uri"]);
        Assert.Equal("iceberg_catalog", (string?)Conf("jdbc")["spark.sql.catalog.iceberg.jdbc.user"]);
        Assert.Equal("thrift://metastore.data.example.com:9083", (string?)Conf("hive")["spark.sql.catalog.iceberg.uri"]);
        Assert.Equal("eu-west-1", (string?)Conf("glue")["spark.sql.catalog.iceberg.client.region"]);
        Assert.Equal("s3://lakehouse-aws-warehouse/", (string?)Conf("glue")["spark.sql.catalog.iceberg.warehouse"]);
        Assert.Contains("org.postgresql:postgresql:42.7.7", Application("jdbc")["spec"]!["deps"]!["packages"]!.AsArray().Select(p => (string)p!));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Credentials_reach_the_pods_only_from_secrets(string backend)
    {
        var application = Application(backend);
        foreach (var role in new[] { "driver", "executor" })
        {
            foreach (var env in application["spec"]![role]!["env"]!.AsArray())
            {
                var name = (string)env!["name"]!;
                Assert.True(env["valueFrom"] is not null || name is "AWS_REGION" or "PGPASSFILE", $"{role} env {name} has a literal value");
            }
        }
        var text = application.ToJsonString();
        Assert.DoesNotContain("password\":\"", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret-key\":\"", text.Replace("\"key\":\"secret-key\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void With_workload_identity_spark_reads_no_keys()
    {
        var env = Application("glue")["spec"]!["driver"]!["env"]!.AsArray().Select(e => (string)e!["name"]!).ToList();
        Assert.DoesNotContain("AWS_ACCESS_KEY_ID", env);
        Assert.DoesNotContain("AWS_SECRET_ACCESS_KEY", env);
        var values = Render.Reference.Platform!.Environments.Single(e => e.Name == "aws").Components.Single(c => c.Name == "spark").Spec.Values;
        Assert.Equal("arn:aws:iam::123456789012:role/lakehouse-aws-spark", (string?)values["spark"]!["serviceAccount"]!["annotations"]!["eks.amazonaws.com/role-arn"]);
        var config = Contexts.Environment("aws");
        var problems = EnvironmentConfigChecks.Check(config with { Spark = new SparkConfig() }).ToList();
        Assert.Contains(problems, p => p.KeyPath == "spark" && p.Message.Contains("spark.serviceAccountRoleArn", StringComparison.Ordinal));
    }

    [Fact]
    public void Lineage_is_wired_when_the_platform_has_a_backend_and_absent_when_not()
    {
        var conf = Conf("rest");
        Assert.Equal("io.openlineage.spark.agent.OpenLineageSparkListener", (string?)conf["spark.extraListeners"]);
        Assert.Equal("http://lineage-marquez.lakehouse-lineage.svc.cluster.local:80", (string?)conf["spark.openlineage.transport.url"]);
        Assert.Equal("lakehouse-dev", (string?)conf["spark.openlineage.namespace"]);

        var withoutLineage = new TestPlatform((p, env) =>
        {
            p.Add(new Monitoring("monitoring"));
            p.AddObjectStorage(env, ["warehouse"]);
            p.Add(new StubBackends("postgres"));
            p.AddIcebergCatalog(env, "warehouse");
            p.Add(new SparkOperator("spark"));
        });
        var (spark, context) = Contexts.For<SparkOperator>(Contexts.Environment("dev"), "spark", withoutLineage);
        var application = spark.SparkApplication(context, "orchestrator", "job", Task);
        Assert.Null(application["spec"]!["sparkConf"]!["spark.extraListeners"]);
        Assert.DoesNotContain(application["spec"]!["deps"]!["packages"]!.AsArray(), p => ((string)p!).Contains("openlineage", StringComparison.Ordinal));
    }

    [Fact]
    public void The_operator_runs_jobs_in_its_namespace_and_lets_the_orchestrator_submit_there()
    {
        var spec = Render.Reference.Platform!.Environments.Single(e => e.Name == "dev").Components.Single(c => c.Name == "spark").Spec;
        Assert.Equal(["lakehouse-spark"], spec.Values["spark"]!["jobNamespaces"]!.AsArray().Select(n => (string)n!));
        var binding = spec.Manifests.Single(m => m.Kind == "RoleBinding").Body;
        Assert.Equal("system:serviceaccounts:lakehouse-orchestrator", (string?)binding["subjects"]![0]!["name"]);
        Assert.True((bool)spec.Values["prometheus"]!["podMonitor"]!["create"]!);
        Assert.Contains(spec.Manifests, m => m.Kind == "PodMonitor" && m.Name == "spark-drivers");
    }

    [Fact]
    public void Application_names_are_dns_labels_even_for_long_jobs() =>
        Assert.True(SparkOperator.ApplicationName("orchestrator", new string('j', 40), "compact-everything").Length <= 63);
}
