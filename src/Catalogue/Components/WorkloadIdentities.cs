using Lakehouse.Model.Cloud;
using Lakehouse.Model.Contracts;

namespace Lakehouse.Model.Components;

/// <summary>What one workload may reach in a bucket: every key (empty prefix) or the keys under one prefix.</summary>
public sealed record BucketGrant(string Bucket, string Prefix = "");

/// <summary>
/// A component that signs in to AWS with its own IAM role (IAM roles for service accounts): the role env/ names
/// for it, the namespace whose service accounts assume it, the buckets (or prefixes) it works on and whether it
/// reads and writes the Glue catalog's databases.
/// </summary>
public sealed record WorkloadIdentity(string Component, string Namespace, string RoleArn, IReadOnlyList<BucketGrant> Buckets, bool Catalog)
{
    /// <summary>The service account of <see cref="Namespace"/> that assumes the role; "*" for every one of the namespace.</summary>
    public string ServiceAccount { get; init; } = "*";

    /// <summary>Glue databases beyond the platform's (<see cref="Catalog"/>): a workspace's own, or the workspaces' for the query engine.</summary>
    public IReadOnlyList<string> Databases { get; init; } = [];
}

/// <summary>
/// The workload identities of an environment, from the components it deploys and what each uses: Trino and Spark
/// the warehouse bucket and the Glue catalog, PostgreSQL its backup bucket, MLflow its artifact bucket, the
/// orchestrator the prefix of its task logs. A component whose role env/ does not name signs in otherwise (keys).
/// </summary>
public static class WorkloadIdentities
{
    public static IReadOnlyList<WorkloadIdentity> Of(ComponentContext context)
    {
        var env = context.Environment;
        var store = context.Components.OfType<IObjectStorage>().FirstOrDefault();
        var glue = context.Components.OfType<GlueCatalog>().FirstOrDefault();
        IReadOnlyList<BucketGrant> Warehouse() => glue is null || store is null ? [] : [new(store.Bucket(context, glue.WarehouseBucket))];
        var identities = new List<WorkloadIdentity>();
        foreach (var component in context.Components)
        {
            var (roleArn, buckets, catalog) = component switch
            {
                // With Glue, the workspaces' databases live in their buckets (CloudResources): Trino reads them for
                // the workspaces' users, whom its rules.json separates (docs/workspaces.md).
                Trino => (env.Trino.ServiceAccountRoleArn, [.. Warehouse(), .. WorkspaceBuckets()], glue is not null),
                SparkOperator => (env.Spark.ServiceAccountRoleArn, Warehouse(), glue is not null),
                PostgresCluster p => (env.Postgres.ServiceAccountRoleArn, Bucket(p.BackupBucket), false),
                Mlflow m => (env.Mlflow.ServiceAccountRoleArn, Bucket(m.ArtifactBucket), false),
                Airflow { LogsBucket: { } logs } a => (env.Orchestrator.ServiceAccountRoleArn, Bucket(logs, a.Name + "/"), false),
                Dagster { LogsBucket: { } logs } d => (env.Orchestrator.ServiceAccountRoleArn, Bucket(logs, d.Name + "/"), false),
                _ => (null, (IReadOnlyList<BucketGrant>)[], false),
            };
            if (roleArn is not null)
            {
                identities.Add(new WorkloadIdentity(component.Name, context.NamespaceOf(component), roleArn, buckets, catalog)
                {
                    Databases = component is Trino && glue is not null ? WorkloadPolicies.WorkspaceDatabases(context) : [],
                });
            }
        }
        return identities;

        IReadOnlyList<BucketGrant> WorkspaceBuckets() => glue is null ? [] : [.. context.Workspaces.Select(w => new BucketGrant(WorkspaceStorage.Bucket(context.Naming, w)))];

        IReadOnlyList<BucketGrant> Bucket(string purpose, string prefix = "") => store is null ? [] : [new(store.Bucket(context, purpose), prefix)];
    }
}

/// <summary>
/// The IAM policy documents of a workload identity: what its role may do (least privilege: its own buckets or
/// prefixes, the declared Glue databases only when it uses the catalog) and who may assume it (the cluster's OIDC
/// provider, for the service accounts of the workload's namespace only).
/// </summary>
public static class WorkloadPolicies
{
    /// <summary>Object actions an S3 client of the lakehouse needs (Iceberg, Trino, Spark, barman, boto3).</summary>
    public static readonly IReadOnlyList<string> ObjectActions =
        ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"];

    /// <summary>Glue actions of an Iceberg catalog client on tables of its databases.</summary>
    public static readonly IReadOnlyList<string> CatalogActions =
    [
        "glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables", "glue:CreateTable", "glue:UpdateTable",
        "glue:DeleteTable", "glue:GetPartitions", "glue:BatchGetPartition",
    ];

    /// <summary>The Glue databases of the workspaces (their schemas, <see cref="Naming.WorkspaceSchema"/>), in definitions order.</summary>
    public static IReadOnlyList<string> WorkspaceDatabases(ComponentContext context) => [.. context.Workspaces.Select(w => Naming.WorkspaceSchema(w.Name))];

    /// <summary>The role's permissions: <paramref name="databases"/> are the platform's, granted when the identity uses the catalog.</summary>
    public static IamPolicyDocument Permissions(WorkloadIdentity identity, AwsArns arns, IReadOnlyList<string> databases)
    {
        var statements = new List<IamStatement>();
        foreach (var (grant, i) in identity.Buckets.Select((g, i) => (g, i)))
        {
            statements.Add(new($"Objects{i}", IamEffect.Allow, ObjectActions, [arns.Bucket(grant.Bucket) + "/" + grant.Prefix + "*"]));
            statements.Add(new($"Bucket{i}", IamEffect.Allow, ["s3:GetBucketLocation", "s3:ListBucketMultipartUploads"], [arns.Bucket(grant.Bucket)]));
            statements.Add(grant.Prefix.Length == 0
                ? new($"List{i}", IamEffect.Allow, ["s3:ListBucket"], [arns.Bucket(grant.Bucket)])
                : new($"List{i}", IamEffect.Allow, ["s3:ListBucket"], [arns.Bucket(grant.Bucket)])
                {
                    Conditions = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>
                    {
                        ["StringLike"] = new Dictionary<string, IReadOnlyList<string>> { ["s3:prefix"] = [grant.Prefix + "*"] },
                    },
                });
        }
        var granted = (identity.Catalog ? databases : []).Concat(identity.Databases).Distinct(StringComparer.Ordinal).ToList();
        if (granted.Count > 0)
        {
            statements.Add(new("Catalog", IamEffect.Allow, CatalogActions,
                [arns.GlueCatalog, .. granted.SelectMany(d => new[] { arns.GlueDatabase(d), arns.GlueTables(d) })]));
        }
        return new IamPolicyDocument(statements);
    }

    /// <summary>The role's trust: tokens of the cluster's OIDC provider for the identity's service account (or every one) of its namespace.</summary>
    public static IamPolicyDocument Trust(WorkloadIdentity identity, AwsArns arns, string oidcProvider) => new(
    [
        new("ServiceAccounts", IamEffect.Allow, ["sts:AssumeRoleWithWebIdentity"], [])
        {
            Principal = KeyValuePair.Create("Federated", arns.OidcProvider(oidcProvider)),
            Conditions = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>
            {
                ["StringEquals"] = new Dictionary<string, IReadOnlyList<string>> { [$"{oidcProvider}:aud"] = ["sts.amazonaws.com"] },
                ["StringLike"] = new Dictionary<string, IReadOnlyList<string>> { [$"{oidcProvider}:sub"] = [$"system:serviceaccount:{identity.Namespace}:{identity.ServiceAccount}"] },
            },
        },
    ]);
}

/// <summary>ARNs in one account, region and partition.</summary>
public sealed record AwsArns(string Partition, string Account, string Region, string CatalogId)
{
    public string Bucket(string bucket) => $"arn:{Partition}:s3:::{bucket}";

    public string Role(string role) => $"arn:{Partition}:iam::{Account}:role/{role}";

    public string OidcProvider(string provider) => $"arn:{Partition}:iam::{Account}:oidc-provider/{provider}";

    public string GlueCatalog => $"arn:{Partition}:glue:{Region}:{CatalogId}:catalog";

    public string GlueDatabase(string database) => $"arn:{Partition}:glue:{Region}:{CatalogId}:database/{database}";

    public string GlueTables(string database) => $"arn:{Partition}:glue:{Region}:{CatalogId}:table/{database}/*";
}
