using Lakehouse.Model.Contracts;

namespace Lakehouse.Model.Components;

/// <summary>
/// Spark's Iceberg configuration for one catalog connection, typed: the property names of Iceberg's Spark
/// runtime (spark.sql.catalog.NAME.*), one handler per backend (IcebergCatalogConnection.Match) so a new backend is a compile error here.
/// Credentials never appear: S3 keys reach the AWS SDK as AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY from
/// Secrets, the REST credential as "env:NAME" (Iceberg's REST catalog resolves it from the environment),
/// and the JDBC password from a pgpass file mounted from a Secret (the PostgreSQL driver reads PGPASSFILE).
/// </summary>
public static class SparkIcebergConf
{
    public const string SparkVersion = "3.5.7";
    public const string IcebergVersion = "1.10.0";
    public const string OpenLineageVersion = "1.37.0";
    public const string PostgresDriverVersion = "42.7.7";

    /// <summary>Where the pgpass Secret is mounted in driver and executors.</summary>
    public const string PgpassDirectory = "/etc/lakehouse/pgpass";

    /// <summary>Maven coordinates Spark resolves at submit time, pinned.</summary>
    public static IReadOnlyList<string> Packages(IcebergCatalogConnection catalog, bool lineage)
    {
        var packages = new List<string>
        {
            $"org.apache.iceberg:iceberg-spark-runtime-3.5_2.12:{IcebergVersion}",
            $"org.apache.iceberg:iceberg-aws-bundle:{IcebergVersion}",
        };
        if (catalog.Match(rest: _ => false, jdbc: _ => true, hive: _ => false, glue: _ => false))
        {
            packages.Add($"org.postgresql:postgresql:{PostgresDriverVersion}");
        }
        if (lineage)
        {
            packages.Add($"io.openlineage:openlineage-spark_2.12:{OpenLineageVersion}");
        }
        return packages;
    }

    /// <summary>
    /// The OpenLineage Spark listener's settings: events over HTTP to <paramref name="url"/> (the lineage backend's
    /// OpenLineage endpoint), under the OpenLineage namespace <paramref name="lineageNamespace"/>. One list for the
    /// platform's SparkApplications and a workspace's Spark defaults (MarquezWorkspaceNamespaces).
    /// </summary>
    public static IReadOnlyList<(string Key, string Value)> OpenLineage(Endpoint url, string lineageNamespace) =>
    [
        ("spark.extraListeners", "io.openlineage.spark.agent.OpenLineageSparkListener"),
        ("spark.openlineage.transport.type", "http"),
        ("spark.openlineage.transport.url", url.ToString()),
        ("spark.openlineage.namespace", lineageNamespace),
    ];

    /// <summary>The sparkConf entries for the catalog named <paramref name="name"/>, in a fixed order.</summary>
    public static IReadOnlyList<(string Key, string Value)> For(string name, IcebergCatalogConnection catalog, Endpoint s3Endpoint, string region, bool pathStyle)
    {
        var prefix = $"spark.sql.catalog.{name}";
        var conf = new List<(string, string)>
        {
            ("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions"),
            ("spark.sql.defaultCatalog", name),
            (prefix, "org.apache.iceberg.spark.SparkCatalog"),
        };
        conf.AddRange(catalog.Match<IEnumerable<(string, string)>>(
            rest: rest =>
            [
                ($"{prefix}.type", "rest"),
                ($"{prefix}.uri", rest.Uri.ToString()),
                ($"{prefix}.warehouse", rest.Warehouse),
                ($"{prefix}.credential", "env:ICEBERG_REST_CREDENTIAL"),
                ($"{prefix}.scope", rest.Scope),
                .. rest.OAuth2ServerUri is { } server ? [($"{prefix}.oauth2-server-uri", server.ToString())] : Array.Empty<(string, string)>(),
            ],
            jdbc: jdbc =>
            [
                ($"{prefix}.type", "jdbc"),
                ($"{prefix}.uri", jdbc.Database.JdbcUrl),
                // The role is a derived name, not a secret; its password comes from the pgpass file (PGPASSFILE).
                ($"{prefix}.jdbc.user", jdbc.Database.Role),
                ($"{prefix}.warehouse", jdbc.WarehouseLocation),
            ],
            hive: hive =>
            [
                ($"{prefix}.type", "hive"),
                ($"{prefix}.uri", hive.ThriftUri.ToString()),
                ($"{prefix}.warehouse", hive.WarehouseLocation),
            ],
            glue: glue =>
            [
                ($"{prefix}.type", "glue"),
                ($"{prefix}.warehouse", glue.WarehouseLocation),
                ($"{prefix}.client.region", glue.Region),
                .. glue.CatalogId is { } id ? [($"{prefix}.glue.id", id)] : Array.Empty<(string, string)>(),
            ]));
        conf.Add(($"{prefix}.io-impl", "org.apache.iceberg.aws.s3.S3FileIO"));
        conf.Add(($"{prefix}.s3.endpoint", s3Endpoint.ToString()));
        conf.Add(($"{prefix}.s3.path-style-access", pathStyle ? "true" : "false"));
        conf.Add(($"{prefix}.client.region", region));
        return conf.DistinctBy(c => c.Item1).ToList();
    }
}
