using System.Text;
using Lakehouse.Model.Contracts;

namespace Lakehouse.Model.Components;

/// <summary>
/// Trino's Iceberg connector configuration, typed. Property names are those of Trino 480
/// (connector.name=iceberg, iceberg.catalog.type, iceberg.rest-catalog.*, iceberg.jdbc-catalog.*,
/// hive.metastore.*, fs.native-s3.enabled, s3.*); only this type writes them, so a near-miss such as
/// "iceberg.rest.uri" cannot be produced. Credentials appear only as ${ENV:NAME} placeholders, filled
/// from secretKeyRef environment variables (<see cref="Environment"/>).
/// </summary>
public sealed record TrinoIcebergCatalog(IcebergCatalogConnection Catalog, Endpoint S3Endpoint, string S3Region, bool PathStyleAccess, S3Credentials S3)
{
    /// <summary>Environment variables the properties reference, each from a Secret.</summary>
    public IReadOnlyList<(string Name, SecretRef Secret)> Environment
    {
        get
        {
            var env = Catalog.Match<List<(string, SecretRef)>>(
                rest: rest => [("ICEBERG_REST_CREDENTIAL", rest.Credential)],
                jdbc: jdbc => [("ICEBERG_JDBC_USER", jdbc.Database.Username), ("ICEBERG_JDBC_PASSWORD", jdbc.Database.Password)],
                hive: _ => [],
                glue: _ => []);
            if (S3.AccessKey is not null && S3.SecretKey is not null)
            {
                env.Add(("S3_ACCESS_KEY", S3.AccessKey));
                env.Add(("S3_SECRET_KEY", S3.SecretKey));
            }
            return env;
        }
    }

    /// <summary>The catalog file's text, one property per line in a fixed order.</summary>
    public string ToProperties()
    {
        var sb = new StringBuilder();
        void Add(string key, string value) => sb.Append(key).Append('=').Append(value).Append('\n');
        Add("connector.name", "iceberg");
        Catalog.Match(
            rest: rest =>
            {
                Add("iceberg.catalog.type", "rest");
                Add("iceberg.rest-catalog.uri", rest.Uri.ToString());
                Add("iceberg.rest-catalog.warehouse", rest.Warehouse);
                Add("iceberg.rest-catalog.security", "OAUTH2");
                Add("iceberg.rest-catalog.oauth2.credential", Env("ICEBERG_REST_CREDENTIAL"));
                Add("iceberg.rest-catalog.oauth2.scope", rest.Scope);
                if (rest.OAuth2ServerUri is not null)
                {
                    Add("iceberg.rest-catalog.oauth2.server-uri", rest.OAuth2ServerUri.ToString());
                }
                return sb;
            },
            jdbc: jdbc =>
            {
                Add("iceberg.catalog.type", "jdbc");
                Add("iceberg.jdbc-catalog.driver-class", "org.postgresql.Driver");
                Add("iceberg.jdbc-catalog.connection-url", jdbc.Database.JdbcUrl);
                Add("iceberg.jdbc-catalog.connection-user", Env("ICEBERG_JDBC_USER"));
                Add("iceberg.jdbc-catalog.connection-password", Env("ICEBERG_JDBC_PASSWORD"));
                Add("iceberg.jdbc-catalog.catalog-name", jdbc.CatalogName);
                Add("iceberg.jdbc-catalog.default-warehouse-dir", jdbc.WarehouseLocation);
                return sb;
            },
            hive: hive =>
            {
                Add("iceberg.catalog.type", "hive_metastore");
                Add("hive.metastore.uri", hive.ThriftUri.ToString());
                return sb;
            },
            glue: glue =>
            {
                Add("iceberg.catalog.type", "glue");
                Add("hive.metastore.glue.region", glue.Region);
                Add("hive.metastore.glue.default-warehouse-dir", glue.WarehouseLocation);
                if (glue.CatalogId is not null)
                {
                    Add("hive.metastore.glue.catalogid", glue.CatalogId);
                }
                return sb;
            });
        Add("fs.native-s3.enabled", "true");
        Add("s3.endpoint", S3Endpoint.ToString());
        Add("s3.region", S3Region);
        Add("s3.path-style-access", PathStyleAccess ? "true" : "false");
        if (S3.AccessKey is not null && S3.SecretKey is not null)
        {
            Add("s3.aws-access-key", Env("S3_ACCESS_KEY"));
            Add("s3.aws-secret-key", Env("S3_SECRET_KEY"));
        }
        return sb.ToString();
    }

    private static string Env(string name) => $"${{ENV:{name}}}";
}
