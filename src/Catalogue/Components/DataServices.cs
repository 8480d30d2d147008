using System.Runtime.CompilerServices;

namespace Lakehouse.Model.Components;

/// <summary>The shared data services other components keep their state in, each added in one line.</summary>
public static class DataServices
{
    /// <summary>Adds the CloudNativePG operator and the platform's PostgreSQL cluster ("postgres"); returns the cluster.</summary>
    public static PostgresCluster AddPostgres(this PlatformBuilder platform,
        [CallerFilePath] string callerFile = "", [CallerLineNumber] int callerLine = 0) =>
        platform.Add(new PostgresCluster("postgres", platform.Add(new CloudNativePgOperator("postgres-operator"), callerFile, callerLine)), callerFile, callerLine);
}
