using Lakehouse.Model.Cloud;
using System.Text.Json.Nodes;
using Lakehouse.Model.Workspaces;

namespace Lakehouse.Model.Components;

/// <summary>
/// A workspace's storage location, its own bucket (<see cref="Naming.Bucket"/> of the workspace's name), and the
/// access its principals get there, in the form each backend reads: an IAM policy document (MinIO policies and AWS
/// IAM share the grammar) and a SeaweedFS identity's actions. Nothing grants any other bucket: the evaluators in
/// tests/Lakehouse.Tests/Workspaces prove a workspace's principal is denied another's.
/// </summary>
public static class WorkspaceStorage
{
    /// <summary>S3 actions on the bucket itself: list it and find its region.</summary>
    public static IReadOnlyList<string> BucketActions { get; } = ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"];

    /// <summary>S3 actions on its objects: read, write, delete, multipart uploads (what Iceberg writers need).</summary>
    public static IReadOnlyList<string> ObjectActions { get; } = ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:PutObject"];

    public static string Bucket(Naming naming, Workspace workspace) => naming.Bucket(workspace.Name);

    /// <summary>The name of a workspace's MinIO policy and SeaweedFS identity: its Service role's group name (lakehouse-analytics-service).</summary>
    public static string Principal(Naming naming, Workspace workspace) => naming.WorkspaceGroup(workspace.Name, WorkspaceRole.Service);

    /// <summary>The workspace's own bucket and nothing else (ARNs in <paramref name="partition"/>: MinIO reads "aws").</summary>
    public static IamPolicyDocument Policy(Naming naming, Workspace workspace, string partition = "aws")
    {
        var bucket = Bucket(naming, workspace);
        return new IamPolicyDocument(
        [
            new IamStatement("ListOwnBucket", IamEffect.Allow, BucketActions, [$"arn:{partition}:s3:::{bucket}"]),
            new IamStatement("ReadWriteOwnObjects", IamEffect.Allow, ObjectActions, [$"arn:{partition}:s3:::{bucket}/*"]),
        ]);
    }

    /// <summary>
    /// S3 actions on the workspace's data that its bucket policy denies every principal but its own role and the
    /// query engine's: reading, writing, deleting and listing objects and their versions (the bucket is versioned).
    /// Bucket administration stays with the account (the providers' role keeps managing the bucket).
    /// </summary>
    public static IReadOnlyList<string> DataActions { get; } =
        ["s3:AbortMultipartUpload", "s3:DeleteObject*", "s3:GetObject*", "s3:ListBucket*", "s3:ListMultipartUploadParts", "s3:PutObject*", "s3:RestoreObject"];

    /// <summary>
    /// The workspace bucket's policy on Amazon S3 (a resource policy): <see cref="Policy"/>'s statements granted to the
    /// workspace's role, and an explicit Deny of <see cref="DataActions"/> to every other principal except
    /// <paramref name="readers"/> (the query engine, which enforces the workspace's Trino rules before it reads). An
    /// explicit Deny wins over any identity policy, so a role widened elsewhere in the account still cannot use the bucket.
    /// </summary>
    public static IamPolicyDocument BucketPolicy(Naming naming, Workspace workspace, string partition, string roleArn, IReadOnlyList<string> readers)
    {
        var bucket = $"arn:{partition}:s3:::{Bucket(naming, workspace)}";
        return new IamPolicyDocument(
        [
            .. Policy(naming, workspace, partition).Statements.Select(s => s with { Principal = KeyValuePair.Create("AWS", roleArn) }),
            new IamStatement("OnlyTheWorkspaceAndTheQueryEngine", IamEffect.Deny, DataActions, [bucket, bucket + "/*"])
            {
                Principal = KeyValuePair.Create("AWS", "*"),
                Conditions = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>
                {
                    ["StringNotEquals"] = new Dictionary<string, IReadOnlyList<string>> { [IamAccess.PrincipalArnKey] = [roleArn, .. readers] },
                },
            },
        ]);
    }

    /// <summary>
    /// The SeaweedFS S3 identity of the workspace (seaweedfs_s3_config "identities" entry) without its credentials,
    /// which the out-of-band s3-config Secret adds: actions Read, Write, List and Tagging scoped to its bucket only.
    /// </summary>
    public static JsonObject SeaweedfsIdentity(Naming naming, Workspace workspace)
    {
        var bucket = Bucket(naming, workspace);
        return new JsonObject
        {
            ["name"] = Principal(naming, workspace),
            ["actions"] = new JsonArray([.. new[] { "List", "Read", "Tagging", "Write" }.Select(a => (JsonNode)$"{a}:{bucket}")]),
        };
    }
}
