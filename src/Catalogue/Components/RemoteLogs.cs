using Lakehouse.Model.Contracts;

namespace Lakehouse.Model.Components;

/// <summary>
/// Where an orchestrator writes its task logs durably: a bucket declared on the object store (by purpose, named by
/// the naming rule), under a prefix of the orchestrator's own name, reached with the orchestrator's S3 credentials
/// from its Secret, or with its workload identity where the store grants one (keys null).
/// </summary>
/// <param name="Bucket">The bucket's name in this environment.</param>
/// <param name="Prefix">The key prefix of the orchestrator's logs: its component name, no slashes around it.</param>
/// <param name="Endpoint">The S3 endpoint clients call.</param>
/// <param name="Region">The region requests are signed for.</param>
/// <param name="PathStyle">Whether buckets are addressed by path (in-cluster stores).</param>
/// <param name="Credentials">The S3 keys' Secret references; both null with workload identity.</param>
public sealed record RemoteLogs(string Bucket, string Prefix, Endpoint Endpoint, string Region, bool PathStyle, S3Credentials Credentials)
{
    /// <summary>s3://BUCKET/PREFIX, the base folder of the logs.</summary>
    public string BaseUri => $"s3://{Bucket}/{Prefix}";

    /// <summary>Whether the orchestrator signs in with its service account's IAM role instead of keys.</summary>
    public bool WorkloadIdentity => Credentials.AccessKey is null;

    /// <summary>The logs of <paramref name="component"/> in bucket purpose <paramref name="purpose"/> of the store it uses.</summary>
    public static RemoteLogs For(ComponentContext context, string component, string purpose)
    {
        var store = context.UseFor<IObjectStorage>(component);
        return new RemoteLogs(store.Bucket(context, purpose), component, store.S3Endpoint(context), store.Region(context),
            store.PathStyleAccess(context), store.CredentialsFor(context, component));
    }
}
