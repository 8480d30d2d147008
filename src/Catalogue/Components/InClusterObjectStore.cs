using Lakehouse.Model.Contracts;

namespace Lakehouse.Model.Components;

/// <summary>
/// An object store the platform deploys (MinIO, SeaweedFS): path-style S3 in the environment's region,
/// its declared buckets, and one identity per consumer whose keys are in a Secret in the consumer's namespace.
/// </summary>
/// <param name="Name">Component name.</param>
/// <param name="Buckets">Bucket purposes ("warehouse"); each becomes platform-environment-purpose.</param>
public abstract record InClusterObjectStore(string Name, IReadOnlyList<string> Buckets) : Component(Name), IObjectStorage
{
    public abstract Endpoint S3Endpoint(ComponentContext context);

    public string Region(ComponentContext context) => context.Environment.Storage.Region;

    public bool PathStyleAccess(ComponentContext context) => true;

    public S3Credentials CredentialsFor(ComponentContext context, string consumer) => Credentials.S3(context.Naming, consumer);

    public string Bucket(ComponentContext context, string purpose) => DeclaredBuckets.Name(context, Name, Buckets, purpose);
}
