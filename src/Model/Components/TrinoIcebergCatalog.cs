using System.Text;

namespace Lakehouse.Model.Components;

/// <summary>
/// Trino's Iceberg connector configuration, typed. Property names are those of Trino 480
/// (connector.name=iceberg, iceberg.catalog.type, iceberg.rest-catalog.*, fs.native-s3.enabled, s3.*);
/// only this type writes them, so a near-miss such as "iceberg.rest.uri" cannot be produced.
/// Credentials appear only as ${ENV:NAME} placeholders filled from secretKeyRef environment variables.
/// </summary>
public sealed record TrinoIcebergCatalog(
    Endpoint RestUri,
    string Warehouse,
    string OAuth2CredentialEnv,
    string OAuth2Scope,
    Endpoint S3Endpoint,
    string S3Region,
    string S3AccessKeyEnv,
    string S3SecretKeyEnv)
{
    /// <summary>The catalog file's text, one property per line in a fixed order.</summary>
    public string ToProperties()
    {
        var sb = new StringBuilder();
        void Add(string key, string value) => sb.Append(key).Append('=').Append(value).Append('\n');
        Add("connector.name", "iceberg");
        Add("iceberg.catalog.type", "rest");
        Add("iceberg.rest-catalog.uri", RestUri.ToString());
        Add("iceberg.rest-catalog.warehouse", Warehouse);
        Add("iceberg.rest-catalog.security", "OAUTH2");
        Add("iceberg.rest-catalog.oauth2.credential", Env(OAuth2CredentialEnv));
        Add("iceberg.rest-catalog.oauth2.scope", OAuth2Scope);
        Add("fs.native-s3.enabled", "true");
        Add("s3.endpoint", S3Endpoint.ToString());
        Add("s3.region", S3Region);
        Add("s3.path-style-access", "true");
        Add("s3.aws-access-key", Env(S3AccessKeyEnv));
        Add("s3.aws-secret-key", Env(S3SecretKeyEnv));
        return sb.ToString();
    }

    private static string Env(string name) => $"${{ENV:{name}}}";
}
