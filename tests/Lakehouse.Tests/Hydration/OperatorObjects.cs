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
/// </list>
/// </summary>
internal static class OperatorObjects
{
    public static IEnumerable<Manifest> Of(IEnumerable<Manifest> objects)
    {
        foreach (var o in objects.ToList())
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
