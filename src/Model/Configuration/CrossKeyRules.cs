using System.Collections.Generic;

namespace Lakehouse.Model.Configuration;

/// <summary>An environment file as the cross-key rules read it: values by dotted key path (storage.minio.servers).</summary>
public interface IConfigurationView
{
    /// <summary>The number at <paramref name="keyPath"/>, or null when absent or not a number.</summary>
    double? Number(string keyPath);

    /// <summary>The boolean at <paramref name="keyPath"/>, or null when absent or not a boolean.</summary>
    bool? Bool(string keyPath);

    /// <summary>Whether <paramref name="keyPath"/> holds a value other than null.</summary>
    bool IsSet(string keyPath);
}

/// <summary>
/// Rules spanning several keys, which a JSON Schema of the types alone cannot say, once for both readers:
/// the render checks them on the typed configuration (EnvironmentConfigChecks, through a
/// view of it), the compile-time env check on the YAML (src/Generators, where this file is linked; plain
/// C# for netstandard2.0). Each finding is at a dotted key path: the value there, else its nearest key.
/// Absent keys read as the types' defaults (masters 1, workloadIdentity false), so both views agree.
/// </summary>
public static class CrossKeyRules
{
    public static IEnumerable<KeyValuePair<string, string>> Check(IConfigurationView file)
    {
        if (file.Number("storage.minio.servers") is > 1 and < 4)
        {
            yield return Problem("storage.minio.servers", "a distributed MinIO needs at least 4 servers for erasure coding; use 1 for a single node");
        }
        if (file.Number("storage.seaweedfs.masters") is 2 or 4)
        {
            yield return Problem("storage.seaweedfs.masters", "SeaweedFS masters elect a leader by Raft: use an odd number (1, 3 or 5)");
        }
        if (file.Bool("storage.external.workloadIdentity") == true)
        {
            if (!file.IsSet("postgres.serviceAccountRoleArn"))
            {
                yield return Problem("postgres", "storage.external.workloadIdentity is true, so PostgreSQL backups need postgres.serviceAccountRoleArn (the IAM role allowed to write the backup bucket)");
            }
            if (!file.IsSet("mlflow.serviceAccountRoleArn"))
            {
                yield return Problem("mlflow", "storage.external.workloadIdentity is true, so MLflow's artifact store needs mlflow.serviceAccountRoleArn (the IAM role allowed to use the artifact bucket)");
            }
            if (!file.IsSet("spark.serviceAccountRoleArn"))
            {
                yield return Problem("spark", "storage.external.workloadIdentity is true, so Spark jobs need spark.serviceAccountRoleArn (the IAM role they assume for the warehouse and the catalog)");
            }
        }
    }

    private static KeyValuePair<string, string> Problem(string keyPath, string message) => new(keyPath, message);
}
