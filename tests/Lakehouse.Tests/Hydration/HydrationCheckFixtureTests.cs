using System.Text.Json.Nodes;
using Lakehouse.Tests.Hydration.Checks;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Hydration;

/// <summary>
/// Each hydration check catches what it is for: a small hand-written manifest set that violates exactly that
/// check yields a finding, and the same set with the one violation repaired yields none.
/// </summary>
public class HydrationCheckFixtureTests
{
    private static readonly ArgoApplication App = new("fixture", "lakehouse-fixture-app", "app", "lakehouse-fixture", "lakehouse-app", 3, null, "app", [], null);

    private static List<Manifest> Objects(string yaml, ArgoApplication? app = null) => [.. Manifest.Parse(app ?? App, "fixture", yaml)];

    private const string RestrictedNamespace = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: lakehouse-app
          labels:
            pod-security.kubernetes.io/enforce: restricted
        """;

    private static string Deployment(string containerContext, string podExtra = "") => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app
        spec:
          selector:
            matchLabels: {app: app}
          template:
            metadata:
              labels: {app: app}
            spec:
              securityContext:
                runAsNonRoot: true
                seccompProfile: {type: RuntimeDefault}
        {{podExtra}}
              containers:
                - name: app
                  image: app:1
                  ports:
                    - {name: http, containerPort: 8080}
                  securityContext:
        {{containerContext}}
        """;

    private const string Compliant = """
                    allowPrivilegeEscalation: false
                    capabilities: {drop: [ALL]}
        """;

    private static readonly ArgoApplication MonitoringApp = App with { Name = "lakehouse-fixture-monitoring", Component = "monitoring", Wave = 0 };

    private static JsonObject ServiceMonitorCrd() => new()
    {
        ["apiVersion"] = "apiextensions.k8s.io/v1",
        ["kind"] = "CustomResourceDefinition",
        ["metadata"] = new JsonObject { ["name"] = "servicemonitors.monitoring.coreos.com" },
        ["spec"] = new JsonObject
        {
            ["group"] = "monitoring.coreos.com",
            ["scope"] = "Namespaced",
            ["names"] = new JsonObject { ["kind"] = "ServiceMonitor", ["plural"] = "servicemonitors" },
            ["versions"] = new JsonArray(new JsonObject
            {
                ["name"] = "v1",
                ["served"] = true,
                ["storage"] = true,
                ["schema"] = new JsonObject
                {
                    ["openAPIV3Schema"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["spec"] = new JsonObject
                            {
                                ["type"] = "object",
                                ["properties"] = new JsonObject
                                {
                                    ["selector"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
                                    ["endpoints"] = new JsonObject
                                    {
                                        ["type"] = "array",
                                        ["items"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["port"] = new JsonObject { ["type"] = "string" } } },
                                    },
                                },
                            },
                        },
                    },
                },
            }),
        },
    };

    private const string ServiceMonitor = """
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata:
          name: app
        spec:
          selector:
            matchLabels: {app: app}
          endpoints:
            - port: http
        """;

    private const string Service = """
        apiVersion: v1
        kind: Service
        metadata:
          name: app
          labels: {app: app}
        spec:
          selector: {app: app}
          ports:
            - {name: http, port: 80, targetPort: http}
        """;

    [Fact]
    public void Schema_check_rejects_an_unknown_field_of_a_core_kind_at_any_depth()
    {
        var crds = new[] { ServiceMonitorCrd() };
        Assert.Empty(ObjectSchemaCheck.Check(Objects(Deployment(Compliant)), crds));
        var findings = ObjectSchemaCheck.Check(Objects(Deployment(Compliant + "\n            runAsNonRut: true")), crds).ToList();
        Assert.Contains(findings, f => f.Message.Contains("runAsNonRut", StringComparison.Ordinal));
    }

    [Fact]
    public void Kinds_of_a_rendered_crossplane_provider_are_exempt_and_others_are_not()
    {
        const string bucket = "apiVersion: s3.aws.upbound.io/v1beta1\nkind: Bucket\nmetadata: {name: b}\n";
        const string provider = "apiVersion: pkg.crossplane.io/v1\nkind: Provider\nmetadata: {name: p}\nspec: {package: 'xpkg.upbound.io/upbound/provider-aws-s3:v1.21.1'}\n";
        // Without the provider package that installs its CRD, an Upbound kind is unknown like any other.
        Assert.Contains(ObjectSchemaCheck.Check(Objects(bucket), []), f => f.Message.Contains("s3.aws.upbound.io/v1beta1 Bucket is neither", StringComparison.Ordinal));
        Assert.Empty(ObjectSchemaCheck.Check(Objects(bucket + "---\n" + provider), []));
        // A family no rendered provider installs stays unknown.
        const string role = "apiVersion: iam.aws.upbound.io/v1beta1\nkind: Role\nmetadata: {name: r}\n";
        Assert.Contains(ObjectSchemaCheck.Check(Objects(role + "---\n" + provider), []), f => f.Message.Contains("iam.aws.upbound.io/v1beta1 Role is neither", StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_check_rejects_a_wrong_type_and_an_unknown_kind()
    {
        var findings = ObjectSchemaCheck.Check(Objects(Service.Replace("port: 80", "port: eighty", StringComparison.Ordinal) + "\n---\napiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\n"), []).ToList();
        Assert.Contains(findings, f => f.Object == "Service/app");
        Assert.Contains(findings, f => f.Object == "Gadget/g" && f.Message.Contains("neither a Kubernetes API type nor defined by a CRD", StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_check_validates_a_custom_resource_against_its_crd_with_unknown_fields_rejected()
    {
        var crds = new[] { ServiceMonitorCrd() };
        Assert.Empty(ObjectSchemaCheck.Check(Objects(ServiceMonitor), crds));
        var findings = ObjectSchemaCheck.Check(Objects(ServiceMonitor.Replace("- port: http", "- prot: http", StringComparison.Ordinal)), crds).ToList();
        Assert.Single(findings);
        Assert.Contains("prot", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Project_check_rejects_a_namespace_and_a_cluster_kind_the_project_does_not_allow()
    {
        var project = new AppProject("lakehouse-fixture", new HashSet<string> { "lakehouse-app" }, new HashSet<(string, string)> { ("", "Namespace") });
        Assert.Empty(ProjectCheck.Check(Objects(Service + "\n---\n" + RestrictedNamespace), [project], []));
        var findings = ProjectCheck.Check(Objects(Service.Replace("name: app\n", "name: app\n  namespace: kube-system\n", StringComparison.Ordinal)
            + "\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\n"), [project], []).ToList();
        Assert.Contains(findings, f => f.Message.Contains("namespace 'kube-system' is not a destination", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.Contains("rbac.authorization.k8s.io/ClusterRole is not in", StringComparison.Ordinal));
    }

    private const string MigrationJob = """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: app-run-migrations
          annotations:
            helm.sh/hook: post-install,post-upgrade
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: migrate, image: app:1}]
        """;

    private const string WaitingDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app
        spec:
          selector:
            matchLabels: {app: app}
          template:
            metadata:
              labels: {app: app}
            spec:
              initContainers: [{name: wait-for-migrations, image: app:1}]
              containers: [{name: app, image: app:1}]
        """;

    [Fact]
    public void Hook_check_rejects_a_post_sync_job_that_pods_wait_for()
    {
        var findings = HookOrderCheck.Check(Objects(MigrationJob + "\n---\n" + WaitingDeployment)).ToList();
        Assert.Single(findings);
        Assert.Contains("deadlock", findings[0].Message, StringComparison.Ordinal);
        // As a Sync hook (Argo CD's own annotation) or a pre-install hook it runs before or beside the pods.
        Assert.Empty(HookOrderCheck.Check(Objects(MigrationJob.Replace("helm.sh/hook: post-install,post-upgrade", "argocd.argoproj.io/hook: Sync", StringComparison.Ordinal) + "\n---\n" + WaitingDeployment)));
        Assert.Empty(HookOrderCheck.Check(Objects(MigrationJob.Replace("post-install,post-upgrade", "pre-install,pre-upgrade", StringComparison.Ordinal) + "\n---\n" + WaitingDeployment)));
    }

    [Fact]
    public void Pod_security_check_rejects_a_restricted_violation_in_any_container()
    {
        Assert.Empty(PodSecurityCheck.Check(Objects(RestrictedNamespace + "\n---\n" + Deployment(Compliant))));
        var findings = PodSecurityCheck.Check(Objects(RestrictedNamespace + "\n---\n" + Deployment("            allowPrivilegeEscalation: false"))).ToList();
        Assert.Single(findings);
        Assert.Contains("capabilities do not drop ALL", findings[0].Message, StringComparison.Ordinal);
        var sidecar = Deployment(Compliant).Replace("      containers:\n", "      initContainers:\n        - {name: init, image: busybox:1}\n      containers:\n", StringComparison.Ordinal);
        Assert.Contains(PodSecurityCheck.Check(Objects(RestrictedNamespace + "\n---\n" + sidecar)), f => f.Message.Contains("initContainers[init]", StringComparison.Ordinal));
    }

    [Fact]
    public void Pod_security_check_applies_baseline_to_baseline_namespaces()
    {
        var baseline = RestrictedNamespace.Replace("restricted", "baseline", StringComparison.Ordinal);
        // Restricted-only gaps are fine in a baseline namespace; a hostPath volume is not.
        Assert.Empty(PodSecurityCheck.Check(Objects(baseline + "\n---\n" + Deployment("            privileged: false"))));
        var hostPath = Deployment("            privileged: false", "      volumes: [{name: host, hostPath: {path: /var/run}}]");
        Assert.Contains(PodSecurityCheck.Check(Objects(baseline + "\n---\n" + hostPath)), f => f.Message.Contains("hostPath", StringComparison.Ordinal));
    }

    [Fact]
    public void Monitor_check_rejects_a_monitor_selecting_nothing_or_naming_a_missing_port()
    {
        Assert.Empty(MonitorCheck.Check(Objects(Service + "\n---\n" + ServiceMonitor)));
        Assert.Contains(MonitorCheck.Check(Objects(Service + "\n---\n" + ServiceMonitor.Replace("- port: http", "- port: metrics", StringComparison.Ordinal))),
            f => f.Message.Contains("endpoint port 'metrics' is not a port", StringComparison.Ordinal));
        Assert.Contains(MonitorCheck.Check(Objects(Service + "\n---\n" + ServiceMonitor.Replace("matchLabels: {app: app}", "matchLabels: {app: other}", StringComparison.Ordinal))),
            f => f.Message.Contains("selects no Service", StringComparison.Ordinal));
        // targetPort names a container port of the pods behind the Service (MLflow's 'http' vs 'mlflow').
        var targetPort = ServiceMonitor.Replace("- port: http", "- targetPort: http", StringComparison.Ordinal);
        Assert.Empty(MonitorCheck.Check(Objects(Service + "\n---\n" + Deployment(Compliant) + "\n---\n" + targetPort)));
        Assert.Contains(MonitorCheck.Check(Objects(Service + "\n---\n" + Deployment(Compliant).Replace("name: http,", "name: web,", StringComparison.Ordinal) + "\n---\n" + targetPort)),
            f => f.Message.Contains("targetPort 'http' is not a container port", StringComparison.Ordinal));
    }

    [Fact]
    public void Monitor_check_finds_operator_made_services_only_with_the_labels_the_operator_sets()
    {
        const string tenant = """
            apiVersion: minio.min.io/v2
            kind: Tenant
            metadata: {name: store}
            spec:
              requestAutoCert: false
            """;
        const string monitor = """
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata: {name: store}
            spec:
              selector:
                matchLabels: {v1.min.io/tenant: store}
              endpoints: [{port: http-minio}]
            """;
        Assert.Contains(MonitorCheck.Check(Objects(tenant + "\n---\n" + monitor)), f => f.Message.Contains("selects no Service", StringComparison.Ordinal));
        var labelled = tenant + "\n  serviceMetadata:\n    minioServiceLabels: {v1.min.io/tenant: store}\n";
        Assert.Empty(MonitorCheck.Check(Objects(labelled + "\n---\n" + monitor)));
    }

    [Fact]
    public void Endpoint_check_rejects_an_endpoint_without_its_service_or_port()
    {
        string ConfigMap(string url) => $"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: conf}}\ndata:\n  catalog.properties: \"uri={url}\"\n";
        Assert.Empty(ReferenceCheck.CheckEndpoints(Objects(Service + "\n---\n" + ConfigMap("http://app.lakehouse-app.svc.cluster.local:80/api")), []));
        Assert.Contains(ReferenceCheck.CheckEndpoints(Objects(Service + "\n---\n" + ConfigMap("http://app.lakehouse-app.svc.cluster.local:8080/api")), []),
            f => f.Message.Contains("has no port 8080", StringComparison.Ordinal));
        Assert.Contains(ReferenceCheck.CheckEndpoints(Objects(Service), [(App, "gitops/dev/apps/app/values.yaml", "url: http://gone.lakehouse-app.svc.cluster.local:80")]),
            f => f.Message.Contains("no Service lakehouse-app/gone", StringComparison.Ordinal));
    }

    [Fact]
    public void Secret_check_rejects_a_pod_reading_a_secret_neither_rendered_operator_made_nor_declared()
    {
        // Declared: an ExternalSecret of the pod's namespace targets the Secret (what the render makes of a declaration).
        const string declared = "apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: {name: app-database}\nspec: {target: {name: app-database}}\n";
        string Reading(string secret) => Deployment(Compliant) + $"\n          env:\n            - name: PASSWORD\n              valueFrom: {{secretKeyRef: {{name: {secret}, key: password}}}}";
        Assert.Empty(ReferenceCheck.CheckSecrets(Objects(Reading("app-database") + "\n---\n" + declared)));
        Assert.Empty(ReferenceCheck.CheckSecrets(Objects(Reading("pg-app") + "\n---\napiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata: {name: pg}\n")));
        Assert.Contains(ReferenceCheck.CheckSecrets(Objects(Reading("app-database"))), f => f.Message.Contains("Secret lakehouse-app/app-database", StringComparison.Ordinal));
        Assert.Contains(ReferenceCheck.CheckSecrets(Objects(Reading("app-token") + "\n---\n" + declared)), f => f.Message.Contains("Secret lakehouse-app/app-token", StringComparison.Ordinal));
    }

    [Fact]
    public void The_reference_tree_declares_the_secrets_pods_read_as_external_secrets()
    {
        var dev = Render.ReferenceTree.Files;
        Assert.Contains("gitops/dev/apps/trino/externalsecret-trino-tls.yaml", dev.Keys);
        Assert.Contains("gitops/dev/apps/object-storage/externalsecret-object-storage-user-spark.yaml", dev.Keys);
        Assert.DoesNotContain("gitops/dev/apps/trino/externalsecret-object-storage-root-config.yaml", dev.Keys);
    }

    [Fact]
    public void Template_error_check_finds_a_missing_value_even_base64_encoded()
    {
        string Secret(string value) => $"apiVersion: v1\nkind: Secret\nmetadata: {{name: broker}}\ndata:\n  connection: {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value))}\n";
        Assert.Empty(TemplateErrorCheck.Check(Objects(Secret("redis://:pw@valkey:6379/0"))));
        Assert.Single(TemplateErrorCheck.Check(Objects(Secret("%!s(<nil>)"))));
        Assert.Single(TemplateErrorCheck.Check(Objects("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {url: \"<no value>\"}\n")));
    }

    [Fact]
    public async Task Repeat_check_catches_a_chart_with_a_random_value()
    {
        var helm = HelmTool.Require();
        var chart = Path.Combine(Paths.RepositoryRoot, "tests", "Lakehouse.Tests", "Hydration", "Fixtures", "random-chart");
        async Task<string> Template() => (await Tool.Run(helm, ["template", "fixture", chart], Paths.RepositoryRoot)).Output;
        var first = await Template();
        Assert.Contains("kind: Secret", first, StringComparison.Ordinal);
        Assert.Single(RepeatCheck.Compare(App, "helm template", first, await Template()));
        Assert.Empty(RepeatCheck.Compare(App, "helm template", first, first));
    }

    [Fact]
    public void Sync_order_check_rejects_a_custom_resource_whose_api_no_earlier_wave_installs()
    {
        var monitor = Objects(ServiceMonitor);
        var installed = Hydrator.ApiVersionsOf([ServiceMonitorCrd()]).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(SyncOrderCheck.Check(App, null, monitor, installed));
        Assert.Contains(SyncOrderCheck.Check(App, null, monitor, new HashSet<string>()), f => f.Message.Contains("monitoring.coreos.com/v1/ServiceMonitor is not installed before sync wave 3", StringComparison.Ordinal));
        Assert.Contains(SyncOrderCheck.Check(App, "Error: the cluster does not support monitoring.coreos.com/v1", [], new HashSet<string>()), f => f.Message.Contains("does not render in sync wave 3", StringComparison.Ordinal));
        // An Application may bring the CRD of its own custom resources (the monitoring chart does).
        Assert.Empty(SyncOrderCheck.Check(MonitoringApp, null, [.. monitor, new Manifest(MonitoringApp, "fixture", ServiceMonitorCrd())], new HashSet<string>()));
    }

    [Fact]
    public void Helm_hooks_argo_cd_does_not_run_are_not_hydrated()
    {
        var testPod = Objects("apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\n  annotations: {helm.sh/hook: test}\nspec: {containers: [{name: t, image: busybox:1}]}\n");
        Assert.Equal("Skip", HookOrderCheck.Phase(testPod[0]));
        Assert.Empty(Hydrator.Synced(testPod));
    }

    [Fact]
    public void Superset_statsd_exporter_sidecar_meets_restricted_on_its_own()
    {
        // Superset's chart is not obtainable here, so its pods are not hydrated; the sidecar the platform adds is
        // judged alone, under a pod context that sets nothing.
        foreach (var environment in ArgoApplications.Environments())
        {
            var sidecars = Render.Spec(environment, "superset").Values["supersetNode"]!["extraContainers"]!.AsArray();
            var pod = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Pod",
                ["metadata"] = new JsonObject { ["name"] = "superset", ["namespace"] = "lakehouse-app" },
                ["spec"] = new JsonObject { ["containers"] = sidecars.DeepClone() },
            };
            var objects = Objects(RestrictedNamespace).Append(new Manifest(App, "fixture", pod));
            Assert.Empty(PodSecurityCheck.Check(objects));
        }
    }
}
