using System.Text.Json.Nodes;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Catalogue.CustomResources;

/// <summary>
/// A Crossplane managed resource of the Upbound AWS provider family, HAND-WRITTEN (no CRD to generate it from:
/// the providers' CRDs are installed by the provider packages at run time and cannot be obtained on this project's
/// machines, so these objects are not schema-checked here). Shapes follow the upstream CRDs of
/// crossplane-contrib/provider-upjet-aws (formerly upbound/provider-aws), package/crds/GROUP_PLURAL.yaml, API
/// version v1beta1 as served by the provider-aws-* v1.21 packages the lock pins: cluster-scoped, spec.forProvider
/// with the Terraform arguments in camelCase (singleton blocks as one-item lists), spec.providerConfigRef.name,
/// and metadata.name as the external name unless crossplane.io/external-name says otherwise.
/// </summary>
/// <param name="Group">API group: s3.aws.upbound.io, iam.aws.upbound.io, glue.aws.upbound.io.</param>
/// <param name="Kind">Kind, as the CRD names it.</param>
/// <param name="Name">metadata.name (cluster-scoped): the AWS name where the kind's external name is its name.</param>
/// <param name="ForProvider">spec.forProvider.</param>
/// <param name="ProviderConfig">The ProviderConfig (aws.upbound.io/v1beta1) holding the provider's credentials.</param>
public sealed record AwsManagedResource(string Group, string Kind, string Name, JsonObject ForProvider, string ProviderConfig)
{
    public const string Version = "v1beta1";

    /// <summary>Crossplane's annotation naming the resource in AWS when metadata.name cannot (a Glue name with '_').</summary>
    public const string ExternalNameAnnotation = "crossplane.io/external-name";

    /// <summary>The AWS name, when it differs from <see cref="Name"/> (rendered as <see cref="ExternalNameAnnotation"/>).</summary>
    public string? ExternalName { get; init; }

    public ManifestObject ToManifest()
    {
        // The kind's CRD appears only once its provider package is installed (same sync): Argo CD retries.
        var annotations = new JsonObject { ["argocd.argoproj.io/sync-options"] = "SkipDryRunOnMissingResource=true" };
        if (ExternalName is { } external)
        {
            annotations[ExternalNameAnnotation] = external;
        }
        return Manifest(annotations);
    }

    private ManifestObject Manifest(JsonObject annotations) => ManifestObject.FromJson(new JsonObject
    {
        ["apiVersion"] = $"{Group}/{Version}",
        ["kind"] = Kind,
        ["metadata"] = new JsonObject
        {
            ["name"] = Name,
            ["annotations"] = annotations,
        },
        ["spec"] = new JsonObject
        {
            ["forProvider"] = ForProvider.DeepClone(),
            ["providerConfigRef"] = new JsonObject { ["name"] = ProviderConfig },
        },
    });

    private static JsonObject Ref(string name) => new() { ["name"] = name };

    /// <summary>s3.aws.upbound.io Bucket (crds/s3.aws.upbound.io_buckets.yaml): forProvider.region; the bucket's name is metadata.name.</summary>
    public static AwsManagedResource Bucket(string bucket, string region, string providerConfig) =>
        new("s3.aws.upbound.io", "Bucket", bucket, new JsonObject { ["region"] = region }, providerConfig);

    /// <summary>BucketVersioning (crds/s3.aws.upbound.io_bucketversionings.yaml): versioningConfiguration[].status Enabled.</summary>
    public static AwsManagedResource BucketVersioning(string bucket, string region, string providerConfig) =>
        new("s3.aws.upbound.io", "BucketVersioning", bucket, new JsonObject
        {
            ["bucketRef"] = Ref(bucket),
            ["region"] = region,
            ["versioningConfiguration"] = new JsonArray(new JsonObject { ["status"] = "Enabled" }),
        }, providerConfig);

    /// <summary>
    /// BucketServerSideEncryptionConfiguration (crds/s3.aws.upbound.io_bucketserversideencryptionconfigurations.yaml):
    /// rule[].applyServerSideEncryptionByDefault[].sseAlgorithm.
    /// </summary>
    public static AwsManagedResource BucketEncryption(string bucket, string region, string sseAlgorithm, string providerConfig) =>
        new("s3.aws.upbound.io", "BucketServerSideEncryptionConfiguration", bucket, new JsonObject
        {
            ["bucketRef"] = Ref(bucket),
            ["region"] = region,
            ["rule"] = new JsonArray(new JsonObject
            {
                ["applyServerSideEncryptionByDefault"] = new JsonArray(new JsonObject { ["sseAlgorithm"] = sseAlgorithm }),
            }),
        }, providerConfig);

    /// <summary>BucketPublicAccessBlock (crds/s3.aws.upbound.io_bucketpublicaccessblocks.yaml): all four switches.</summary>
    public static AwsManagedResource BucketPublicAccessBlock(string bucket, string region, string providerConfig) =>
        new("s3.aws.upbound.io", "BucketPublicAccessBlock", bucket, new JsonObject
        {
            ["blockPublicAcls"] = true,
            ["blockPublicPolicy"] = true,
            ["bucketRef"] = Ref(bucket),
            ["ignorePublicAcls"] = true,
            ["region"] = region,
            ["restrictPublicBuckets"] = true,
        }, providerConfig);

    /// <summary>
    /// BucketPolicy (crds/s3.aws.upbound.io_bucketpolicies.yaml): bucketRef, region and policy, the bucket policy as a
    /// JSON string; one per bucket, named as the bucket.
    /// </summary>
    public static AwsManagedResource BucketPolicy(string bucket, string region, string policy, string providerConfig) =>
        new("s3.aws.upbound.io", "BucketPolicy", bucket, new JsonObject
        {
            ["bucketRef"] = Ref(bucket),
            ["policy"] = policy,
            ["region"] = region,
        }, providerConfig);

    /// <summary>iam.aws.upbound.io Role (crds/iam.aws.upbound.io_roles.yaml): assumeRolePolicy, a JSON string; global, no region.</summary>
    public static AwsManagedResource Role(string name, string assumeRolePolicy, string description, string providerConfig) =>
        new("iam.aws.upbound.io", "Role", name, new JsonObject { ["assumeRolePolicy"] = assumeRolePolicy, ["description"] = description }, providerConfig);

    /// <summary>iam Policy (crds/iam.aws.upbound.io_policies.yaml): policy, a JSON string.</summary>
    public static AwsManagedResource Policy(string name, string policy, string description, string providerConfig) =>
        new("iam.aws.upbound.io", "Policy", name, new JsonObject { ["description"] = description, ["policy"] = policy }, providerConfig);

    /// <summary>iam RolePolicyAttachment (crds/iam.aws.upbound.io_rolepolicyattachments.yaml): roleRef and policyArnRef.</summary>
    public static AwsManagedResource RolePolicyAttachment(string name, string role, string policy, string providerConfig) =>
        new("iam.aws.upbound.io", "RolePolicyAttachment", name, new JsonObject { ["policyArnRef"] = Ref(policy), ["roleRef"] = Ref(role) }, providerConfig);

    /// <summary>
    /// glue.aws.upbound.io CatalogDatabase (crds/glue.aws.upbound.io_catalogdatabases.yaml): catalogId and region
    /// required; the database's name is metadata.name, or, for a name with '_' (which Kubernetes names cannot hold),
    /// the external-name annotation with '-' for '_' in metadata.name.
    /// </summary>
    public static AwsManagedResource CatalogDatabase(string database, string catalogId, string region, string locationUri, string providerConfig) =>
        new("glue.aws.upbound.io", "CatalogDatabase", database.Replace('_', '-'), new JsonObject
        {
            ["catalogId"] = catalogId,
            ["locationUri"] = locationUri,
            ["region"] = region,
        }, providerConfig)
        {
            ExternalName = database.Contains('_', StringComparison.Ordinal) ? database : null,
        };
}

/// <summary>
/// Crossplane's package and provider-configuration objects, HAND-WRITTEN after Crossplane's CRDs
/// (crossplane/crossplane cluster/crds: pkg.crossplane.io_providers.yaml v1,
/// pkg.crossplane.io_deploymentruntimeconfigs.yaml v1beta1) and the AWS family's ProviderConfig
/// (provider-upjet-aws package/crds/aws.upbound.io_providerconfigs.yaml v1beta1); not schema-checked here.
/// </summary>
public static class CrossplanePackages
{
    /// <summary>A provider package, run with <paramref name="runtimeConfig"/>.</summary>
    public static ManifestObject Provider(string name, string package, string runtimeConfig) => ManifestObject.FromJson(new JsonObject
    {
        ["apiVersion"] = "pkg.crossplane.io/v1",
        ["kind"] = "Provider",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["package"] = package,
            ["packagePullPolicy"] = "IfNotPresent",
            ["runtimeConfigRef"] = new JsonObject { ["name"] = runtimeConfig },
        },
    });

    /// <summary>The providers' runtime: their service account carries the IAM role they act with (IRSA).</summary>
    public static ManifestObject DeploymentRuntimeConfig(string name, string roleArn) => ManifestObject.FromJson(new JsonObject
    {
        ["apiVersion"] = "pkg.crossplane.io/v1beta1",
        ["kind"] = "DeploymentRuntimeConfig",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["serviceAccountTemplate"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["eks.amazonaws.com/role-arn"] = roleArn } },
            },
        },
    });

    /// <summary>The AWS family's ProviderConfig: credentials from the provider pods' workload identity (source IRSA).</summary>
    public static ManifestObject AwsProviderConfig(string name) => ManifestObject.FromJson(new JsonObject
    {
        ["apiVersion"] = "aws.upbound.io/v1beta1",
        ["kind"] = "ProviderConfig",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["annotations"] = new JsonObject { ["argocd.argoproj.io/sync-options"] = "SkipDryRunOnMissingResource=true" },
        },
        ["spec"] = new JsonObject { ["credentials"] = new JsonObject { ["source"] = "IRSA" } },
    });
}
