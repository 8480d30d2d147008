using System.Text.Json;
using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Checks;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Rendering.Pipeline;

namespace Lakehouse.Rendering.Validation;

/// <summary>
/// The platform's promises checked on what a component would deploy: observable (metrics, probes),
/// no IP address, no secret value, pinned images. Findings point at the definition line of the component.
/// </summary>
internal static partial class SpecValidator
{
    public static void Validate(ComponentRender render, string environment, List<Diagnostic> diagnostics,
        IReadOnlyDictionary<string, string>? monitorLabels = null)
    {
        var spec = render.Spec;
        var at = render.Placed.Location;
        var name = render.Name;
        CheckObservable(spec, name, environment, at, diagnostics);
        CheckManifestsUnique(spec, name, environment, at, diagnostics);
        CheckMonitorsCoherent(spec, name, environment, at, diagnostics, monitorLabels ?? new Dictionary<string, string>());
        var where = $"component '{name}' in environment '{environment}'";
        Scan(spec.Values, "values", name, where, at, diagnostics);
        foreach (var manifest in spec.Manifests)
        {
            Scan(manifest.Body, manifest.Id, name, where, at, diagnostics);
        }
    }

    /// <summary>
    /// Each manifest becomes one file named by its kind and name (<see cref="Renderers.GitOpsLayout.FileName"/>), so two
    /// with the same kind and name would claim the same file: an error here, before any renderer runs (LH0090).
    /// </summary>
    private static void CheckManifestsUnique(ComponentSpec spec, string name, string environment, SourceLocation at, List<Diagnostic> diagnostics)
    {
        foreach (var twice in spec.Manifests.GroupBy(m => Renderers.GitOpsLayout.FileName(m.Kind, m.Name), StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = twice.First();
            diagnostics.Add(new Diagnostic(Rules.DuplicateManifest, at,
                $"component '{name}' in environment '{environment}' describes {first.Kind} '{first.Name}' {twice.Count()} times; each object is one file ({twice.Key}), so give each a name of its own"));
        }
    }

    private static void CheckObservable(ComponentSpec spec, string name, string environment, SourceLocation at, List<Diagnostic> diagnostics)
    {
        switch (spec.Metrics)
        {
            case ChartMonitor chart when !IsTrue(spec.Values, chart.ValuesPath):
                diagnostics.Add(new Diagnostic(Rules.NotObservable, at, $"component '{name}' in environment '{environment}' relies on the chart's monitor, but value '{chart.ValuesPath}' is not true"));
                break;
            case ManifestMonitor monitor when !spec.Manifests.Any(m => m.Kind == monitor.Kind && m.Name == monitor.Name):
                diagnostics.Add(new Diagnostic(Rules.NotObservable, at, $"component '{name}' in environment '{environment}' names {monitor.Kind} '{monitor.Name}', which is not among its manifests"));
                break;
            case ManifestMonitor monitor when monitor.Kind is not ("ServiceMonitor" or "PodMonitor"):
                diagnostics.Add(new Diagnostic(Rules.NotObservable, at, $"component '{name}': {monitor.Kind} is not a ServiceMonitor or PodMonitor"));
                break;
            case NoMetrics none when string.IsNullOrWhiteSpace(none.Reason):
                diagnostics.Add(new Diagnostic(Rules.NotObservable, at, $"component '{name}' has no metrics and gives no reason"));
                break;
        }
        CheckProbes(spec, name, environment, at, diagnostics);
    }

    /// <summary>The component's probes are where it says (LH0012): switched on in the rendered values, or named.</summary>
    internal static void CheckProbes(ComponentSpec spec, string name, string environment, SourceLocation at, List<Diagnostic> diagnostics)
    {
        var where = $"component '{name}' in environment '{environment}'";
        switch (spec.Probes)
        {
            case ChartProbes { ValuesPaths.Length: 0 }:
                diagnostics.Add(new Diagnostic(Rules.NotObservable, at, $"{where} relies on the chart's probes but names no value that switches them on"));
                break;
            case ChartProbes chart:
                foreach (var path in chart.ValuesPaths.Where(p => !IsProbeOn(Lookup(spec.Values, p))))
                {
                    diagnostics.Add(new Diagnostic(Rules.NotObservable, at, $"{where} relies on the chart's probes, but value '{path}' is not on (true, or a probe that is not empty nor enabled: false)"));
                }
                break;
            case ChartTemplateProbes template when template.Templates.Length == 0 || template.Templates.Any(string.IsNullOrWhiteSpace):
                diagnostics.Add(new Diagnostic(Rules.NotObservable, at, $"{where} relies on probes the chart always renders but names no chart template"));
                break;
            case OperatorProbes op when string.IsNullOrWhiteSpace(op.Operator):
                diagnostics.Add(new Diagnostic(Rules.NotObservable, at, $"{where} relies on an operator's probes but names no operator"));
                break;
            case NoProbes none when string.IsNullOrWhiteSpace(none.Reason):
                diagnostics.Add(new Diagnostic(Rules.NotObservable, at, $"{where} has no liveness and readiness probes and gives no reason"));
                break;
        }
    }

    private static bool IsProbeOn(JsonNode? node) => node switch
    {
        JsonValue v => v.GetValueKind() == JsonValueKind.True,
        JsonObject o => o.Count > 0 && !(o.TryGetPropertyValue("enabled", out var e) && e is JsonValue ev && ev.GetValueKind() != JsonValueKind.True),
        _ => false,
    };

    private static JsonNode? Lookup(JsonObject values, string path)
    {
        JsonNode? node = values;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var child) ? child : null;
        }
        return node;
    }

    /// <summary>
    /// Every ServiceMonitor or PodMonitor among the manifests lives in the component's namespace, selects
    /// that namespace (and only it), and carries the labels Prometheus selects monitors by; otherwise
    /// Prometheus would silently never scrape it (LH0012).
    /// </summary>
    private static void CheckMonitorsCoherent(ComponentSpec spec, string name, string environment, SourceLocation at,
        List<Diagnostic> diagnostics, IReadOnlyDictionary<string, string> monitorLabels)
    {
        foreach (var m in spec.Manifests.Where(m => m.Kind is "ServiceMonitor" or "PodMonitor"))
        {
            var where = $"component '{name}' in environment '{environment}': {m.Kind} '{m.Name}'";
            if (m.Namespace != spec.Namespace)
            {
                diagnostics.Add(new Diagnostic(Rules.NotObservable, at, $"{where} is in namespace '{m.Namespace}', not the component's '{spec.Namespace}'"));
            }
            var names = (m.Body["spec"]?["namespaceSelector"]?["matchNames"] as JsonArray)?.Select(n => n?.GetValue<string>()).ToList();
            if (names is null || names.Count != 1 || names[0] != spec.Namespace)
            {
                diagnostics.Add(new Diagnostic(Rules.NotObservable, at, $"{where} must select exactly its namespace '{spec.Namespace}' (spec.namespaceSelector.matchNames)"));
            }
            var labels = m.Body["metadata"]?["labels"] as JsonObject;
            foreach (var (key, value) in monitorLabels.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                var actual = labels is not null && labels.TryGetPropertyValue(key, out var v) && v is JsonValue jv && jv.GetValueKind() == JsonValueKind.String ? jv.GetValue<string>() : null;
                if (actual != value)
                {
                    diagnostics.Add(new Diagnostic(Rules.NotObservable, at, $"{where} lacks the label {key}={value} Prometheus selects monitors by (monitoring.monitorLabels)"));
                }
            }
        }
    }

    private static bool IsTrue(JsonObject values, string path) =>
        Lookup(values, path) is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    /// <summary>
    /// Walks every value once: LH0002 for a literal under a credential's name (<see cref="CredentialName"/>)
    /// or a value shaped like a secret, LH0001 for an IP address in any notation (<see cref="IpNotation"/>),
    /// LH0011 for a 'latest' tag. The path of a value ("values.auth.password") is only spelled out when a
    /// finding needs it: building it for every node was a large share of the render's allocations.
    /// </summary>
    internal static void Scan(JsonNode? node, string root, string component, string where, SourceLocation at, List<Diagnostic> diagnostics)
    {
        var path = new List<string> { root };
        var externalSecret = root.StartsWith("ExternalSecret/", StringComparison.Ordinal);
        Walk(node, null);

        string Path() => string.Concat(path.Select((p, i) => i == 0 || p.StartsWith('[') ? p : "." + p));

        // key: the key holding the node (an array's items are held by the array's key).
        void Walk(JsonNode? current, string? key)
        {
            switch (current)
            {
                case JsonObject o:
                    var entries = NamesSecretEntries(key, o);
                    foreach (var (member, value) in o)
                    {
                        path.Add(member);
                        if (value is JsonValue v)
                        {
                            CheckMember(member, v, entries);
                        }
                        Walk(value, member);
                        path.RemoveAt(path.Count - 1);
                    }
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        path.Add($"[{i}]");
                        Walk(a[i], key);
                        path.RemoveAt(path.Count - 1);
                    }
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    var text = v.GetValue<string>();
                    if (IpLiteral.Find(text, key) is { } ip)
                    {
                        diagnostics.Add(new Diagnostic(Rules.IpAddressLiteral, at, $"{where}: '{Path()}' contains the IP address '{ip}'; use a DNS name"));
                    }
                    if (SecretLiteral.Find(text) is { } kind)
                    {
                        diagnostics.Add(new Diagnostic(Rules.SecretLiteral, at, $"{where}: '{Path()}' contains what looks like {kind}; use a SecretRef"));
                    }
                    else if (text.Contains('\n') && EmbeddedCredential(text) is { } setting)
                    {
                        diagnostics.Add(new Diagnostic(Rules.SecretLiteral, at, $"{where}: '{Path()}' sets the credential '{setting}' literally in the file it carries; use a SecretRef"));
                    }
                    if (text.EndsWith(":latest", StringComparison.Ordinal))
                    {
                        diagnostics.Add(new Diagnostic(Rules.UnpinnedVersion, at, $"{where}: '{Path()}' uses the 'latest' tag; pin a version"));
                    }
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.Number && key is not null
                    && IpNotation.IsHostName(key) && IpNotation.IsUrlIPv4(v.ToJsonString()):
                    diagnostics.Add(new Diagnostic(Rules.IpAddressLiteral, at, $"{where}: '{Path()}' is the IP address {v.ToJsonString()} written as a number; use a DNS name"));
                    break;
            }
        }

        void CheckMember(string member, JsonValue value, bool secretEntries)
        {
            var kind = value.GetValueKind();
            if (kind == JsonValueKind.String)
            {
                var literal = value.GetValue<string>();
                if (member == "tag" && literal is "latest" or "")
                {
                    diagnostics.Add(new Diagnostic(Rules.UnpinnedVersion, at, $"{where}: '{Path()}' must pin an image tag other than 'latest'"));
                }
                if (CredentialName.IsCredential(member) && !CredentialName.IsReference(literal)
                    && !NamesOwnSecret(member, literal, component) && !(secretEntries && NamesEntry(member, literal))
                    && !(externalSecret && ReadsDeclaredValues(member, literal))
                    && SecretLiteral.Find(literal) is null)
                {
                    diagnostics.Add(new Diagnostic(Rules.SecretLiteral, at, $"{where}: '{Path()}' sets a credential literally; use a SecretRef"));
                }
            }
            else if (kind == JsonValueKind.Number && CredentialName.IsCredential(member))
            {
                diagnostics.Add(new Diagnostic(Rules.SecretLiteral, at, $"{where}: '{Path()}' sets a credential literally; use a SecretRef"));
            }
        }
    }

    /// <summary>
    /// A file carried in a value (properties, INI, YAML, Python settings in a ConfigMap or configOverrides):
    /// the first line "key = value" or "key: value" whose key names a credential and whose value is a
    /// literal, quoted or bare; code (a call, an index, a lookup such as os.environ[...]) and references
    /// (${ENV:X}, $(X), env:, file paths) are not literals.
    /// </summary>
    internal static string? EmbeddedCredential(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var m = EmbeddedSetting().Match(line);
            if (!m.Success || !CredentialName.IsCredential(m.Groups[1].Value))
            {
                continue;
            }
            var raw = m.Groups[2].Value;
            var quoted = raw.Length >= 2 && raw[0] is '"' or '\'' && raw[^1] == raw[0];
            var value = quoted ? raw[1..^1] : raw;
            if (value.Length == 0 || CredentialName.IsReference(value) || (!quoted && raw.IndexOfAny(['(', '[', '{', '$', ' ']) >= 0))
            {
                continue;
            }
            return m.Groups[1].Value;
        }
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*([A-Za-z_][\w.\-]*)\s*[=:]\s*(.*?)\s*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex EmbeddedSetting();

    /// <summary>
    /// Exception by rule: a key headed "secret" (existingSecret, passwordAuthSecret) whose value is the
    /// name of a Secret of the component by the naming rule (COMPONENT-PURPOSE, a DNS-1123 name) names a
    /// Kubernetes Secret; it does not hold one.
    /// </summary>
    private static bool NamesOwnSecret(string key, string value, string component) =>
        CredentialName.IsSecretHeaded(key)
        && value.StartsWith(component + "-", StringComparison.Ordinal)
        && DnsName.IsHostName(value) && !value.Any(char.IsUpper);

    /// <summary>
    /// Exception by rule: an object held by a key naming a Secret (its words include "secret": secret,
    /// existingSecret, secretKeyRef) that has a string <c>name</c> (or <c>secretName</c>, as Airflow's chart spells
    /// its secret[] items) references that Secret by name; its
    /// members headed "key" name the Secret's entries (storage.secret.awsSecretAccessKey: secret-key,
    /// existingSecret.keyOfSecretAccessKey: secret-key); a password beside the name is still a password.
    /// </summary>
    private static bool NamesSecretEntries(string? key, JsonObject o) =>
        // The word split only for keys that spell "secret" at all: the scan asks for every object of every value.
        key is not null && key.Contains("secret", StringComparison.OrdinalIgnoreCase) && KeyWords.Split(key).Contains("secret")
        && (o.TryGetPropertyValue("name", out var name) || o.TryGetPropertyValue("secretName", out name)) && name is JsonValue n && n.GetValueKind() == JsonValueKind.String;

    /// <summary>
    /// Exception by rule, inside an ExternalSecret only (docs/secrets.md): its data[].secretKey names a template
    /// variable (a Go identifier), and a key of target.template.data holding a template action ({{ .variable }})
    /// reads the values the operator fetched. The text around the actions is still scanned: a bare word beside the
    /// actions ("hunter2{{ .x }}") is a literal; a connection string, a file or JSON around them is scanned for values
    /// shaped like secrets and embedded credentials like any other string (LH0002).
    /// </summary>
    private static bool ReadsDeclaredValues(string member, string value)
    {
        if (member == "secretKey")
        {
            return value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        }
        if (!TemplateAction().IsMatch(value))
        {
            return false;
        }
        var around = TemplateAction().Replace(value, "");
        return around.Trim().Length == 0 || around.IndexOfAny([':', '/', '=', '@', '\n', '"']) >= 0;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{-?\s*[^{}]*\.[A-Za-z_][A-Za-z0-9_]*[^{}]*\}\}")]
    private static partial System.Text.RegularExpressions.Regex TemplateAction();

    // A "...Key" member whose value has the shape of a Secret's data key (Kubernetes: [-._a-zA-Z0-9]+).
    private static bool NamesEntry(string member, string value) =>
        KeyWords.Head(KeyWords.Split(member)).Head == "key"
        && value.Length is > 0 and <= 253 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_');
}
