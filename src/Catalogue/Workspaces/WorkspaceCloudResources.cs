using Lakehouse.Catalogue.CustomResources;
using Lakehouse.Model.Workspaces;

namespace Lakehouse.Model.Components;

/// <summary>
/// A workspace's storage on Amazon S3, applied by the CloudResources component as Crossplane managed resources
/// (docs/workspaces.md, docs/cloud-resources.md): its bucket (versioned, SSE-S3 encrypted, public access blocked like
/// the platform's), the bucket's policy (<see cref="WorkspaceStorage.BucketPolicy"/>), with Glue its database (the
/// workspace's schema) located in that bucket, and the IAM role of its Service identity (the ServiceAccount
/// <see cref="WorkspaceStorage.Principal"/> of its namespace only), allowed its own bucket and database and nothing else.
/// </summary>
public static class WorkspaceCloudResources
{
    /// <summary>The role a workspace's ServiceAccount assumes: named by the naming rule like the workloads' roles.</summary>
    public static string RoleArn(Naming naming, Configuration.AwsConfig aws, Workspace workspace) =>
        new AwsArns(aws.Partition, aws.AccountId, "", "").Role(naming.CloudRole(workspace.Name));

    /// <summary>The workspace's identity: its Service ServiceAccount, its bucket, its Glue database where the catalog is Glue.</summary>
    public static WorkloadIdentity Identity(Naming naming, AwsArns arns, Workspace workspace, bool glue) =>
        new(workspace.Name, naming.Namespace(workspace.Name), arns.Role(naming.CloudRole(workspace.Name)), [new BucketGrant(WorkspaceStorage.Bucket(naming, workspace))], Catalog: false)
        {
            ServiceAccount = WorkspaceStorage.Principal(naming, workspace),
            Databases = glue ? [Naming.WorkspaceSchema(workspace.Name)] : [],
        };

    /// <param name="context">The CloudResources component's context (its workspaces).</param>
    /// <param name="arns">The account's ARNs.</param>
    /// <param name="oidcProvider">The cluster's OIDC provider (aws.oidcProvider).</param>
    /// <param name="region">The store's region.</param>
    /// <param name="catalogRegion">The Glue catalog's region.</param>
    /// <param name="glue">The catalog is Glue: each workspace gets its database, in its bucket.</param>
    /// <param name="readers">Roles besides the workspace's that may use its data (the query engine's).</param>
    /// <param name="providerConfig">The ProviderConfig every managed resource names.</param>
    public static IEnumerable<AwsManagedResource> For(ComponentContext context, AwsArns arns, string oidcProvider, string region, string catalogRegion, bool glue,
        IReadOnlyList<string> readers, string providerConfig)
    {
        var naming = context.Naming;
        foreach (var workspace in context.Workspaces)
        {
            var bucket = WorkspaceStorage.Bucket(naming, workspace);
            var identity = Identity(naming, arns, workspace, glue);
            var role = naming.CloudRole(workspace.Name);
            yield return AwsManagedResource.Bucket(bucket, region, providerConfig);
            yield return AwsManagedResource.BucketVersioning(bucket, region, providerConfig);
            yield return AwsManagedResource.BucketEncryption(bucket, region, CloudResources.SseAlgorithm, providerConfig);
            yield return AwsManagedResource.BucketPublicAccessBlock(bucket, region, providerConfig);
            yield return AwsManagedResource.BucketPolicy(bucket, region,
                WorkspaceStorage.BucketPolicy(naming, workspace, arns.Partition, identity.RoleArn, readers).ToJsonString(), providerConfig);
            if (glue)
            {
                var database = Naming.WorkspaceSchema(workspace.Name);
                yield return AwsManagedResource.CatalogDatabase(database, arns.CatalogId, catalogRegion, $"s3://{bucket}/{database}", providerConfig);
            }
            yield return AwsManagedResource.Role(role, WorkloadPolicies.Trust(identity, arns, oidcProvider).ToJsonString(),
                $"Workspace {workspace.Name}'s service identity ({identity.Namespace}/{identity.ServiceAccount})", providerConfig);
            yield return AwsManagedResource.Policy(role, WorkloadPolicies.Permissions(identity, arns, []).ToJsonString(),
                $"What workspace {workspace.Name} may reach: its bucket{(glue ? " and its Glue database" : "")}", providerConfig);
            yield return AwsManagedResource.RolePolicyAttachment(role, role, role, providerConfig);
        }
    }
}
