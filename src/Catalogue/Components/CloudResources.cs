using System.Text.Json.Nodes;
using Lakehouse.Catalogue.CustomResources;
using Lakehouse.Model.Kubernetes;

namespace Lakehouse.Model.Components;

/// <summary>
/// The cloud side of an AWS environment, in Git: Crossplane (chart crossplane, locked <c>unverified</c>: it cannot
/// be obtained on this project's machines, so it is not hydrated) with the Upbound AWS providers for S3, IAM and
/// Glue, and as their managed resources every bucket the external store declares (versioned, SSE-S3 encrypted,
/// public access blocked), the Glue databases <paramref name="Databases"/>, and for each workload identity its IAM
/// role (trusting the cluster's OIDC provider for the workload's namespace only), policy (its own buckets or prefix,
/// the catalog only where it uses it) and their attachment; and each workspace's storage (<see cref="WorkspaceCloudResources"/>). Names come from the naming rule; the account id and the
/// OIDC provider from env/ (aws:). The providers act with the role PLATFORM-ENV-cloud-resources, which is created
/// with the cluster, out of band (docs/cloud-resources.md).
/// </summary>
/// <param name="Name">Component name.</param>
/// <param name="Databases">Glue databases (Iceberg namespaces) the platform's tables live in; by default the platform's
/// name with '-' as '_' (the schema the platform's jobs use).</param>
public sealed record CloudResources(string Name, IReadOnlyList<string>? Databases = null) : Component(Name)
{
    public static HelmChart Chart => Locked.Chart("crossplane");

    /// <summary>Server-side encryption of every bucket: SSE-S3 (S3-managed keys), which needs no KMS permission on the workloads' roles.</summary>
    public const string SseAlgorithm = "AES256";

    private const int MetricsPort = 8080;

    /// <summary>The provider packages, by family (each image key spelled out: the lock test reads the look-ups).</summary>
    private static (string Family, ContainerImage Package)[] ProviderPackages =>
    [
        ("s3", Locked.Image("crossplane-provider-aws-s3")),
        ("iam", Locked.Image("crossplane-provider-aws-iam")),
        ("glue", Locked.Image("crossplane-provider-aws-glue")),
    ];

    /// <summary>The platform's Glue databases (<see cref="Databases"/>, else the platform's name with '-' as '_'), where the catalog is Glue.</summary>
    public IReadOnlyList<string> PlatformDatabases(Naming naming) => Databases ?? [naming.Platform.Replace('-', '_')];

    /// <summary>The ProviderConfig every managed resource names.</summary>
    public string ProviderConfig(Naming naming) => naming.Object(Name, "aws");

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var naming = context.Naming;
        var env = context.Environment;
        var aws = env.Aws ?? throw new InvalidOperationException($"component '{Name}' renders AWS resources: env/ needs the aws section (accountId, oidcProvider)");
        var store = context.Components.OfType<ExternalObjectStorage>().SingleOrDefault()
            ?? throw new InvalidOperationException($"component '{Name}' renders the buckets of an external S3 store: set storage.backend: external");
        var glue = context.Components.OfType<GlueCatalog>().SingleOrDefault();
        var region = store.Region(context);
        var catalogRegion = env.Catalog.Glue?.Region ?? region;
        var arns = new AwsArns(aws.Partition, aws.AccountId, catalogRegion, env.Catalog.Glue?.CatalogId ?? aws.AccountId);
        var config = ProviderConfig(naming);
        var runtime = naming.Object(Name, "aws-irsa");
        var databases = glue is null ? [] : PlatformDatabases(naming);
        foreach (var database in databases.Where(d => !System.Text.RegularExpressions.Regex.IsMatch(d, "^[a-z0-9_]{1,255}$")))
        {
            throw new InvalidOperationException($"Glue database '{database}' is not a valid name (lower-case letters, digits and '_')");
        }

        var resources = new List<AwsManagedResource>();
        foreach (var bucket in store.Buckets.Select(b => store.Bucket(context, b)))
        {
            resources.Add(AwsManagedResource.Bucket(bucket, region, config));
            resources.Add(AwsManagedResource.BucketVersioning(bucket, region, config));
            resources.Add(AwsManagedResource.BucketEncryption(bucket, region, SseAlgorithm, config));
            resources.Add(AwsManagedResource.BucketPublicAccessBlock(bucket, region, config));
        }
        var warehouse = glue is null ? null : store.Bucket(context, glue.WarehouseBucket);
        resources.AddRange(databases.Select(d => AwsManagedResource.CatalogDatabase(d, arns.CatalogId, catalogRegion, $"s3://{warehouse}/{d}", config)));
        var identities = WorkloadIdentities.Of(context);
        foreach (var identity in identities)
        {
            var role = naming.CloudRole(identity.Component);
            if (identity.RoleArn != arns.Role(role))
            {
                throw new InvalidOperationException(
                    $"component '{identity.Component}' assumes '{identity.RoleArn}', but the role the platform creates for it is '{arns.Role(role)}' (account aws.accountId, name by the naming rule): set its serviceAccountRoleArn to that");
            }
            resources.Add(AwsManagedResource.Role(role, WorkloadPolicies.Trust(identity, arns, aws.OidcProvider).ToJsonString(),
                $"Workload identity of {identity.Component} ({identity.Namespace})", config));
            resources.Add(AwsManagedResource.Policy(role, WorkloadPolicies.Permissions(identity, arns, databases).ToJsonString(),
                $"What {identity.Component} may reach: its buckets{(identity.Catalog ? " and the Glue catalog" : "")}", config));
            resources.Add(AwsManagedResource.RolePolicyAttachment(role, role, role, config));
        }
        // Each workspace's bucket, its policy, its database and its role (docs/workspaces.md); Trino's role reads them.
        resources.AddRange(WorkspaceCloudResources.For(context, arns, aws.OidcProvider, region, catalogRegion, glue is not null,
            [.. identities.Where(i => context.Components.Any(c => c.Name == i.Component && c is Trino)).Select(i => i.RoleArn)], config));

        // Chart crossplane has no generated type (docs/charts.md, "Charts without generated types"): dotted keys of
        // its values.yaml (metrics.enabled, resourcesCrossplane, resourcesRBACManager), checked only by hydration.
        var values = new JsonObject()
            .Set("metrics.enabled", true)
            .Set("resourcesCrossplane", Values.Resources(new() { Cpu = "100m", Memory = "512Mi" }))
            .Set("resourcesRBACManager", Values.Resources(new() { Cpu = "50m", Memory = "256Mi" }));
        var monitor = StandardObjects.PodMonitor(Name, ns, context.MonitorLabels,
            new Dictionary<string, string> { ["app"] = "crossplane" },
            new() { Port = "metrics", Path = "/metrics", Interval = env.Monitoring.Interval });

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values,
            Manifests =
            [
                .. StandardObjects.Baseline(context, this, [], [MetricsPort],
                    podSecurity: PodSecurity.Baseline("chart crossplane 1.20.1 cannot be obtained here, so its pods cannot be shown to meet restricted")),
                monitor,
                CrossplanePackages.DeploymentRuntimeConfig(runtime, arns.Role(naming.CloudRole(Name))),
                .. ProviderPackages.Select(p =>
                    CrossplanePackages.Provider(naming.Object(Name, $"provider-aws-{p.Family}"), $"{p.Package.Repository}:{p.Package.Tag}", runtime)),
                CrossplanePackages.AwsProviderConfig(config),
                .. resources.Select(r => r.ToManifest()),
            ],
            Metrics = new ManifestMonitor("PodMonitor", Name),
            Probes = new NoProbes("chart crossplane 1.20.1 is unverified (not obtainable here): which probes its templates render cannot be checked, so none is claimed"),
            ClusterResources =
            [
                .. GroupKind.OperatorWithWebhooks,
                new("pkg.crossplane.io", "Provider"),
                new("pkg.crossplane.io", "DeploymentRuntimeConfig"),
                new("aws.upbound.io", "ProviderConfig"),
                .. resources.Select(r => new GroupKind(r.Group, r.Kind)).Distinct(),
            ],
            Egress =
            [
                EgressGrant.KubernetesApi("Crossplane installs the provider packages and reconciles managed resources through the API server"),
                new EgressGrant("aws-apis", "the providers call the AWS APIs (S3, IAM, Glue, STS) and pull their packages from the xpkg.upbound.io registry over HTTPS", [443]),
            ],
        };
    }
}
