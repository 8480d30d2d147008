using Lakehouse.Model.Contracts;

namespace Lakehouse.Model.Components;

/// <summary>
/// An S3-compatible store run elsewhere (Amazon S3 or any S3 API), referenced from env/ and not deployed.
/// Consumers authenticate either with their workload identity or with access keys from their own Secret.
/// </summary>
public sealed record ExternalObjectStorage(string Name, IReadOnlyList<string> Buckets) : ExternalComponent(Name), IObjectStorage
{
    public override string Description => "S3-compatible object storage run outside the cluster";

    /// <summary>The S3 endpoint's port, and HTTPS for AWS STS when clients sign in by workload identity.</summary>
    public override IReadOnlyList<int> EgressPorts(ComponentContext context) =>
        [.. new[] { S3Endpoint(context).Port }.Concat(Settings(context).WorkloadIdentity ? [443] : []).Distinct().Order()];

    public bool PathStyleAccess(ComponentContext context) => Settings(context).PathStyleAccess;

    private static Configuration.ExternalStorageConfig Settings(ComponentContext context) =>
        context.Environment.Storage.External
            ?? throw new InvalidOperationException("storage.external is required for the external backend");

    public Endpoint S3Endpoint(ComponentContext context) => Endpoint.Parse(Settings(context).Endpoint);

    public string Region(ComponentContext context) => context.Environment.Storage.Region;

    public string Bucket(ComponentContext context, string purpose) => DeclaredBuckets.Name(context, Name, Buckets, purpose);

    public S3Credentials CredentialsFor(ComponentContext context, string consumer) =>
        Settings(context).WorkloadIdentity
            ? new S3Credentials(null, null)
            : Credentials.DeclareS3(context, consumer,
                Model.Secrets.SecretSource.Store(context.Naming.Object(consumer, "s3-credentials"), "access-key", $"the access key of {consumer}'s user on the external object store"),
                Model.Secrets.SecretSource.Store(context.Naming.Object(consumer, "s3-credentials"), "secret-key", $"the secret key of {consumer}'s user on the external object store"));
}
