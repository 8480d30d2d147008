using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Components;

/// <summary>
/// NetworkPolicies follow need connections only, in both directions: ingress admits a provider's clients
/// and Prometheus on metrics ports; egress mirrors exactly that, plus DNS, external services by port, and
/// grants that carry their reason. Pod Security below restricted carries its reason too.
/// </summary>
public class NetworkPolicyTests
{
    public static TheoryData<string> Environments() => new("dev", "staging", "prod", "aws");

    private static EnvironmentRender Env(string name) => Render.Reference.Platform!.Environments.Single(e => e.Name == name);

    private static JsonObject Policy(ComponentSpec spec, string name) =>
        spec.Manifests.Single(m => m.Kind == "NetworkPolicy" && m.Name == name).Body;

    /// <summary>(destination namespace or "" for port-only, destination pod labels, ports) of every egress rule of a policy.</summary>
    private static List<(string Namespace, string Pods, string Ports)> EgressRules(JsonObject policy) =>
        policy["spec"]!["egress"]!.AsArray().OfType<JsonObject>().SelectMany(rule =>
        {
            var ports = string.Join(",", (rule["ports"] as JsonArray)?.Select(p => $"{(string)p!["protocol"]!}/{(int)p["port"]!}") ?? []);
            var to = rule["to"] as JsonArray;
            return to is null
                ? [("", "", ports)]
                : to.OfType<JsonObject>().Select(peer => (
                    (string?)peer["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"] ?? "(own)",
                    string.Join(",", (peer["podSelector"]?["matchLabels"] as JsonObject)?.Select(l => $"{l.Key}={(string)l.Value!}") ?? []),
                    ports));
        }).ToList();

    /// <summary>(source namespace, ports) of every ingress rule naming a namespace, in every policy of a spec in namespace <paramref name="policyNamespace"/> (default: the spec's).</summary>
    private static List<(string Source, string Ports)> IngressSources(ComponentSpec spec, string? policyNamespace = null) =>
        spec.Manifests.Where(m => m.Kind == "NetworkPolicy" && m.Namespace == (policyNamespace ?? spec.Namespace) && m.Body["spec"]!["ingress"] is JsonArray)
            .SelectMany(m => m.Body["spec"]!["ingress"]!.AsArray().OfType<JsonObject>())
            .SelectMany(rule => ((rule["from"] as JsonArray)?.OfType<JsonObject>() ?? [])
                .Select(peer => (string?)peer["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"])
                .OfType<string>()
                .Select(source => (source, string.Join(",", (rule["ports"] as JsonArray)?.Select(p => $"{(string)p!["protocol"]!}/{(int)p["port"]!}") ?? []))))
            .ToList();

    /// <summary>Every namespace a component renders NetworkPolicies in (its own, and node-exporter's for monitoring).</summary>
    private static IEnumerable<string> PolicyNamespaces(ComponentSpec spec) =>
        spec.Manifests.Where(m => m.Kind == "NetworkPolicy").Select(m => m.Namespace ?? spec.Namespace).Distinct(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_namespace_denies_egress_but_dns_its_own_pods_and_what_its_providers_admit_it_to(string env)
    {
        var components = Env(env).Components;
        foreach (var component in components)
        {
            var egress = Policy(component.Spec, "default-egress");
            Assert.Equal(["Egress"], egress["spec"]!["policyTypes"]!.AsArray().Select(t => (string)t!));
            Assert.Equal("{}", egress["spec"]!["podSelector"]!.ToJsonString());
            var rules = EgressRules(egress);
            Assert.Contains(("kube-system", "k8s-app=kube-dns", "UDP/53,TCP/53"), rules);
            Assert.Contains(("(own)", "", ""), rules);
            // Every rule to another namespace is one of that namespace's ingress admissions of this one.
            foreach (var (ns, _, ports) in rules.Where(r => r.Namespace is not ("kube-system" or "(own)" or "")))
            {
                var provider = components.Single(c => PolicyNamespaces(c.Spec).Contains(ns));
                var admitted = IngressSources(provider.Spec, ns).Where(s => s.Source == component.Spec.Namespace).SelectMany(s => s.Ports.Split(',')).ToHashSet();
                Assert.True(ports.Split(',').All(admitted.Contains), $"{env}: {component.Name} may reach {ns} on {ports}, which admits it on {string.Join(",", admitted)} only");
            }
            // And every admission has its egress: ingress and egress come from the same connections.
            foreach (var provider in components)
            {
                foreach (var ns in PolicyNamespaces(provider.Spec).Where(ns => ns != component.Spec.Namespace))
                {
                    foreach (var (_, ports) in IngressSources(provider.Spec, ns).Where(s => s.Source == component.Spec.Namespace))
                    {
                        var reachable = rules.Where(r => r.Namespace == ns).SelectMany(r => r.Ports.Split(',')).ToHashSet();
                        Assert.True(ports.Split(',').All(reachable.Contains), $"{env}: {provider.Name} admits {component.Name} into {ns} on {ports}, but its egress does not reach it");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Prometheus_reaches_each_component_on_its_metrics_ports_only(string env)
    {
        var monitoring = Env(env).Components.Single(c => c.Name == "monitoring");
        var rules = EgressRules(Policy(monitoring.Spec, "default-egress"));
        var trino = Env(env).Components.Single(c => c.Name == "trino");
        // Trino serves clients on 8443 and metrics on its JMX exporter port: Prometheus gets the latter only.
        var toTrino = Assert.Single(rules, r => r.Namespace == trino.Spec.Namespace);
        Assert.DoesNotContain("TCP/8443", toTrino.Ports.Split(','));
        Assert.Equal(IngressSources(trino.Spec).Single(s => s.Source == monitoring.Spec.Namespace).Ports, toTrino.Ports);
    }

    [Fact]
    public void Port_only_egress_exists_for_external_services_and_reasoned_grants_only()
    {
        // In dev everything is in the cluster: no default-egress rule without a destination.
        foreach (var component in Env("dev").Components)
        {
            Assert.DoesNotContain(EgressRules(Policy(component.Spec, "default-egress")), r => r.Namespace == "");
        }
        // On aws, S3 and Glue are external: their clients leave on 443 only, and say to what.
        var trino = Policy(Env("aws").Components.Single(c => c.Name == "trino").Spec, "default-egress");
        Assert.Equal(("", "", "TCP/443"), Assert.Single(EgressRules(trino), r => r.Namespace == ""));
        Assert.Equal("iceberg-catalog (external, port 443), identity (external, port 443), object-storage (external, port 443)", (string?)trino["metadata"]!["annotations"]!["lakehouse.io/connects-to"]);
        // Marquez uses none of them (nor the identity provider): no port-only egress even on aws.
        Assert.DoesNotContain(EgressRules(Policy(Env("aws").Components.Single(c => c.Name == "lineage").Spec, "default-egress")), r => r.Namespace == "");
        // Every other egress policy is a grant with its reason.
        foreach (var policy in Render.Reference.Platform!.Environments.SelectMany(e => e.Components).SelectMany(c => c.Spec.Manifests)
                     .Where(m => m.Kind == "NetworkPolicy" && m.Name.StartsWith("egress-", StringComparison.Ordinal)))
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)policy.Body["metadata"]!["annotations"]![StandardObjects.ReasonAnnotation]), policy.Name);
        }
    }

    [Fact]
    public void Only_components_that_call_the_api_server_may_reach_it()
    {
        string[] needApi = ["argocd", "external-secrets", "minio-operator", "monitoring", "object-storage", "orchestrator", "postgres", "postgres-operator", "spark"];
        foreach (var env in new[] { "dev", "prod" })
        {
            var withApi = Env(env).Components.Where(c => c.Spec.Manifests.Any(m => m.Name == "egress-kubernetes-api")).Select(c => c.Name).Order(StringComparer.Ordinal);
            Assert.Equal(needApi, withApi);
            foreach (var component in Env(env).Components.Where(c => needApi.Contains(c.Name)))
            {
                var api = Policy(component.Spec, "egress-kubernetes-api");
                // No peer: the API server runs outside every namespace and the platform writes no IP address.
                Assert.Equal([("", "", "TCP/443,TCP/6443")], EgressRules(api));
            }
        }
    }

    [Fact]
    public void Egress_grants_are_exactly_the_reasoned_exceptions_each_component_declares()
    {
        static Dictionary<string, string> Grants(string env) => Env(env).Components.ToDictionary(c => c.Name, c => string.Join(",",
            c.Spec.Manifests.Where(m => m.Kind == "NetworkPolicy" && m.Name.StartsWith("egress-", StringComparison.Ordinal)).Select(m => m.Name["egress-".Length..]).Order(StringComparer.Ordinal)));
        var dev = Grants("dev");
        Assert.Equal("kubernetes-api,repositories", dev["argocd"]);
        Assert.Equal("kubernetes-api,node-scrapes", dev["monitoring"]);
        Assert.Equal("kubernetes-api,maven-repositories", dev["spark"]);
        Assert.Equal("kubernetes-api", dev["object-storage"]);
        Assert.Equal("python-packages", dev["superset"]);
        Assert.All(["trino", "valkey", "lineage", "mlflow", "iceberg-catalog"], c => Assert.Equal("", dev[c]));
        // SeaweedFS (staging) reads pods through its ClusterRole; Dagster launches runs as Jobs.
        Assert.Equal("kubernetes-api", Grants("staging")["object-storage"]);
        Assert.Equal("kubernetes-api", Grants("staging")["orchestrator"]);
        var node = Policy(Env("dev").Components.Single(c => c.Name == "monitoring").Spec, "egress-node-scrapes");
        // The kubelet and node-exporter only: the control-plane and CoreDNS monitors are off (Monitoring.cs).
        Assert.Equal([("", "", "TCP/9100,TCP/10250")], EgressRules(node));
    }

    [Fact]
    public void Tenants_reach_their_operator_through_a_need_not_through_the_ordering_edge()
    {
        var op = Env("dev").Components.Single(c => c.Name == "minio-operator");
        Assert.Contains(("lakehouse-object-storage", "TCP/4221,TCP/4222,TCP/4223"), IngressSources(op.Spec));
        Assert.Contains(new MinioTenant("t", new MinioOperator("op"), ["w"]).Needs, n => n.Contract == typeof(IMinioOperator) && n.Provider == "op");
    }

    [Fact]
    public void Webhook_ingress_is_one_port_from_no_named_source_with_the_reason()
    {
        var webhooks = Env("dev").Components.SelectMany(c => c.Spec.Manifests.Select(m => (c.Name, Manifest: m)))
            .Where(p => p.Manifest.Kind == "NetworkPolicy" && p.Manifest.Name == "operator-admission-webhook").ToList();
        Assert.Equal(["external-secrets", "monitoring", "postgres-operator", "spark"], webhooks.Select(w => w.Name).Order(StringComparer.Ordinal));
        foreach (var (_, webhook) in webhooks)
        {
            var rule = Assert.Single(webhook.Body["spec"]!["ingress"]!.AsArray());
            Assert.Null(rule!["from"]);
            Assert.Single(rule["ports"]!.AsArray());
            Assert.NotEmpty(webhook.Body["spec"]!["podSelector"]!["matchLabels"]!.AsObject());
            Assert.StartsWith("the API server calls", (string?)webhook.Body["metadata"]!["annotations"]![StandardObjects.ReasonAnnotation]);
        }
    }

    [Fact]
    public void Only_node_exporters_namespace_is_privileged_and_every_level_below_restricted_says_why()
    {
        var privileged = new List<string>();
        foreach (var component in Render.Reference.Platform!.Environments.SelectMany(e => e.Components))
        {
            foreach (var namespaceObject in component.Spec.Manifests.Where(m => m.Kind == "Namespace"))
            {
                var ns = namespaceObject.Body["metadata"]!;
                var level = (string)ns["labels"]![PodSecurity.EnforceLabel]!;
                if (level == "privileged")
                {
                    privileged.Add(namespaceObject.Name);
                }
                if (level != "restricted")
                {
                    Assert.False(string.IsNullOrWhiteSpace((string?)ns["annotations"]?[StandardObjects.ReasonAnnotation]), $"{namespaceObject.Name} is {level} without a reason");
                }
                else
                {
                    Assert.Null(ns["annotations"]);
                }
            }
        }
        Assert.Equal(["monitoring-node-exporter"], privileged.Distinct());
        static IEnumerable<string> Baseline(string env) => Env(env).Components
            .Where(c => c.Spec.Manifests.Any(m => m.Kind == "Namespace" && (string?)m.Body["metadata"]!["labels"]![PodSecurity.EnforceLabel] == "baseline"))
            .Select(c => c.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["argocd", "lineage", "monitoring", "orchestrator", "spark"], Baseline("dev"));
        Assert.Equal(["argocd", "lineage", "monitoring", "object-storage", "orchestrator", "spark"], Baseline("staging"));
        // node-exporter runs in that namespace; Prometheus, Alertmanager and Grafana stay at baseline.
        var monitoring = Render.Spec("dev", "monitoring");
        Assert.Equal("monitoring-node-exporter", (string?)monitoring.Values["prometheus-node-exporter"]!["namespaceOverride"]);
        Assert.Contains("pod-security.kubernetes.io/enforce: baseline", Render.ReferenceTree.Files["gitops/prod/apps/monitoring/namespace-monitoring.yaml"]);
        Assert.Contains("host's network and PID namespaces", Render.ReferenceTree.Files["gitops/prod/apps/monitoring/namespace-monitoring-node-exporter.yaml"]);
        Assert.Throws<ArgumentException>(() => PodSecurity.Privileged(" "));
    }

    private sealed record HandMadeNamespace(string Name, string? Level) : Component(Name)
    {
        public override ComponentSpec Describe(ComponentContext context)
        {
            var spec = new StubComponent(Name).Describe(context);
            var ns = StandardObjects.Namespace(context.NamespaceOf(this), context.Naming.Platform);
            if (Level is null)
            {
                ns.Body["metadata"]!["labels"]!.AsObject().Remove(PodSecurity.EnforceLabel);
            }
            else
            {
                ns.Body["metadata"]!["labels"]![PodSecurity.EnforceLabel] = Level;
            }
            return spec with { Manifests = [ns] };
        }
    }

    [Theory]
    [InlineData("privileged", "enforces Pod Security 'privileged'")]
    [InlineData("baseline", "enforces Pod Security 'baseline'")]
    [InlineData(null, "sets no Pod Security level (privileged by default)")]
    public void A_namespace_below_restricted_without_a_reason_is_LH0060(string? level, string what)
    {
        var line = 0;
        var outcome = RenderPipeline.Render(new TestPlatform((p, _) =>
        {
            line = Fixtures.Line() + 1;
            p.Add(new HandMadeNamespace("x", level));
        }), Fixtures.ReferenceEnvironments);
        Assert.False(outcome.Succeeded);
        Assert.Equal($"tests/Lakehouse.Tests/Components/NetworkPolicyTests.cs({line},1): error LH0060: component 'x' in environment 'dev': Namespace 'lakehouse-x' {what} without a reason; use PodSecurity.Baseline(reason) or PodSecurity.Privileged(reason)",
            Assert.Single(outcome.Diagnostics).ToString());
        // With the reason as annotation, the same namespace renders.
        Assert.True(RenderPipeline.Render(new TestPlatform((p, _) => p.Add(new HandMadeNamespace("x", "restricted"))), Fixtures.ReferenceEnvironments).Succeeded);
    }

    private sealed record OpenIngress(string Name, bool WithReason) : Component(Name)
    {
        public override ComponentSpec Describe(ComponentContext context)
        {
            var spec = new StubComponent(Name).Describe(context);
            var open = StandardObjects.WebhookPolicy(context.NamespaceOf(this), "webhook", new Dictionary<string, string> { ["app"] = "x" }, 9443, "the API server calls the webhook");
            if (!WithReason)
            {
                open.Body["metadata"]!.AsObject().Remove("annotations");
            }
            return spec with { Manifests = [.. spec.Manifests, open] };
        }
    }

    [Fact]
    public void An_ingress_rule_from_any_source_without_a_reason_is_LH0061()
    {
        var outcome = RenderPipeline.Render(new TestPlatform((p, _) => p.Add(new OpenIngress("x", WithReason: false))), Fixtures.ReferenceEnvironments);
        Assert.Contains("error LH0061: component 'x' in environment 'dev': NetworkPolicy 'webhook' admits any source without a reason", Assert.Single(outcome.Diagnostics).ToString());
        Assert.True(RenderPipeline.Render(new TestPlatform((p, _) => p.Add(new OpenIngress("x", WithReason: true))), Fixtures.ReferenceEnvironments).Succeeded);
        Assert.Throws<ArgumentException>(() => StandardObjects.WebhookPolicy("ns", "webhook", new Dictionary<string, string>(), 9443, ""));
    }

    private sealed record ExternalApi(string Name, int Port) : ExternalComponent(Name), IKeyValueStore
    {
        public override string Description => "a key-value service run elsewhere";

        public override IReadOnlyList<int> EgressPorts(ComponentContext context) => [Port];

        public KeyValueConnection ConnectionFor(ComponentContext context, string consumer) =>
            new(Endpoint.Parse($"redis://kv.example.com:{Port}"), consumer, new SecretRef("kv", "password"), $"{consumer}:");
    }

    private sealed record KeyValueClient(string Name) : Component(Name)
    {
        public override IReadOnlyList<Need> Needs => [Need.Of<IKeyValueStore>()];

        public override ComponentSpec Describe(ComponentContext context) => new StubComponent(Name).Describe(context);
    }

    [Fact]
    public void A_client_of_an_external_service_leaves_on_that_services_ports_only()
    {
        var outcome = RenderPipeline.Render(new TestPlatform((p, _) =>
        {
            p.Add(new ExternalApi("kv", 7000));
            p.Add(new KeyValueClient("app"));
            p.Add(new StubComponent("bystander"));
        }), Fixtures.ReferenceEnvironments);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        var components = outcome.Platform!.Environments[0].Components;
        Assert.Equal([("", "", "TCP/7000")], EgressRules(Policy(components.Single(c => c.Name == "app").Spec, "default-egress")).Where(r => r.Namespace == ""));
        Assert.DoesNotContain(EgressRules(Policy(components.Single(c => c.Name == "bystander").Spec, "default-egress")), r => r.Namespace == "");
    }

    [Fact]
    public void An_egress_grant_needs_a_name_a_reason_and_ports()
    {
        Assert.Throws<ArgumentException>(() => new EgressGrant("api", "", [443]));
        Assert.Throws<ArgumentException>(() => new EgressGrant("API", "why", [443]));
        Assert.Throws<ArgumentException>(() => new EgressGrant("api", "why", []));
        Assert.Equal([443, 6443], EgressGrant.KubernetesApi("why").Ports);
    }
}
