using System.Text.Json.Nodes;

namespace Lakehouse.Model.Kubernetes;

/// <summary>Small helpers to build Helm value trees in the order a reader expects.</summary>
public static class Values
{
    /// <summary>Sets a value at a dotted path ("server.config.https.enabled"), creating maps on the way.</summary>
    public static JsonObject Set(this JsonObject root, string path, JsonNode? value)
    {
        var node = root;
        var start = 0;
        for (var dot = path.IndexOf('.', start); dot >= 0; dot = path.IndexOf('.', start))
        {
            var part = path[start..dot];
            if (!node.TryGetPropertyValue(part, out var existing) || existing is not JsonObject child)
            {
                child = new JsonObject();
                node[part] = child;
            }
            node = child;
            start = dot + 1;
        }
        node[path[start..]] = value;
        return root;
    }

    /// <summary>A JSON array of the given nodes.</summary>
    public static JsonArray List(params JsonNode?[] items) => new(items);

    /// <summary>Kubernetes resources: requests cpu and memory, limits memory (CPU is not limited, to avoid throttling).</summary>
    public static JsonObject Resources(Configuration.ResourcesConfig resources) => new()
    {
        ["requests"] = new JsonObject { ["cpu"] = resources.Cpu, ["memory"] = resources.Memory },
        ["limits"] = new JsonObject { ["memory"] = resources.Memory },
    };

    /// <summary>
    /// Pod anti-affinity that spreads the selected pods over nodes when it can (preferred, not required,
    /// so a small cluster still schedules them): losing a node loses one replica, not all.
    /// </summary>
    public static JsonObject SpreadOverNodes(IReadOnlyDictionary<string, string> podLabels) => new()
    {
        ["podAntiAffinity"] = new JsonObject
        {
            ["preferredDuringSchedulingIgnoredDuringExecution"] = List(new JsonObject
            {
                ["weight"] = 100,
                ["podAffinityTerm"] = new JsonObject
                {
                    ["topologyKey"] = "kubernetes.io/hostname",
                    ["labelSelector"] = new JsonObject { ["matchLabels"] = Map(podLabels) },
                },
            }),
        },
    };

    /// <summary>A container environment variable whose value comes from a Secret: how credentials reach a process.</summary>
    /// <summary>
    /// A pod securityContext for Pod Security "restricted": a non-root user, RuntimeDefault seccomp (every
    /// container inherits both).
    /// </summary>
    public static JsonObject RestrictedPod(long user, long? fsGroup = null)
    {
        var context = new JsonObject
        {
            ["runAsUser"] = user,
            ["runAsGroup"] = user,
            ["runAsNonRoot"] = true,
            ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" },
        };
        if (fsGroup is { } group)
        {
            context["fsGroup"] = group;
        }
        return context;
    }

    /// <summary>A container securityContext for Pod Security "restricted": no privilege escalation, no capabilities.</summary>
    public static JsonObject RestrictedContainer() => new()
    {
        ["allowPrivilegeEscalation"] = false,
        ["capabilities"] = new JsonObject { ["drop"] = List("ALL") },
        ["runAsNonRoot"] = true,
        ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" },
    };

    public static JsonObject SecretEnv(string name, SecretRef secret) => new()
    {
        ["name"] = name,
        ["valueFrom"] = new JsonObject
        {
            ["secretKeyRef"] = new JsonObject { ["name"] = secret.SecretName, ["key"] = secret.Key },
        },
    };

    /// <summary>A memory quantity of the configuration (512Mi, 8Gi) in MiB.</summary>
    public static long Mebibytes(string quantity)
    {
        var number = long.Parse(quantity[..^2], System.Globalization.CultureInfo.InvariantCulture);
        return quantity.EndsWith("Gi", StringComparison.Ordinal) ? number * 1024 : number;
    }

    /// <summary>A CPU quantity of the configuration (500m, 2, 0.5) in millicores.</summary>
    public static long Millicores(string quantity) =>
        quantity.EndsWith('m')
            ? long.Parse(quantity[..^1], System.Globalization.CultureInfo.InvariantCulture)
            : (long)Math.Round(decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture) * 1000m);

    /// <summary>A string map as a JSON object with keys in ordinal order, so output never depends on insertion order.</summary>
    public static JsonObject Map(IReadOnlyDictionary<string, string> map)
    {
        var o = new JsonObject();
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            o[key] = value;
        }
        return o;
    }
}
