using Lakehouse.Model.Contracts;
using Lakehouse.Model.Secrets;

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

    /// <summary>Each consumer's keys are generated once by the platform; the store's own user Secret and the consumer's follow.</summary>
    public S3Credentials CredentialsFor(ComponentContext context, string consumer) =>
        Credentials.DeclareS3(context, consumer, AccessKeyOf(context.Naming, consumer), SecretKeyOf(context.Naming, consumer));

    /// <summary>The generated access key of <paramref name="consumer"/>'s identity on this store.</summary>
    public GeneratedValue AccessKeyOf(Naming naming, string consumer) => SecretSource.Generate(naming.Object(Name, $"{consumer}-access-key"), PasswordShape.AccessKey);

    /// <summary>The generated secret key of <paramref name="consumer"/>'s identity on this store.</summary>
    public GeneratedValue SecretKeyOf(Naming naming, string consumer) => SecretSource.Generate(naming.Object(Name, $"{consumer}-secret-key"), PasswordShape.SecretKey);

    public string Bucket(ComponentContext context, string purpose) => DeclaredBuckets.Name(context, Name, Buckets, purpose);
}
