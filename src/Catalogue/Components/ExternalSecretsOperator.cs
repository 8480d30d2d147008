using System.Text.Json.Nodes;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Model.Kubernetes.ExternalSecrets;
using Lakehouse.Model.Secrets;

namespace Lakehouse.Model.Components;

/// <summary>
/// The External Secrets Operator (chart external-secrets from charts.external-secrets.io), which delivers every
/// Secret the platform declares (docs/secrets.md) as an ExternalSecret, and its two ClusterSecretStores: the
/// environment's external store (env/ secrets.backend: kubernetes, vault or aws-secrets-manager) and the
/// generated-values store. Values the platform generates itself are generated ONCE, each into one Secret of this
/// component's namespace (an ExternalSecret over a Password generator, refreshPolicy CreatedOnce); every Secret
/// embedding such a value reads it back through the generated-values store, a Kubernetes-provider
/// ClusterSecretStore confined to this namespace and to those Secrets by name. Why not PushSecret into the external
/// store: it needs write access to the store and an order between the push and every read, while this works the
/// same against every store, in dev without any (docs/secrets.md, "Generated values").
/// </summary>
public sealed record ExternalSecretsOperator(string Name) : Component(Name), ISecretStore
{
    /// <summary>Locked `unverified`: the chart cannot be obtained here, so it has no generated values type and is not hydrated.</summary>
    public static HelmChart Chart => Locked.Chart("external-secrets");

    public static ContainerImage Image => Locked.Image("external-secrets");

    /// <summary>The service account the generated-values store reads as (a Role grants it get on the generated Secrets only).</summary>
    public const string GeneratedReader = "generated-secrets-reader";

    /// <summary>The service account the external store signs in as (Vault Kubernetes auth, AWS IRSA).</summary>
    public const string StoreReader = "external-store-reader";

    /// <summary>The metrics port of the controller, the webhook and the cert controller alike (the chart's metrics.listen.port defaults).</summary>
    private const int MetricsPort = 8080;
    private const int WebhookPort = 10250;

    public string ExternalStore(Naming naming) => naming.SecretStore("external");

    public string GeneratedStore(Naming naming) => naming.SecretStore("generated");

    public string GeneratedNamespace(Naming naming) => naming.Namespace(Name);

    public (string Key, string Property) Locate(Naming naming, EnvironmentConfig environment, StoreValue value) =>
        environment.Secrets.Backend == SecretStoreBackend.Kubernetes
            ? (value.Entry, value.Property)
            : ($"{naming.SecretStorePrefix}/{value.Entry}", value.Property);

    public string Describe(Naming naming, EnvironmentConfig environment) => environment.Secrets.Backend switch
    {
        SecretStoreBackend.Vault => $"Vault {environment.Secrets.Vault!.Server}, KV v2 engine `{environment.Secrets.Vault.Path}`: one secret per entry at `{naming.SecretStorePrefix}/ENTRY`, the property as its key",
        SecretStoreBackend.AwsSecretsManager => $"AWS Secrets Manager in {environment.Secrets.AwsSecretsManager!.Region}: one secret per entry named `{naming.SecretStorePrefix}/ENTRY`, a JSON object with the property as its key",
        _ => $"the Kubernetes namespace `{KubernetesStoreNamespace(naming, environment)}`: one Secret per entry named ENTRY, the property as its key",
    };

    public static string KubernetesStoreNamespace(Naming naming, EnvironmentConfig environment) =>
        environment.Secrets.Kubernetes?.Namespace ?? naming.Namespace("secret-store");

    public override ComponentSpec Describe(ComponentContext context)
    {
        var ns = context.NamespaceOf(this);
        var naming = context.Naming;
        var config = context.Environment.Secrets;
        // The one seam left for dotted values: the external-secrets chart is not in the chart mirror, so no
        // ExternalSecretsValues is generated (docs/charts.md, "Charts without generated types").
        var values = new JsonObject()
            .Set("installCRDs", true)
            .Set("image.repository", Image.Repository)
            .Set("image.tag", Image.Tag)
            .Set("webhook.image.repository", Image.Repository)
            .Set("webhook.image.tag", Image.Tag)
            .Set("certController.image.repository", Image.Repository)
            .Set("certController.image.tag", Image.Tag)
            .Set("resources", Values.Resources(new() { Cpu = "100m", Memory = "128Mi" }))
            .Set("webhook.resources", Values.Resources(new() { Cpu = "50m", Memory = "64Mi" }))
            .Set("certController.resources", Values.Resources(new() { Cpu = "50m", Memory = "64Mi" }))
            // The chart's ServiceMonitors (controller, webhook, cert controller) although the operator syncs in wave 0,
            // before the monitoring stack brings the ServiceMonitor CRD: chart 0.19.2 renders them only when the
            // cluster serves monitoring.coreos.com/v1 (templates/servicemonitor.yaml tests .Capabilities.APIVersions),
            // and Argo CD renders a chart with the destination cluster's API versions. So the first sync leaves them
            // out and stays healthy, and the first refresh after the monitoring stack's sync adds them. (The
            // SkipDryRunOnMissingResource annotation on a monitor of our own would deadlock instead: the apply still
            // fails without the CRD, the Application stays unhealthy and wave 1 never starts.) docs/secrets.md.
            .Set("serviceMonitor.enabled", true)
            .Set("serviceMonitor.additionalLabels", Values.Map(context.MonitorLabels))
            .Set("serviceMonitor.interval", context.Environment.Monitoring.Interval)
            // The controller's metrics Service exists whatever the cluster serves (the monitor selects it).
            .Set("metrics.service.enabled", true)
            .Set("livenessProbe.enabled", true)
            .Set("webhook.readinessProbe.port", 8081);

        var storeReader = new k8s.Models.V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = "ServiceAccount",
            Metadata = new()
            {
                Name = StoreReader,
                NamespaceProperty = ns,
                Annotations = config.Backend == SecretStoreBackend.AwsSecretsManager
                    ? new Dictionary<string, string> { ["eks.amazonaws.com/role-arn"] = config.AwsSecretsManager!.RoleArn }
                    : null,
            },
        };
        var generatedReader = new k8s.Models.V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = "ServiceAccount",
            Metadata = new() { Name = GeneratedReader, NamespaceProperty = ns },
        };
        var generatedStore = EsoJson.Manifest(EsoJson.ApiVersion, "ClusterSecretStore", GeneratedStore(naming), null,
            new SecretStoreSpec(new SecretStoreProvider
            {
                Kubernetes = new KubernetesProvider(ns, new KubernetesServer(new CaProvider("ConfigMap", "kube-root-ca.crt", "ca.crt", ns)),
                    new KubernetesAuth(new ServiceAccountSelector(GeneratedReader, ns))),
            }));
        var externalStore = EsoJson.Manifest(EsoJson.ApiVersion, "ClusterSecretStore", ExternalStore(naming), null,
            new SecretStoreSpec(config.Backend switch
            {
                SecretStoreBackend.Vault => new SecretStoreProvider
                {
                    Vault = new VaultProvider(config.Vault!.Server, config.Vault.Path, "v2",
                        new VaultAuth(new VaultKubernetesAuth(config.Vault.AuthPath, config.Vault.Role, new ServiceAccountSelector(StoreReader, ns)))),
                },
                SecretStoreBackend.AwsSecretsManager => new SecretStoreProvider
                {
                    Aws = new AwsProvider("SecretsManager", config.AwsSecretsManager!.Region, new AwsAuth(new AwsJwtAuth(new ServiceAccountSelector(StoreReader, ns)))),
                },
                _ => new SecretStoreProvider
                {
                    Kubernetes = new KubernetesProvider(KubernetesStoreNamespace(naming, context.Environment),
                        new KubernetesServer(new CaProvider("ConfigMap", "kube-root-ca.crt", "ca.crt", ns)),
                        new KubernetesAuth(new ServiceAccountSelector(StoreReader, ns))),
                },
            }));
        var storeEgress = config.Backend switch
        {
            SecretStoreBackend.Vault => [new EgressGrant("secret-store", "the operator reads the values an operator provides from Vault", [Endpoint.Parse(config.Vault!.Server).Port])],
            SecretStoreBackend.AwsSecretsManager => [new EgressGrant("secret-store", "the operator reads the values an operator provides from AWS Secrets Manager (and STS for its web identity) over HTTPS", [443])],
            _ => Array.Empty<EgressGrant>(),
        };

        return new ComponentSpec
        {
            Namespace = ns,
            Chart = Chart,
            Values = values,
            Manifests =
            [
                StandardObjects.Namespace(ns, naming.Platform),
                StandardObjects.IngressPolicy(ns, [], [], context.Environment.Monitoring.Namespace, [MetricsPort]),
                StandardObjects.WebhookPolicy(ns, "operator-admission-webhook",
                    new Dictionary<string, string> { ["app.kubernetes.io/name"] = "external-secrets-webhook" }, WebhookPort,
                    "the API server calls the operator's validating webhooks for ExternalSecrets and secret stores"),
                ManifestObject.From(storeReader),
                ManifestObject.From(generatedReader),
                externalStore,
                generatedStore,
            ],
            Metrics = new ChartMonitor("serviceMonitor.enabled"),
            Probes = new ChartProbes("livenessProbe.enabled", "webhook.readinessProbe"),
            ClusterResources =
            [
                .. GroupKind.OperatorWithWebhooks,
                new("external-secrets.io", "ClusterSecretStore"),
            ],
            Egress =
            [
                EgressGrant.KubernetesApi("the operator reads ExternalSecrets and writes the Secrets they describe; the Kubernetes provider reads the generated values through the API server"),
                .. storeEgress,
            ],
        };
    }
}
