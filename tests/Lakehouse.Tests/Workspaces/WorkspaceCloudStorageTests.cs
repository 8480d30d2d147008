using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Cloud;
using Lakehouse.Model.Components;
using Lakehouse.Tests.Cloud;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Workspaces;

/// <summary>
/// On aws each workspace's storage is APPLIED (Crossplane managed resources of the cloud-resources component): its
/// bucket, the bucket's policy, its Glue database and the IAM role of its service ServiceAccount. The rendered role
/// policy and bucket policy are parsed back and evaluated together (IAM's same-account rule: an explicit Deny in either
/// wins, then an Allow in either): a workspace's role reads and writes its bucket and cannot touch the other's nor the
/// warehouse; each layer also holds on its own, and widened fixtures of either layer fail the same check.
/// </summary>
public sealed class WorkspaceCloudStorageTests
{
    private const string Account = "123456789012";
    private const string A = "analytics";
    private const string B = "data-science";
    private static readonly Naming Aws = new("lakehouse", "aws");
    private static readonly string[] DataActions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectVersion", "s3:ListBucket"];

    private static JsonObject Object(string kind, string name) =>
        Render.Spec("aws", "cloud-resources").Manifests.Single(m => m.Kind == kind && m.Name == name).Body;

    private static JsonNode ForProvider(string kind, string name) => Object(kind, name)["spec"]!["forProvider"]!;

    private static string RoleArn(string role) => $"arn:aws:iam::{Account}:role/{role}";

    private static IamPolicyDocument RolePolicy(string role) => IamPolicyDocument.Parse((string)ForProvider("Policy", role)["policy"]!);

    private static IamPolicyDocument BucketPolicy(string workspace) => IamPolicyDocument.Parse((string)ForProvider("BucketPolicy", Aws.Bucket(workspace))["policy"]!);

    private static string Resource(string bucket, string action) => action == "s3:ListBucket" ? $"arn:aws:s3:::{bucket}" : $"arn:aws:s3:::{bucket}/t/data.parquet";

    /// <summary>
    /// Everything wrong with <paramref name="workspace"/>'s storage isolation, given its role's policy and the bucket
    /// policies of both workspaces: the combined decision, and each layer alone (the role policy grants no other
    /// bucket; the other bucket's policy denies this role).
    /// </summary>
    private static List<string> IsolationProblems(string workspace, IamPolicyDocument rolePolicy, IReadOnlyDictionary<string, IamPolicyDocument> bucketPolicies)
    {
        var problems = new List<string>();
        var role = RoleArn(Aws.CloudRole(workspace));
        foreach (var action in DataActions)
        {
            foreach (var (target, policy) in bucketPolicies)
            {
                var bucket = Aws.Bucket(target);
                var own = target == workspace;
                var decision = IamAccess.Decide(role, rolePolicy, policy, action, Resource(bucket, action));
                // Its own objects, read, written, listed; old versions only through the platform (not granted).
                if ((decision == IamDecision.Allow) != (own && action != "s3:GetObjectVersion"))
                {
                    problems.Add($"{action} on {bucket}: {decision}");
                }
                if (!own && rolePolicy.Allows(action, Resource(bucket, action)))
                {
                    problems.Add($"the role policy allows {action} on {bucket}");
                }
                if (!own && policy.Evaluate(action, Resource(bucket, action), new Dictionary<string, string> { [IamAccess.PrincipalArnKey] = role }, role) != IamDecision.ExplicitDeny)
                {
                    problems.Add($"{bucket}'s bucket policy does not deny {action} to {role}");
                }
            }
            var warehouse = Aws.Bucket("warehouse");
            if (IamAccess.Decide(role, rolePolicy, null, action, Resource(warehouse, action)) != IamDecision.ImplicitDeny)
            {
                problems.Add($"{action} on {warehouse} is allowed");
            }
        }
        return problems;
    }

    private static Dictionary<string, IamPolicyDocument> RenderedBucketPolicies() => new() { [A] = BucketPolicy(A), [B] = BucketPolicy(B) };

    [Fact]
    public void Each_workspace_bucket_is_versioned_encrypted_closed_to_the_public_and_has_its_policy()
    {
        foreach (var workspace in new[] { A, B })
        {
            var bucket = Aws.Bucket(workspace);
            Assert.Equal("eu-west-1", (string?)ForProvider("Bucket", bucket)["region"]);
            Assert.Equal("Enabled", (string?)ForProvider("BucketVersioning", bucket)["versioningConfiguration"]![0]!["status"]);
            Assert.Equal("AES256", (string?)ForProvider("BucketServerSideEncryptionConfiguration", bucket)["rule"]![0]!["applyServerSideEncryptionByDefault"]![0]!["sseAlgorithm"]);
            var block = ForProvider("BucketPublicAccessBlock", bucket);
            Assert.All(new[] { "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets" }, k => Assert.True((bool)block[k]!));
            Assert.Equal(bucket, (string?)ForProvider("BucketPolicy", bucket)["bucketRef"]!["name"]);
            Assert.Equal("cloud-resources-aws", (string?)Object("BucketPolicy", bucket)["spec"]!["providerConfigRef"]!["name"]);
        }
        Assert.Contains(Render.Spec("aws", "cloud-resources").ClusterResources, g => g.Kind == "BucketPolicy");
        // Glue: each workspace's database (its schema) in its own bucket; '_' is no Kubernetes name, so external-name.
        Assert.Equal("s3://lakehouse-aws-analytics/analytics", (string?)ForProvider("CatalogDatabase", "analytics")["locationUri"]);
        var dataScience = Object("CatalogDatabase", "data-science");
        Assert.Equal("data_science", (string?)dataScience["metadata"]!["annotations"]!["crossplane.io/external-name"]);
        Assert.Equal("s3://lakehouse-aws-data-science/data_science", (string?)dataScience["spec"]!["forProvider"]!["locationUri"]);
        // One truth: the policy is applied, no longer only published in a ConfigMap.
        Assert.DoesNotContain(Render.ReferenceTree.Files.Keys, p => p.Contains("workspace-storage-policy", StringComparison.Ordinal));
    }

    [Fact]
    public void A_workspace_s_role_reads_and_writes_its_bucket_and_cannot_touch_the_other_s_nor_the_warehouse()
    {
        foreach (var workspace in new[] { A, B })
        {
            var problems = IsolationProblems(workspace, RolePolicy(Aws.CloudRole(workspace)), RenderedBucketPolicies());
            Assert.True(problems.Count == 0, $"{workspace}:\n" + string.Join("\n", problems));
        }
        // The whole least-privilege probe of the workloads' roles (objects, listing, bucket administration, Glue, IAM)
        // holds for a workspace's role too: its bucket only, no platform database.
        Assert.Empty(CloudResourcesTests.LeastPrivilegeProblems(RolePolicy(Aws.CloudRole(A)), [(A, "")], catalog: false));
    }

    [Fact]
    public void A_workspace_s_role_uses_its_own_glue_database_only()
    {
        var glue = $"arn:aws:glue:eu-west-1:{Account}";
        var policy = RolePolicy(Aws.CloudRole(A));
        Assert.True(policy.Allows("glue:GetTable", $"{glue}:table/analytics/orders"));
        Assert.True(policy.Allows("glue:CreateTable", $"{glue}:database/analytics"));
        Assert.False(policy.Allows("glue:GetTable", $"{glue}:table/data_science/features"));
        Assert.False(policy.Allows("glue:GetDatabase", $"{glue}:database/data_science"));
        Assert.False(policy.Allows("glue:GetTable", $"{glue}:table/lakehouse/events"));
        Assert.False(policy.Allows("glue:CreateDatabase", $"{glue}:database/analytics"));
        // The catalog resource itself is granted (every Glue call names it), so GetDatabases may list names (docs/workspaces.md).
        Assert.True(policy.Allows("glue:GetDatabases", $"{glue}:catalog"));
        // Trino serves every workspace's schema (its rules.json separates the users): it reads both databases; Spark's
        // role (the platform's jobs) reads neither.
        Assert.True(RolePolicy(Aws.CloudRole("trino")).Allows("glue:GetTable", $"{glue}:table/data_science/features"));
        Assert.False(RolePolicy(Aws.CloudRole("spark")).Allows("glue:GetTable", $"{glue}:table/analytics/orders"));
    }

    [Fact]
    public void Only_the_workspace_s_role_and_the_query_engine_use_its_bucket_even_with_a_role_widened_elsewhere()
    {
        var bucket = Aws.Bucket(A);
        var policy = BucketPolicy(A);
        var trino = RoleArn(Aws.CloudRole("trino"));
        Assert.Equal(IamDecision.Allow, IamAccess.Decide(trino, RolePolicy(Aws.CloudRole("trino")), policy, "s3:GetObject", $"arn:aws:s3:::{bucket}/t/x"));
        // A role of the account granted s3:* on everything (a mistake elsewhere) is still denied by the bucket's policy.
        var everything = new IamPolicyDocument([new IamStatement("Everything", IamEffect.Allow, ["s3:*"], ["*"])]);
        foreach (var other in new[] { "spark", "mlflow", B })
        {
            Assert.Equal(IamDecision.ExplicitDeny, IamAccess.Decide(RoleArn(Aws.CloudRole(other)), everything, policy, "s3:GetObject", $"arn:aws:s3:::{bucket}/t/x"));
        }
        // So is an anonymous request (no aws:PrincipalArn), while bucket administration stays with the account.
        Assert.Equal(IamDecision.ExplicitDeny, policy.Evaluate("s3:GetObject", $"arn:aws:s3:::{bucket}/t/x", null, "*"));
        Assert.Equal(IamDecision.Allow, IamAccess.Decide(RoleArn(Aws.CloudRole("cloud-resources")), everything, policy, "s3:PutBucketVersioning", $"arn:aws:s3:::{bucket}"));
    }

    [Fact]
    public void A_widened_role_policy_or_bucket_policy_fails_the_isolation_check()
    {
        // Fixture 1: A's role policy widened to the platform's bucket prefix. B's bucket policy still denies (the combined
        // decision holds), but the role layer alone no longer does: the check reports it.
        var widened = new IamPolicyDocument([.. RolePolicy(Aws.CloudRole(A)).Statements.Select(s => s with
        {
            Resources = [.. s.Resources.Select(r => r.Replace("lakehouse-aws-analytics", "lakehouse-aws-*", StringComparison.Ordinal))],
        })]);
        var problems = IsolationProblems(A, widened, RenderedBucketPolicies());
        Assert.Contains(problems, p => p.StartsWith("the role policy allows s3:GetObject on lakehouse-aws-data-science", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("s3:GetObject on lakehouse-aws-warehouse", StringComparison.Ordinal));

        // Fixture 2: B's bucket policy granting A's role and exempting it from the Deny: now A reaches B's objects.
        var roleA = RoleArn(Aws.CloudRole(A));
        var leaky = new IamPolicyDocument([.. BucketPolicy(B).Statements.Select(s => s.Effect == IamEffect.Deny
            ? s with { Conditions = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> { ["StringNotEquals"] = new Dictionary<string, IReadOnlyList<string>> { [IamAccess.PrincipalArnKey] = [.. s.Conditions["StringNotEquals"][IamAccess.PrincipalArnKey], roleA] } } }
            : s with { Principal = KeyValuePair.Create("AWS", "*") })]);
        problems = IsolationProblems(A, RolePolicy(Aws.CloudRole(A)), new Dictionary<string, IamPolicyDocument> { [A] = BucketPolicy(A), [B] = leaky });
        Assert.Contains("s3:GetObject on lakehouse-aws-data-science: Allow", problems);
        Assert.Contains(problems, p => p.StartsWith("lakehouse-aws-data-science's bucket policy does not deny", StringComparison.Ordinal));
    }

    [Fact]
    public void The_workspace_role_trusts_only_its_service_account_which_carries_the_role()
    {
        const string oidc = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E";
        foreach (var (own, other) in new[] { (A, B), (B, A) })
        {
            var role = Aws.CloudRole(own);
            var trust = IamPolicyDocument.Parse((string)ForProvider("Role", role)["assumeRolePolicy"]!);
            Dictionary<string, string> Token(string ns, string sa) => new() { [$"{oidc}:sub"] = $"system:serviceaccount:{ns}:{sa}", [$"{oidc}:aud"] = "sts.amazonaws.com" };
            var ns = Aws.Namespace(own);
            var sa = $"lakehouse-{own}-service";
            Assert.True(trust.Allows("sts:AssumeRoleWithWebIdentity", "", Token(ns, sa)));
            Assert.False(trust.Allows("sts:AssumeRoleWithWebIdentity", "", Token(ns, "default")));
            Assert.False(trust.Allows("sts:AssumeRoleWithWebIdentity", "", Token(Aws.Namespace(other), $"lakehouse-{other}-service")));
            var attachment = ForProvider("RolePolicyAttachment", role);
            Assert.Equal(role, (string?)attachment["roleRef"]!["name"]);
            Assert.Equal(role, (string?)attachment["policyArnRef"]!["name"]);
            var account = YamlFiles.Read(Render.ReferenceTree.Files[$"gitops/aws/apps/{own}/serviceaccount-{sa}.yaml"])!;
            Assert.Equal(RoleArn(role), (string?)account["metadata"]!["annotations"]![WorkspaceObjects.RoleArnAnnotation]);
        }
        // Elsewhere no workspace role exists, so no ServiceAccount claims one.
        Assert.DoesNotContain("eks.amazonaws.com", Render.ReferenceTree.Files["gitops/dev/apps/analytics/serviceaccount-lakehouse-analytics-service.yaml"], StringComparison.Ordinal);
    }
}
