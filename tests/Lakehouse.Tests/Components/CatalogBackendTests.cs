using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Contracts;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Components;

/// <summary>
/// The catalog backends that deploy nothing of their own, against any provider of what they stand on: the
/// JDBC catalog takes its database from whichever component offers IPostgres (a stub here, CloudNativePG in
/// the reference platform), and the referenced catalogs take everything from env/.
/// </summary>
public class CatalogBackendTests
{
    private static readonly TestPlatform OnStubPostgres = new((p, env) =>
    {
        p.Add(new Monitoring("monitoring"));
        p.AddObjectStorage(env, ["warehouse"]);
        p.Add(new StubBackends("pg"));
        p.AddIcebergCatalog(env, "warehouse");
        p.Add(new Trino("trino"));
    });

    private static EnvironmentConfig WithCatalog(string env, CatalogConfig catalog) => Contexts.Environment(env) with { Catalog = catalog };

    [Fact]
    public void The_jdbc_catalog_is_a_consumer_of_whichever_postgres_and_its_clients_connect_to_that_database()
    {
        var config = WithCatalog("dev", new CatalogConfig { Backend = CatalogBackend.Jdbc, Jdbc = new() { CatalogName = "analytics" } });
        var (catalog, context) = Contexts.For<JdbcCatalog>(config, "iceberg-catalog", OnStubPostgres);

        var connection = Assert.IsType<JdbcCatalogConnection>(catalog.ConnectionFor(context, "trino"));
        // The provider's database for the catalog (the stub names it after its consumer), not a fixed URL.
        Assert.Equal("jdbc:postgresql://pg-rw.lakehouse-pg.svc.cluster.local:5432/iceberg-catalog", connection.Database.JdbcUrl);
        // The provider's keys, in a Secret in the client's own namespace.
        Assert.Equal(new SecretRef("trino-catalog-database", "username"), connection.Database.Username);
        Assert.Equal(new SecretRef("trino-catalog-database", "password"), connection.Database.Password);
        Assert.Equal("analytics", connection.CatalogName);
        Assert.Equal("s3://lakehouse-dev-warehouse/", connection.WarehouseLocation);

        // The provider sees the catalog among the consumers it creates databases for, and Trino among the
        // clients its NetworkPolicy must admit (the catalog itself runs nothing).
        var (_, pgContext) = Contexts.For<StubBackends>(config, "pg", OnStubPostgres);
        Assert.Contains("iceberg-catalog", pgContext.Consumers);
        Assert.Contains("trino", pgContext.Clients);
        Assert.DoesNotContain("iceberg-catalog", pgContext.Clients);
    }

    [Fact]
    public void Trino_writes_the_jdbc_catalog_with_trino_480_property_names_and_credentials_from_env_only()
    {
        var config = WithCatalog("dev", new CatalogConfig { Backend = CatalogBackend.Jdbc });
        var (catalog, context) = Contexts.For<JdbcCatalog>(config, "iceberg-catalog", OnStubPostgres);
        var trino = new TrinoIcebergCatalog(catalog.ConnectionFor(context, "trino"),
            Endpoint.Parse("http://minio.lakehouse-object-storage.svc.cluster.local:80"), "us-east-1", true, Credentials.S3(context.Naming, "trino"));
        var properties = trino.ToProperties().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal("iceberg", properties["connector.name"]);
        Assert.Equal("jdbc", properties["iceberg.catalog.type"]);
        Assert.Equal("org.postgresql.Driver", properties["iceberg.jdbc-catalog.driver-class"]);
        Assert.Equal("jdbc:postgresql://pg-rw.lakehouse-pg.svc.cluster.local:5432/iceberg-catalog", properties["iceberg.jdbc-catalog.connection-url"]);
        Assert.Equal("${ENV:ICEBERG_JDBC_USER}", properties["iceberg.jdbc-catalog.connection-user"]);
        Assert.Equal("${ENV:ICEBERG_JDBC_PASSWORD}", properties["iceberg.jdbc-catalog.connection-password"]);
        Assert.Equal("lakehouse", properties["iceberg.jdbc-catalog.catalog-name"]);
        Assert.Equal("s3://lakehouse-dev-warehouse/", properties["iceberg.jdbc-catalog.default-warehouse-dir"]);
        Assert.Equal([("ICEBERG_JDBC_USER", new SecretRef("trino-catalog-database", "username")), ("ICEBERG_JDBC_PASSWORD", new SecretRef("trino-catalog-database", "password"))],
            trino.Environment.Where(e => e.Name.StartsWith("ICEBERG_", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_referenced_catalogs_render_nothing_and_each_needs_its_env_section()
    {
        foreach (var backend in new[] { "hive", "external-rest", "glue" })
        {
            // The env file with the backend and no section of its own (BackendSections, checked by the loader).
            var problems = BackendSections.Check(k => k == "catalog.backend" ? backend : null, k => k == "catalog").ToList();
            Assert.Contains(problems, p => p.KeyPath == "catalog.backend" && !p.Leftover);
        }
        var hive = WithCatalog("dev", new CatalogConfig { Backend = CatalogBackend.Hive, Hive = new() { Uri = "thrift://metastore.data.example.com:9083" } });
        Assert.DoesNotContain(EnvironmentConfigChecks.Check(hive), p => p.KeyPath.StartsWith("catalog", StringComparison.Ordinal));
        var (catalog, context) = Contexts.For<HiveMetastoreCatalog>(hive, "iceberg-catalog", OnStubPostgres);
        Assert.IsAssignableFrom<ExternalComponent>(catalog);
        var connection = Assert.IsType<HiveMetastoreConnection>(catalog.ConnectionFor(context, "trino"));
        Assert.Equal("thrift://metastore.data.example.com:9083", connection.ThriftUri.ToString());
    }
}
