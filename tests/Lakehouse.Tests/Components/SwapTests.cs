using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Components;

/// <summary>
/// Swapping a backend is a change in env/ only: the same definitions render the other backend, and the
/// tree changes exactly where the swap reaches.
/// </summary>
public class SwapTests
{
    private static (IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed, TempRepository Repo) Swap(string env, Func<string, string> edit)
    {
        var repo = new TempRepository();
        repo.Write($"env/{env}.yaml", edit(repo.Read($"env/{env}.yaml")));
        var before = repo.Snapshot();
        var (code, output) = repo.Run("render");
        Assert.True(code == 0, output);
        var after = repo.Snapshot();
        return (
            after.Keys.Except(before.Keys).Order(StringComparer.Ordinal).ToList(),
            before.Keys.Except(after.Keys).Order(StringComparer.Ordinal).ToList(),
            after.Keys.Intersect(before.Keys).Where(k => after[k].Hash != before[k].Hash).Order(StringComparer.Ordinal).ToList(),
            repo);
    }

    [Fact]
    public void Catalog_rest_to_glue_changes_only_env_and_what_the_catalog_reaches()
    {
        // The whole section: a leftover catalog.rest beside glue is an error (LH0040).
        var (added, removed, changed, repo) = Swap("prod", text => ReplaceSection(text, "catalog",
            "catalog:\n  backend: glue\n  glue:\n    region: us-east-1\n"));
        using var _ = repo;
        Assert.Empty(added);
        // The Polaris Application and its prod overlay go: Glue is referenced, not deployed.
        Assert.Contains("gitops/prod/cluster/application-lakehouse-prod-iceberg-catalog.yaml", removed);
        Assert.Contains("gitops/prod/apps/iceberg-catalog/kustomization.yaml", removed);
        // With it go its clients' REST credentials (their declarations, docs/secrets.md).
        Assert.All(removed, p => Assert.True(p.Contains("iceberg-catalog", StringComparison.Ordinal) || p.EndsWith("-catalog-credentials.yaml", StringComparison.Ordinal), p));
        // Trino's prod catalog file now speaks Glue; the other environments keep REST.
        var prodTrino = repo.Read("gitops/prod/apps/trino/values.yaml");
        Assert.Contains("iceberg.catalog.type=glue", prodTrino);
        Assert.Contains("hive.metastore.glue.region=us-east-1", prodTrino);
        Assert.Contains("hive.metastore.glue.default-warehouse-dir=s3://lakehouse-prod-warehouse/", prodTrino);
        Assert.DoesNotContain("ICEBERG_REST_CREDENTIAL", prodTrino);
        Assert.Contains("iceberg.catalog.type=rest", repo.Read("gitops/dev/apps/trino/values.yaml"));
        Assert.Contains("gitops/prod/cluster/kustomization.yaml", changed);
        // The catalog's own AppProject goes with its Application; clients now leave their namespace for Glue on 443 only.
        Assert.Contains("gitops/prod/cluster/appproject-lakehouse-prod-iceberg-catalog.yaml", removed);
        Assert.Contains("iceberg-catalog (external, port 443)", repo.Read("gitops/prod/apps/trino/networkpolicy-default-egress.yaml"));
        // Prod's files only (and their lines in the owned list).
        Assert.All(added.Concat(removed).Concat(changed), p => Assert.True(p == "gitops/.generated" || p.StartsWith("gitops/prod/", StringComparison.Ordinal), p));
    }

    [Fact]
    public void Object_store_minio_to_external_removes_the_deployed_store_in_that_environment_only()
    {
        var (_, removed, _, repo) = Swap("prod", text => ReplaceSection(text, "storage",
            "storage:\n  backend: external\n  region: us-east-1\n  external:\n    endpoint: https://s3.us-east-1.amazonaws.com:443\n"));
        using var _ = repo;
        Assert.Contains("gitops/prod/cluster/application-lakehouse-prod-object-storage.yaml", removed);
        Assert.Contains("gitops/prod/cluster/application-lakehouse-prod-minio-operator.yaml", removed);
        Assert.True(File.Exists(repo.PathOf("gitops/dev/cluster/application-lakehouse-dev-object-storage.yaml")));
        var prodTrino = repo.Read("gitops/prod/apps/trino/values.yaml");
        Assert.Contains("s3.endpoint=https://s3.us-east-1.amazonaws.com:443", prodTrino);
        Assert.Contains("s3.path-style-access=false", prodTrino);
        // Without workload identity, Trino still reads its keys from its own Secret.
        Assert.Contains("s3.aws-access-key=${ENV:S3_ACCESS_KEY}", prodTrino);
        // PostgreSQL backups follow the store: same bucket name, the external endpoint.
        Assert.Contains("endpointURL: https://s3.us-east-1.amazonaws.com:443", repo.Read("gitops/prod/apps/postgres/values.yaml"));
    }

    [Fact]
    public void Object_store_minio_to_seaweedfs_swaps_the_chart_and_every_consumer_follows()
    {
        var (added, removed, changed, repo) = Swap("dev", text => ReplaceSection(text, "storage",
            "storage:\n  backend: seaweedfs\n  region: us-east-1\n  seaweedfs:\n    volumeServers: 1\n    volumeSize: 20Gi\n    resources:\n      cpu: 250m\n      memory: 1Gi\n"));
        using var _ = repo;
        // The MinIO operator goes; the object-storage Application now installs the seaweedfs chart.
        Assert.Contains("gitops/dev/cluster/application-lakehouse-dev-minio-operator.yaml", removed);
        // Dev's files only: object-storage's, and the egress of its clients, which now reach SeaweedFS' S3 port instead of MinIO's.
        Assert.All(added.Concat(removed).Concat(changed), p => Assert.True(p == "gitops/.generated" || p.StartsWith("gitops/dev/", StringComparison.Ordinal), p));
        Assert.Contains("port: 8333", repo.Read("gitops/dev/apps/trino/networkpolicy-default-egress.yaml"));
        var app = repo.Read("gitops/dev/cluster/application-lakehouse-dev-object-storage.yaml");
        Assert.Contains("chart: seaweedfs", app);
        Assert.Contains("targetRevision: 4.44.0", app);
        // Each Application reads its own environment's values; prod's Application is untouched.
        Assert.Contains("$values/gitops/dev/apps/object-storage/values.yaml", app);
        Assert.Contains("$values/gitops/prod/apps/object-storage/values.yaml", repo.Read("gitops/prod/cluster/application-lakehouse-prod-object-storage.yaml"));
        // Consumers reach SeaweedFS' S3 service, path-style, with the same per-consumer Secrets.
        var trino = repo.Read("gitops/dev/apps/trino/values.yaml");
        Assert.Contains("s3.endpoint=http://object-storage-seaweedfs-s3.lakehouse-object-storage.svc.cluster.local:8333", trino);
        Assert.Contains("s3.path-style-access=true", trino);
        Assert.Contains("s3.aws-access-key=${ENV:S3_ACCESS_KEY}", trino);
        Assert.All(changed, p => Assert.True(p.StartsWith("gitops/", StringComparison.Ordinal), p));
        // The rendered difference, consumer by consumer: every S3 client of dev follows the store.
        const string seaweedS3 = "http://object-storage-seaweedfs-s3.lakehouse-object-storage.svc.cluster.local:8333";
        Assert.Contains($"endpointURL: {seaweedS3}", repo.Read("gitops/dev/apps/postgres/values.yaml"));
        Assert.Contains($"MLFLOW_S3_ENDPOINT_URL: {seaweedS3}", repo.Read("gitops/dev/apps/mlflow/values.yaml"));
        Assert.Contains($"\"spark.sql.catalog.iceberg.s3.endpoint\": \"{seaweedS3}\"", repo.Read("gitops/dev/apps/orchestrator/configmap-orchestrator-dags.yaml"));
        // No operator to wait for: object-storage moves up a sync wave and depends on monitoring only.
        Assert.Contains("lakehouse.io/depends-on: external-secrets,monitoring\n", app);
        Assert.DoesNotContain("minio-operator", app);
        // MinIO's own ServiceMonitor goes with the tenant; SeaweedFS' chart renders its monitors.
        Assert.Contains("gitops/dev/apps/object-storage/servicemonitor-object-storage.yaml", removed);
        Assert.Contains("    monitoring:\n      enabled: true", repo.Read("gitops/dev/apps/object-storage/values.yaml"));
        // Other environments keep their store: prod's Trino still reads MinIO.
        Assert.Contains("s3.endpoint=http://minio.lakehouse-object-storage.svc.cluster.local:80", repo.Read("gitops/prod/apps/trino/values.yaml"));
        Assert.DoesNotContain(changed, p => p.StartsWith("gitops/prod/cluster/", StringComparison.Ordinal) && !p.Contains("object-storage", StringComparison.Ordinal));
    }

    [Fact]
    public void Catalog_rest_to_jdbc_puts_the_catalog_in_postgres_and_lets_trino_reach_it()
    {
        var (added, removed, changed, repo) = Swap("dev", text => ReplaceSection(text, "catalog", "catalog:\n  backend: jdbc\n"));
        using var _ = repo;
        // Only the clients' declared database Secrets (and Spark's pgpass) are new: the catalog's role password, templated.
        Assert.Equal(["gitops/dev/apps/spark/externalsecret-spark-catalog-database.yaml", "gitops/dev/apps/spark/externalsecret-spark-catalog-pgpass.yaml", "gitops/dev/apps/trino/externalsecret-trino-catalog-database.yaml"], added);
        Assert.Contains("gitops/dev/cluster/application-lakehouse-dev-iceberg-catalog.yaml", removed);
        var trino = repo.Read("gitops/dev/apps/trino/values.yaml");
        Assert.Contains("iceberg.catalog.type=jdbc\n", trino);
        Assert.Contains("iceberg.jdbc-catalog.driver-class=org.postgresql.Driver\n", trino);
        Assert.Contains("iceberg.jdbc-catalog.connection-password=${ENV:ICEBERG_JDBC_PASSWORD}\n", trino);
        Assert.Contains("iceberg.jdbc-catalog.connection-url=jdbc:postgresql://postgres-rw.lakehouse-postgres.svc.cluster.local:5432/iceberg_catalog\n", trino);
        Assert.Contains("iceberg.jdbc-catalog.connection-user=${ENV:ICEBERG_JDBC_USER}\n", trino);
        Assert.Contains("iceberg.jdbc-catalog.catalog-name=lakehouse\n", trino);
        Assert.Contains("iceberg.jdbc-catalog.default-warehouse-dir=s3://lakehouse-dev-warehouse/\n", trino);
        Assert.Contains("name: trino-catalog-database", trino);
        Assert.DoesNotContain("iceberg.rest-catalog", trino);
        // The catalog keeps its database and role; Trino is now let into PostgreSQL's namespace.
        Assert.Contains("name: iceberg_catalog", repo.Read("gitops/dev/apps/postgres/values.yaml"));
        Assert.Contains("kubernetes.io/metadata.name: lakehouse-trino", repo.Read("gitops/dev/apps/postgres/networkpolicy-default-ingress.yaml"));
        Assert.All(changed, p => Assert.True(p.StartsWith("gitops/", StringComparison.Ordinal), p));
    }

    [Fact]
    public void Catalog_rest_to_hive_points_trino_at_the_metastore()
    {
        var (added, removed, _, repo) = Swap("dev", text => ReplaceSection(text, "catalog", "catalog:\n  backend: hive\n  hive:\n    uri: thrift://metastore.data.example.com:9083\n"));
        using var _ = repo;
        Assert.Empty(added);
        Assert.Contains("gitops/dev/cluster/application-lakehouse-dev-iceberg-catalog.yaml", removed);
        var trino = repo.Read("gitops/dev/apps/trino/values.yaml");
        Assert.Contains("iceberg.catalog.type=hive_metastore\nhive.metastore.uri=thrift://metastore.data.example.com:9083\n", trino.Replace("    ", ""));
        Assert.Contains("# Referenced, not deployed: iceberg-catalog (Hive Metastore)", repo.Read("gitops/dev/cluster/kustomization.yaml"));
    }

    [Fact]
    public void Catalog_rest_to_an_external_rest_endpoint_keeps_oauth2_and_drops_polaris()
    {
        var (added, removed, changed, repo) = Swap("dev", text => ReplaceSection(text, "catalog",
            "catalog:\n  backend: external-rest\n  externalRest:\n    uri: https://catalog.data.example.com:443/api/catalog\n"));
        using var _ = repo;
        Assert.Empty(added);
        Assert.Contains("gitops/dev/cluster/application-lakehouse-dev-iceberg-catalog.yaml", removed);
        // Polaris' files, and the workspaces' Polaris service-principal credentials (docs/workspaces.md).
        Assert.All(removed, p => Assert.True(p.Contains("iceberg-catalog", StringComparison.Ordinal) || p.EndsWith("-catalog-credentials.yaml", StringComparison.Ordinal), p));
        Assert.Contains("gitops/dev/apps/analytics/externalsecret-analytics-catalog-credentials.yaml", removed);
        Assert.All(changed, p => Assert.True(p.StartsWith("gitops/", StringComparison.Ordinal), p));
        var trino = repo.Read("gitops/dev/apps/trino/values.yaml");
        Assert.Contains("iceberg.catalog.type=rest\n", trino);
        Assert.Contains("iceberg.rest-catalog.uri=https://catalog.data.example.com:443/api/catalog\n", trino);
        Assert.Contains("iceberg.rest-catalog.warehouse=lakehouse\n", trino);
        Assert.Contains("iceberg.rest-catalog.security=OAUTH2\n", trino);
        Assert.Contains("iceberg.rest-catalog.oauth2.credential=${ENV:ICEBERG_REST_CREDENTIAL}\n", trino);
        Assert.Contains("name: trino-catalog-credentials", trino);
        // The catalog serves its own tokens unless env/ names an identity provider.
        Assert.DoesNotContain("oauth2.server-uri", trino);
        Assert.Contains("# Referenced, not deployed: iceberg-catalog (Iceberg REST catalog run outside the platform)", repo.Read("gitops/dev/cluster/kustomization.yaml"));
    }

    [Fact]
    public void An_external_rest_catalog_behind_an_identity_provider_gets_its_warehouse_and_token_endpoint_in_trino_and_spark()
    {
        var (_, _, _, repo) = Swap("dev", text => ReplaceSection(text, "catalog",
            "catalog:\n  backend: external-rest\n  externalRest:\n    uri: https://lakekeeper.data.example.com:443/catalog\n"
            + "    warehouse: 01f2-project/lakehouse\n    scope: lakekeeper\n"
            + "    tokenUri: https://idp.data.example.com:443/realms/data/protocol/openid-connect/token\n"));
        using var _ = repo;
        var trino = repo.Read("gitops/dev/apps/trino/values.yaml");
        Assert.Contains("iceberg.rest-catalog.warehouse=01f2-project/lakehouse\n", trino);
        Assert.Contains("iceberg.rest-catalog.oauth2.scope=lakekeeper\n", trino);
        Assert.Contains("iceberg.rest-catalog.oauth2.server-uri=https://idp.data.example.com:443/realms/data/protocol/openid-connect/token\n", trino);
        var spark = Lakehouse.Model.Components.SparkIcebergConf.For("iceberg",
            new Lakehouse.Model.Contracts.RestCatalogConnection(Lakehouse.Model.Endpoint.Parse("https://lakekeeper.data.example.com:443/catalog"), "01f2-project/lakehouse",
                new Lakehouse.Model.SecretRef("spark-catalog-credentials", "credential"), "lakekeeper")
            {
                WarehouseLocation = "s3://lakehouse-dev-warehouse/",
                OAuth2ServerUri = Lakehouse.Model.Endpoint.Parse("https://idp.data.example.com:443/realms/data/protocol/openid-connect/token"),
            },
            Lakehouse.Model.Endpoint.Parse("http://minio.lakehouse-object-storage.svc.cluster.local:80"), "us-east-1", true).ToDictionary(e => e.Key, e => e.Value);
        Assert.Equal("https://idp.data.example.com:443/realms/data/protocol/openid-connect/token", spark["spark.sql.catalog.iceberg.oauth2-server-uri"]);
        Assert.Equal("01f2-project/lakehouse", spark["spark.sql.catalog.iceberg.warehouse"]);
    }

    [Fact]
    public void An_external_rest_token_endpoint_must_be_a_dns_name_with_scheme_and_port()
    {
        using var repo = new TempRepository();
        repo.Write("env/dev.yaml", ReplaceSection(repo.Read("env/dev.yaml"), "catalog",
            "catalog:\n  backend: external-rest\n  externalRest:\n    uri: https://catalog.data.example.com:443/api/catalog\n    tokenUri: idp.data.example.com/token\n"));
        var (code, output) = repo.Run("render");
        Assert.NotEqual(0, code);
        Assert.Contains("env/dev.yaml(", output);
        Assert.Contains("catalog.externalRest.tokenUri", output);
    }

    [Fact]
    public void A_catalog_backend_without_its_section_is_an_error_at_the_key()
    {
        using var repo = new TempRepository();
        repo.Write("env/dev.yaml", ReplaceSection(repo.Read("env/dev.yaml"), "catalog", "catalog:\n  backend: hive\n"));
        var before = repo.Snapshot();
        var (code, output) = repo.Run("render");
        Assert.NotEqual(0, code);
        Assert.Contains("env/dev.yaml(", output);
        Assert.Contains("catalog.backend is 'hive' but the catalog.hive section is missing", output);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), repo.Snapshot().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Orchestrator_airflow_to_dagster_runs_the_same_jobs_and_changes_only_the_orchestrator()
    {
        var (added, removed, changed, repo) = Swap("dev", text => ReplaceSection(text, "orchestrator", "orchestrator:\n  backend: dagster\n"));
        using var _ = repo;
        var app = repo.Read("gitops/dev/cluster/application-lakehouse-dev-orchestrator.yaml");
        Assert.Contains("chart: dagster", app);
        Assert.Contains("repoURL: https://dagster-io.github.io/helm", app);
        // The DAG ConfigMap of dev gives way to Dagster's code location, generated from the same jobs.
        var code = string.Concat(added.Concat(changed).Where(p => p.StartsWith("gitops/dev/apps/orchestrator/", StringComparison.Ordinal)).Select(repo.Read));
        Assert.Contains("definitions.py: |", code);
        Assert.Contains("medallion_orders__ingest_bronze", code);
        Assert.Contains("medallion_orders__quality_bronze_orders", code);
        Assert.Contains("maintain_bronze__compact_bronze_orders", code);
        // The orchestrator's project now allows Dagster's chart repository; Valkey no longer admits the
        // orchestrator (Dagster needs no broker) and Prometheus no longer reaches Airflow's statsd exporter
        // (Dagster has no metrics port); the platform's alerts follow the orchestrator (Airflow's task failure alert
        // gives way to Dagster's run failure alert). Nothing else outside the orchestrator changes.
        var rules = repo.Read("gitops/dev/apps/monitoring/prometheusrule-lakehouse-platform.yaml");
        Assert.Contains("DagsterRunFailureRateHigh", rules);
        Assert.DoesNotContain("AirflowTaskFailureRateHigh", rules);
        Assert.Contains("https://dagster-io.github.io/helm", repo.Read("gitops/dev/cluster/appproject-lakehouse-dev-orchestrator.yaml"));
        Assert.DoesNotContain("lakehouse-orchestrator", repo.Read("gitops/dev/apps/valkey/networkpolicy-default-ingress.yaml"));
        Assert.All(added.Concat(removed).Concat(changed).Where(p => p != "gitops/.generated"),
            p => Assert.True(p.Contains("orchestrator", StringComparison.Ordinal)
                || p.StartsWith("gitops/dev/apps/valkey/", StringComparison.Ordinal)
                || p.StartsWith("gitops/dev/apps/external-secrets/", StringComparison.Ordinal) // Airflow's generated keys go
                || p.StartsWith("gitops/dev/apps/monitoring/networkpolicy-default-egress", StringComparison.Ordinal)
                || p == "gitops/dev/apps/monitoring/prometheusrule-lakehouse-platform.yaml", p));
    }

    /// <summary>Replaces one top-level section of an env file (from its key to the next top-level key).</summary>
    private static string ReplaceSection(string text, string key, string replacement)
    {
        var start = text.IndexOf($"\n{key}:\n", StringComparison.Ordinal) + 1;
        var end = start + key.Length + 2;
        while (end < text.Length && (text[end] == ' ' || text[end] == '#'))
        {
            end = text.IndexOf('\n', end) + 1;
        }
        return text[..start] + replacement + text[end..];
    }

    [Fact]
    public void The_aws_environment_deploys_no_object_store_or_catalog_and_uses_its_workload_identity()
    {
        var tree = Render.ReferenceTree.Files;
        var apps = tree.Keys.Where(k => k.StartsWith("gitops/aws/cluster/application-", StringComparison.Ordinal)).ToList();
        // S3 and Glue are referenced, not deployed; the rest runs in the EKS cluster like anywhere else.
        Assert.DoesNotContain(apps, a => a.Contains("object-storage", StringComparison.Ordinal) || a.Contains("minio", StringComparison.Ordinal) || a.Contains("iceberg-catalog", StringComparison.Ordinal));
        Assert.Contains("gitops/aws/cluster/application-lakehouse-aws-trino.yaml", apps);
        // PostgreSQL writes its backups to S3 with its IAM role, not with keys.
        var postgres = tree["gitops/aws/apps/postgres/values.yaml"];
        Assert.Contains("inheritFromIAMRole: true", postgres);
        Assert.Contains("eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/lakehouse-aws-postgres", postgres);
        var values = tree["gitops/aws/apps/trino/values.yaml"];
        Assert.Contains("iceberg.catalog.type=glue", values);
        Assert.Contains("eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/lakehouse-aws-trino", values);
        Assert.DoesNotContain("S3_ACCESS_KEY", values);
        Assert.DoesNotContain("s3.aws-access-key", values);
    }
}
