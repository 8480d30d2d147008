using System.Text.Json.Nodes;

namespace Lakehouse.Tests.Hydration;

/// <summary>
/// The objects the platform's operators create at run time from its custom resources, which no render
/// shows but which Services, Secrets and monitors of the platform name. Only what the checks need:
/// <list type="bullet">
/// <item>CloudNativePG (postgresql.cnpg.io/v1 Cluster NAME): Services NAME-rw, NAME-ro, NAME-r (port 5432
/// "postgres"); Secrets NAME-app, NAME-superuser, NAME-ca, NAME-server, NAME-replication; instance pods
/// labelled cnpg.io/cluster=NAME, cnpg.io/podRole=instance with ports postgresql 5432, metrics 9187.</item>
/// <item>MinIO Operator 7.1.1 (minio.min.io/v2 Tenant NAME): Service minio (80 http-minio, 443 https-minio with
/// TLS), NAME-console (9090 http-console / 9443 https-console) and headless NAME-hl (9000); their labels are
/// only those of spec.serviceMetadata (minioServiceLabels, consoleServiceLabels); with
/// requestAutoCert the Secret NAME-tls.</item>
/// <item>Spark (spark-submit, run by the Spark operator, for a sparkoperator.k8s.io SparkApplication, rendered
/// or embedded as JSON in a ConfigMap such as the orchestrator's job definitions): a driver pod labelled
/// spark-role=driver plus spec.driver.labels, ports driver-rpc-port 7078, blockmanager 7079, spark-ui 4040.</item>
/// <item>Kubernetes itself: Service default/kubernetes (port https 443, labels component=apiserver,
/// provider=kubernetes).</item>
/// <item>The Prometheus Operator with --kubelet-service=NS/NAME: that Service, labelled
/// app.kubernetes.io/name=kubelet and k8s-app=kubelet (ports https-metrics 10250, http-metrics 10255, cadvisor 4194).</item>
/// <item>Hook Jobs that write a Secret: kube-webhook-certgen's `create --secret-name=NAME` (Secret NAME in
/// the Job's namespace) and Argo CD's redis-secret-init (`argocd admin redis-initial-password`: Secret argocd-redis).</item>
/// </list>
/// </summary>
internal static class OperatorObjects
{
    public static IEnumerable<Manifest> Of(IEnumerable<Manifest> objects)
    {
        var all = objects.ToList();
        if (all.Count > 0)
        {
            yield return Object(all[0], Service("kubernetes", "default", new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" }, ("https", 443)));
        }
        foreach (var spark in all.Where(o => o.Kind == "ConfigMap").SelectMany(EmbeddedSparkApplications).Concat(all.Where(o => o.Kind == "SparkApplication")))
        {
            var labels = spark.Body["spec"]?["driver"]?["labels"]?.DeepClone() as JsonObject ?? [];
            labels["spark-role"] = "driver";
            yield return Object(spark, Pod($"{spark.Name}-driver", spark.Namespace, labels, ("driver-rpc-port", 7078), ("blockmanager", 7079), ("spark-ui", 4040)));
        }
        foreach (var pod in PodTemplate.Of(all))
        {
            foreach (var (_, c) in pod.Containers)
            {
                var args = (c["command"]?.AsArray() ?? []).Concat(c["args"]?.AsArray() ?? []).Select(a => a?.ToString() ?? "").ToList();
                foreach (var arg in args.Where(a => a.StartsWith("--kubelet-service=", StringComparison.Ordinal)))
                {
                    var target = arg["--kubelet-service=".Length..].Split('/');
                    yield return Object(pod.Owner, Service(target[1], target[0], new JsonObject { ["app.kubernetes.io/name"] = "kubelet", ["k8s-app"] = "kubelet" },
                        ("https-metrics", 10250), ("http-metrics", 10255), ("cadvisor", 4194)));
                }
                if (pod.Owner.Kind == "Job" && args.Contains("create"))
                {
                    foreach (var arg in args.Where(a => a.StartsWith("--secret-name=", StringComparison.Ordinal)))
                    {
                        yield return Object(pod.Owner, Secret(arg["--secret-name=".Length..], pod.Owner.Namespace));
                    }
                }
                if (pod.Owner.Kind == "Job" && args.Contains("redis-initial-password"))
                {
                    yield return Object(pod.Owner, Secret("argocd-redis", pod.Owner.Namespace));
                }
            }
        }
        foreach (var o in all)
        {
            if (o.ApiVersion.StartsWith("postgresql.cnpg.io/", StringComparison.Ordinal) && o.Kind == "Cluster")
            {
                foreach (var suffix in new[] { "rw", "ro", "r" })
                {
                    yield return Object(o, Service($"{o.Name}-{suffix}", o.Namespace, new JsonObject { ["cnpg.io/cluster"] = o.Name }, ("postgres", 5432)));
                }
                foreach (var suffix in new[] { "app", "superuser", "ca", "server", "replication" })
                {
                    yield return Object(o, Secret($"{o.Name}-{suffix}", o.Namespace));
                }
                yield return Object(o, Pod($"{o.Name}-1", o.Namespace,
                    new JsonObject { ["cnpg.io/cluster"] = o.Name, ["cnpg.io/podRole"] = "instance" }, ("postgresql", 5432), ("metrics", 9187)));
            }
            else if (o.ApiVersion.StartsWith("minio.min.io/", StringComparison.Ordinal) && o.Kind == "Tenant")
            {
                var spec = o.Body["spec"];
                var tls = (bool?)spec?["requestAutoCert"] ?? true;
                var metadata = spec?["serviceMetadata"];
                JsonObject Labels(string key) => metadata?[key]?.DeepClone() as JsonObject ?? [];
                yield return Object(o, Service("minio", o.Namespace, Labels("minioServiceLabels"), tls ? ("https-minio", 443) : ("http-minio", 80)));
                yield return Object(o, Service($"{o.Name}-console", o.Namespace, Labels("consoleServiceLabels"), tls ? ("https-console", 9443) : ("http-console", 9090)));
                yield return Object(o, Service($"{o.Name}-hl", o.Namespace, [], tls ? ("https-minio", 9000) : ("http-minio", 9000)));
                if (tls)
                {
                    yield return Object(o, Secret($"{o.Name}-tls", o.Namespace));
                }
            }
        }
    }

    /// <summary>SparkApplications written as JSON inside a ConfigMap's data (job definitions submitted at run time).</summary>
    private static IEnumerable<Manifest> EmbeddedSparkApplications(Manifest configMap)
    {
        foreach (var (_, value) in configMap.Body["data"] as JsonObject ?? [])
        {
            // As written, or once unescaped when the JSON sits inside a JSON string (a Dagster op's env value).
            foreach (var text in new[] { (string?)value ?? "", ((string?)value ?? "").Replace("\\\"", "\"", StringComparison.Ordinal) }.Distinct())
            {
            for (var at = text.IndexOf("\"SparkApplication\"", StringComparison.Ordinal); at >= 0; at = text.IndexOf("\"SparkApplication\"", at + 1, StringComparison.Ordinal))
            {
                // The innermost enclosing JSON object whose kind is SparkApplication.
                for (var start = text.LastIndexOf('{', at); start >= 0; start = start == 0 ? -1 : text.LastIndexOf('{', start - 1))
                {
                    if (TryReadObject(text[start..]) is { } found && (string?)found["kind"] == "SparkApplication")
                    {
                        yield return new Manifest(configMap.Application, "operator", found);
                        break;
                    }
                }
            }
            }
        }
    }

    private static JsonObject? TryReadObject(string text)
    {
        var reader = new System.Text.Json.Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text));
        try
        {
            return JsonNode.Parse(ref reader) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static Manifest Object(Manifest owner, JsonObject body) => new(owner.Application, "operator", body);

    private static JsonObject Service(string name, string ns, JsonObject labels, params (string Name, int Port)[] ports) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = labels },
        ["spec"] = new JsonObject { ["ports"] = new JsonArray(ports.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["port"] = (long)p.Port }).ToArray()) },
    };

    private static JsonObject Secret(string name, string ns) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
    };

    private static JsonObject Pod(string name, string ns, JsonObject labels, params (string Name, int Port)[] ports) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = labels },
        ["spec"] = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "postgres",
                ["ports"] = new JsonArray(ports.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["containerPort"] = (long)p.Port }).ToArray()),
            }),
        },
    };
}
