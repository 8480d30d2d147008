using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lakehouse.Tests.Hydration.Checks;

/// <summary>
/// What configuration points at exists. Every in-cluster endpoint (NAME.NAMESPACE.svc.cluster.local[:PORT])
/// written into an object (ConfigMaps, env, arguments, custom resources, catalog files) or into an
/// Application's values files names a Service rendered in that environment (or created by an operator,
/// <see cref="OperatorObjects"/>) with that port. Every Secret a pod references (env, envFrom, volumes,
/// projected volumes, imagePullSecrets; optional references aside) is rendered in its namespace, created by
/// an operator, or declared: an ExternalSecret of its namespace targets it (the declarations, docs/secrets.md).
/// </summary>
internal static partial class ReferenceCheck
{
    public const string Endpoints = "endpoints";
    public const string Secrets = "secrets";

    [GeneratedRegex(@"(?<![a-z0-9-])([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.svc\.cluster\.local(?::(\d+))?")]
    private static partial Regex InCluster();

    /// <summary>Endpoints in rendered objects and in the value files (path, text) of the environment's Applications.</summary>
    public static IEnumerable<Finding> CheckEndpoints(IEnumerable<Manifest> rendered, IEnumerable<(ArgoApplication App, string File, string Text)> valueFiles)
    {
        var all = rendered.Concat(OperatorObjects.Of(rendered)).ToList();
        var services = all.Where(o => o.Kind == "Service" && o.Group.Length == 0)
            .GroupBy(s => (s.Namespace, s.Name))
            .ToDictionary(g => g.Key, g => g.SelectMany(s => s.Body["spec"]?["ports"]?.AsArray().OfType<JsonObject>() ?? []).Select(p => (long?)p["port"] ?? 0).ToHashSet());
        var sources = all.Where(o => o.Kind != "CustomResourceDefinition" && o.Origin != "operator")
            .SelectMany(o => Strings(o.Body).Select(s => (o.Application.Component, Where: o.Id, Text: s)))
            .Concat(valueFiles.Select(v => (v.App.Component, Where: v.File, v.Text)));
        var reported = new HashSet<(string, string, string)>();
        foreach (var (component, where, text) in sources)
        {
            foreach (Match m in InCluster().Matches(text))
            {
                var (name, ns, port) = (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value);
                string? problem = !services.TryGetValue((ns, name), out var ports) ? $"no Service {ns}/{name} is rendered in this environment"
                    : port.Length > 0 && !ports.Contains(long.Parse(port, System.Globalization.CultureInfo.InvariantCulture)) ? $"Service {ns}/{name} has no port {port} (ports: {string.Join(", ", ports.Order())})"
                    : null;
                if (problem is not null && reported.Add((component, where, m.Value)))
                {
                    yield return new Finding(Endpoints, component, where, $"{m.Value}: {problem}");
                }
            }
        }
    }

    public static IEnumerable<Finding> CheckSecrets(IEnumerable<Manifest> rendered)
    {
        var all = rendered.Concat(OperatorObjects.Of(rendered)).ToList();
        var secrets = all.Where(o => o.Kind == "Secret" && o.Group.Length == 0).Select(s => (s.Namespace, s.Name))
            .Concat(DeclaredSecrets(all)).ToHashSet();
        foreach (var pod in PodTemplate.Of(all).Where(p => p.Owner.Origin != "operator"))
        {
            var ns = pod.Owner.Namespace;
            foreach (var (name, via) in References(pod).Distinct())
            {
                if (!secrets.Contains((ns, name)))
                {
                    yield return new Finding(Secrets, pod.Owner.Application.Component, pod.Owner.Id,
                        $"Secret {ns}/{name} ({via}) is neither rendered, created by an operator, nor declared (no ExternalSecret of {ns} targets it)");
                }
            }
        }
    }

    /// <summary>The Secrets the declarations deliver: each ExternalSecret's target (its own name when the target has none).</summary>
    public static IEnumerable<(string Namespace, string Name)> DeclaredSecrets(IEnumerable<Manifest> objects) =>
        objects.Where(o => o.Kind == "ExternalSecret" && o.Group == "external-secrets.io")
            .Select(o => (o.Namespace, (string?)o.Body["spec"]?["target"]?["name"] ?? o.Name));

    private static IEnumerable<(string Name, string Via)> References(PodTemplate pod)
    {
        foreach (var (field, c) in pod.Containers)
        {
            foreach (var env in c["env"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                if (env["valueFrom"]?["secretKeyRef"] is JsonObject r && (bool?)r["optional"] != true)
                {
                    yield return ((string)r["name"]!, $"{field}[{c["name"]}] env {env["name"]}");
                }
            }
            foreach (var from in c["envFrom"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                if (from["secretRef"] is JsonObject r && (bool?)r["optional"] != true)
                {
                    yield return ((string)r["name"]!, $"{field}[{c["name"]}] envFrom");
                }
            }
        }
        foreach (var volume in pod.Spec["volumes"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            if (volume["secret"] is JsonObject s && (bool?)s["optional"] != true)
            {
                yield return ((string)s["secretName"]!, $"volume {volume["name"]}");
            }
            foreach (var source in volume["projected"]?["sources"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                if (source["secret"] is JsonObject p && (bool?)p["optional"] != true)
                {
                    yield return ((string)p["name"]!, $"projected volume {volume["name"]}");
                }
            }
        }
        foreach (var pull in pod.Spec["imagePullSecrets"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            yield return ((string)pull["name"]!, "imagePullSecrets");
        }
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
