using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lakehouse.Model;
using Lakehouse.Model.Cloud;
using Lakehouse.Model.Components;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Cloud;

/// <summary>
/// The cloud side of env aws in Git (Crossplane managed resources): every bucket versioned, encrypted and closed to
/// the public, the Glue database, and per workload an IAM role whose rendered policy documents are EVALUATED: each
/// workload reaches its own buckets or prefix and the catalog only where it uses it, nothing of the others'.
/// </summary>
public class CloudResourcesTests
{
    private const string Account = "123456789012";
    private static readonly Naming Aws = new("lakehouse", "aws");

    private static ComponentSpec Spec => Render.Spec("aws", "cloud-resources");

    private static IEnumerable<JsonObject> Objects(string kind) => Spec.Manifests.Where(m => m.Kind == kind).Select(m => m.Body);

    private static JsonObject Object(string kind, string name) => Objects(kind).Single(o => (string?)o["metadata"]!["name"] == name);

    /// <summary>What each workload must reach, written down here (not derived from the code under test).</summary>
    public static readonly IReadOnlyDictionary<string, (string Bucket, string Prefix)[]> Expected = new Dictionary<string, (string, string)[]>
    {
        // Trino also serves the workspaces' schemas, whose Glue databases live in their buckets (docs/workspaces.md).
        ["trino"] = [("warehouse", ""), ("analytics", ""), ("data-science", "")],
        ["spark"] = [("warehouse", "")],
        ["postgres"] = [("postgres-backups", "")],
        ["mlflow"] = [("mlflow-artifacts", "")],
        ["orchestrator"] = [("logs", "orchestrator/")],
    };

    private static readonly string[] CatalogUsers = ["trino", "spark"];

    /// <summary>The store's buckets and the shipped workspaces' (analytics, data-science).</summary>
    private static readonly string[] Buckets = ["warehouse", "postgres-backups", "mlflow-artifacts", "raw", "logs", "analytics", "data-science"];

    [Fact]
    public void Only_the_aws_environment_renders_cloud_resources_on_the_unverified_crossplane_chart()
    {
        foreach (var env in new[] { "dev", "staging", "prod" })
        {
            Assert.DoesNotContain(Render.Reference.Platform!.Environments.Single(e => e.Name == env).Components, c => c.Name == "cloud-resources");
        }
        Assert.Equal("crossplane", Spec.Chart.Name);
        Assert.Equal("lakehouse-cloud-resources", Spec.Namespace);
        var chartLock = File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "charts.lock.yaml"));
        Assert.Matches($@"\n  crossplane:\n(    .*\n)*?      {Regex.Escape(Spec.Chart.Version)}: unverified\n", chartLock);
    }

    [Fact]
    public void Every_declared_bucket_is_versioned_encrypted_and_closed_to_the_public()
    {
        foreach (var bucket in Buckets.Select(Aws.Bucket))
        {
            Assert.Equal("eu-west-1", (string?)Object("Bucket", bucket)["spec"]!["forProvider"]!["region"]);
            Assert.Equal("Enabled", (string?)Object("BucketVersioning", bucket)["spec"]!["forProvider"]!["versioningConfiguration"]![0]!["status"]);
            Assert.Equal("AES256", (string?)Object("BucketServerSideEncryptionConfiguration", bucket)["spec"]!["forProvider"]!["rule"]![0]!["applyServerSideEncryptionByDefault"]![0]!["sseAlgorithm"]);
            var block = Object("BucketPublicAccessBlock", bucket)["spec"]!["forProvider"]!;
            foreach (var key in new[] { "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets" })
            {
                Assert.True((bool)block[key]!, $"{bucket}: {key}");
            }
            foreach (var kind in new[] { "BucketVersioning", "BucketServerSideEncryptionConfiguration", "BucketPublicAccessBlock" })
            {
                Assert.Equal(bucket, (string?)Object(kind, bucket)["spec"]!["forProvider"]!["bucketRef"]!["name"]);
            }
        }
        Assert.Equal(Buckets.Length, Objects("Bucket").Count());
    }

    [Fact]
    public void The_glue_database_is_in_the_accounts_catalog_with_its_location_in_the_warehouse()
    {
        var db = Object("CatalogDatabase", "lakehouse")["spec"]!["forProvider"]!;
        Assert.Equal(Account, (string?)db["catalogId"]);
        Assert.Equal("eu-west-1", (string?)db["region"]);
        Assert.Equal("s3://lakehouse-aws-warehouse/lakehouse", (string?)db["locationUri"]);
    }

    [Fact]
    public void Every_managed_resource_uses_the_irsa_provider_config_and_waits_for_its_crd()
    {
        var config = Object("ProviderConfig", "cloud-resources-aws");
        Assert.Equal("IRSA", (string?)config["spec"]!["credentials"]!["source"]);
        var managed = Spec.Manifests.Where(m => m.Body["apiVersion"]!.ToString().Contains(".aws.upbound.io/", StringComparison.Ordinal)).ToList();
        Assert.True(managed.Count >= 4 * Buckets.Length + 1 + 3 * Expected.Count);
        Assert.All(managed, m =>
        {
            Assert.Equal("cloud-resources-aws", (string?)m.Body["spec"]!["providerConfigRef"]!["name"]);
            Assert.Equal("SkipDryRunOnMissingResource=true", (string?)m.Body["metadata"]!["annotations"]!["argocd.argoproj.io/sync-options"]);
        });
        var runtime = Object("DeploymentRuntimeConfig", "cloud-resources-aws-irsa");
        Assert.Equal($"arn:aws:iam::{Account}:role/lakehouse-aws-cloud-resources",
            (string?)runtime["spec"]!["serviceAccountTemplate"]!["metadata"]!["annotations"]!["eks.amazonaws.com/role-arn"]);
        Assert.Equal(["glue", "iam", "s3"], Objects("Provider").Select(p => ((string)p["spec"]!["package"]!).Split("provider-aws-")[1].Split(':')[0]).Order());
        // Cluster-scoped kinds the component's AppProject must allow.
        foreach (var kind in new[] { "Bucket", "Role", "Policy", "RolePolicyAttachment", "CatalogDatabase", "Provider", "ProviderConfig" })
        {
            Assert.Contains(Spec.ClusterResources, g => g.Kind == kind);
        }
    }

    [Fact]
    public void Every_role_env_names_is_rendered_with_its_policy_attached()
    {
        var env = Render.Reference.Platform!.Environments.Single(e => e.Name == "aws").Config;
        var arns = new[] { env.Trino.ServiceAccountRoleArn, env.Spark.ServiceAccountRoleArn, env.Postgres.ServiceAccountRoleArn, env.Mlflow.ServiceAccountRoleArn, env.Orchestrator.ServiceAccountRoleArn };
        Assert.Equal(Expected.Keys.Select(c => $"arn:aws:iam::{Account}:role/{Aws.CloudRole(c)}").Order(), arns.Order());
        foreach (var component in Expected.Keys)
        {
            var role = Aws.CloudRole(component);
            Object("Role", role);
            Object("Policy", role);
            var attachment = Object("RolePolicyAttachment", role)["spec"]!["forProvider"]!;
            Assert.Equal(role, (string?)attachment["roleRef"]!["name"]);
            Assert.Equal(role, (string?)attachment["policyArnRef"]!["name"]);
        }
        // And one role per workspace (WorkspaceCloudStorageTests).
        Assert.Equal(Expected.Count + 2, Objects("Role").Count());
    }

    [Fact]
    public void No_account_id_is_written_in_definitions()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Paths.RepositoryRoot, "definitions"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.DoesNotMatch(@"(?<![0-9])[0-9]{12}(?![0-9])", File.ReadAllText(f)));
        Assert.Contains($"accountId: \"{Account}\"", Render.EnvironmentText("aws"));
    }

    private static IamPolicyDocument Permissions(string component) =>
        IamPolicyDocument.Parse((string)Object("Policy", Aws.CloudRole(component))["spec"]!["forProvider"]!["policy"]!);

    private static IamPolicyDocument Trust(string component) =>
        IamPolicyDocument.Parse((string)Object("Role", Aws.CloudRole(component))["spec"]!["forProvider"]!["assumeRolePolicy"]!);

    /// <summary>
    /// Every way <paramref name="policy"/> departs from least privilege for a workload that owns
    /// <paramref name="own"/> and uses the catalog or not: probes objects under every workload's prefixes in every
    /// bucket, listing, bucket administration, the catalog's databases and tables, and IAM.
    /// </summary>
    internal static IReadOnlyList<string> LeastPrivilegeProblems(IamPolicyDocument policy, (string Bucket, string Prefix)[] own, bool catalog)
    {
        var problems = new List<string>();
        var keys = new[] { "orchestrator/dag/1.log", "trino/x.parquet", "lakehouse/events/data/x.parquet", "x", "orchestratorx/y" };
        foreach (var purpose in Buckets)
        {
            var bucket = Aws.Bucket(purpose);
            foreach (var key in keys)
            {
                var mine = own.Any(o => o.Bucket == purpose && key.StartsWith(o.Prefix, StringComparison.Ordinal));
                foreach (var action in new[] { "s3:GetObject", "s3:PutObject", "s3:DeleteObject" })
                {
                    if (policy.Allows(action, $"arn:aws:s3:::{bucket}/{key}") != mine)
                    {
                        problems.Add($"{action} on {bucket}/{key}: {(mine ? "denied, but it is the workload's own" : "allowed, but it is not the workload's")}");
                    }
                }
                var listable = own.Any(o => o.Bucket == purpose && key.StartsWith(o.Prefix, StringComparison.Ordinal));
                if (policy.Allows("s3:ListBucket", $"arn:aws:s3:::{bucket}", new Dictionary<string, string> { ["s3:prefix"] = key }) != listable)
                {
                    problems.Add($"s3:ListBucket on {bucket} prefix {key}: {(listable ? "denied" : "allowed")}");
                }
            }
            foreach (var admin in new[] { "s3:DeleteBucket", "s3:PutBucketPolicy", "s3:PutBucketAcl", "s3:PutBucketPublicAccessBlock", "s3:PutEncryptionConfiguration" })
            {
                if (policy.Allows(admin, $"arn:aws:s3:::{bucket}"))
                {
                    problems.Add($"{admin} on {bucket} is allowed");
                }
            }
        }
        var glue = $"arn:aws:glue:eu-west-1:{Account}";
        foreach (var (action, resource, allowedForCatalogUsers) in new[]
                 {
                     ("glue:GetTable", $"{glue}:table/lakehouse/events", true),
                     ("glue:UpdateTable", $"{glue}:table/lakehouse/events", true),
                     ("glue:GetDatabase", $"{glue}:database/lakehouse", true),
                     ("glue:GetTable", $"{glue}:table/finance/ledger", false),
                     ("glue:GetDatabase", $"{glue}:database/finance", false),
                     ("glue:DeleteDatabase", $"{glue}:database/lakehouse", false),
                     ("glue:CreateDatabase", $"{glue}:database/finance", false),
                 })
        {
            if (policy.Allows(action, resource) != (catalog && allowedForCatalogUsers))
            {
                problems.Add($"{action} on {resource}: {(catalog && allowedForCatalogUsers ? "denied" : "allowed")}");
            }
        }
        foreach (var (action, resource) in new[] { ("iam:PassRole", "*"), ("iam:CreateRole", $"arn:aws:iam::{Account}:role/x"), ("sts:AssumeRole", "*"), ("s3:ListAllMyBuckets", "*") })
        {
            if (policy.Allows(action, resource))
            {
                problems.Add($"{action} on {resource} is allowed");
            }
        }
        return problems;
    }

    public static TheoryData<string> Workloads() => new(Expected.Keys);

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Each_workload_reaches_only_its_own_buckets_and_the_catalog_if_it_uses_it(string component)
    {
        var problems = LeastPrivilegeProblems(Permissions(component), Expected[component], CatalogUsers.Contains(component));
        Assert.True(problems.Count == 0, $"{component}:\n" + string.Join("\n", problems));
    }

    [Theory]
    [InlineData("orchestrator", "arn:aws:s3:::lakehouse-aws-logs/orchestrator/*", "arn:aws:s3:::lakehouse-aws-logs/*")]
    [InlineData("mlflow", "arn:aws:s3:::lakehouse-aws-mlflow-artifacts/*", "arn:aws:s3:::lakehouse-aws-*")]
    [InlineData("postgres", "arn:aws:s3:::lakehouse-aws-postgres-backups/*", "*")]
    [InlineData("trino", "arn:aws:glue:eu-west-1:123456789012:table/lakehouse/*", "arn:aws:glue:eu-west-1:123456789012:table/*")]
    [InlineData("spark", "arn:aws:glue:eu-west-1:123456789012:database/lakehouse", "arn:aws:glue:eu-west-1:123456789012:database/*")]
    public void A_widened_policy_fails_the_least_privilege_check(string component, string resource, string widened)
    {
        var policy = Permissions(component);
        Assert.Contains(policy.Statements, s => s.Resources.Contains(resource));
        var broken = new IamPolicyDocument([.. policy.Statements.Select(s => s with { Resources = [.. s.Resources.Select(r => r == resource ? widened : r)] })]);
        Assert.NotEmpty(LeastPrivilegeProblems(broken, Expected[component], CatalogUsers.Contains(component)));
    }

    [Fact]
    public void A_policy_granting_the_catalog_to_a_workload_that_does_not_use_it_fails_the_check()
    {
        var policy = Permissions("mlflow");
        var broken = new IamPolicyDocument([.. policy.Statements, .. Permissions("trino").Statements.Where(s => s.Sid == "Catalog")]);
        Assert.NotEmpty(LeastPrivilegeProblems(broken, Expected["mlflow"], catalog: false));
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Each_role_trusts_only_the_clusters_oidc_provider_for_its_workloads_namespace(string component)
    {
        const string oidc = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E";
        var trust = Trust(component);
        var statement = Assert.Single(trust.Statements);
        Assert.Equal(KeyValuePair.Create("Federated", $"arn:aws:iam::{Account}:oidc-provider/{oidc}"), statement.Principal);
        Dictionary<string, string> Token(string ns, string aud = "sts.amazonaws.com") => new() { [$"{oidc}:sub"] = $"system:serviceaccount:{ns}:sa", [$"{oidc}:aud"] = aud };
        Assert.True(trust.Allows("sts:AssumeRoleWithWebIdentity", "", Token(Aws.Namespace(component))));
        foreach (var other in Expected.Keys.Where(c => c != component))
        {
            Assert.False(trust.Allows("sts:AssumeRoleWithWebIdentity", "", Token(Aws.Namespace(other))), $"{component}'s role trusts {other}'s namespace");
        }
        Assert.False(trust.Allows("sts:AssumeRoleWithWebIdentity", "", Token(Aws.Namespace(component), "other-audience")));
        Assert.False(trust.Allows("sts:AssumeRole", "", Token(Aws.Namespace(component))));
    }

    [Fact]
    public void A_role_arn_in_env_that_is_not_the_rendered_role_fails_the_render()
    {
        var text = Render.EnvironmentText("aws").Replace("role/lakehouse-aws-trino", "role/trino-by-hand", StringComparison.Ordinal);
        var outcome = RenderPipeline.Render(new Lakehouse.Definitions.LakehousePlatform(), [Render.Environment("aws", text)]);
        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Diagnostics, d => d.ToString().Contains(
            $"component 'trino' assumes 'arn:aws:iam::{Account}:role/trino-by-hand', but the role the platform creates for it is 'arn:aws:iam::{Account}:role/lakehouse-aws-trino'", StringComparison.Ordinal));
    }

    [Fact]
    public void An_aws_section_without_an_external_store_fails_the_render()
    {
        var dev = Render.EnvironmentText("dev") + "aws:\n  accountId: \"123456789012\"\n  oidcProvider: oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE\n";
        var outcome = RenderPipeline.Render(new Lakehouse.Definitions.LakehousePlatform(), [Render.Environment("dev", dev)]);
        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Diagnostics, d => d.ToString().Contains("set storage.backend: external", StringComparison.Ordinal));
    }

    [Fact]
    public void The_account_id_must_be_twelve_digits()
    {
        var text = Regex.Replace(Render.EnvironmentText("aws"), "accountId: \"[0-9]+\"", "accountId: \"12345\"");
        Assert.Contains(Render.EnvironmentDiagnostics("aws", text), d => d.ToString().Contains("aws.accountId", StringComparison.Ordinal));
    }
}
