using System.Text.Json;
using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Checks;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Versions;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Lakehouse.Rendering.Environments;

/// <summary>
/// Reads env/*.yaml into <see cref="EnvironmentConfig"/>: YAML syntax, then the platform's rules on every
/// value (no IP address, no secret), then the JSON Schema of the types, then cross-key checks.
/// Every finding is located at the key or value it is about.
/// </summary>
public static class EnvironmentLoader
{
    public const string SchemaComment = "# yaml-language-server: $schema=./" + EnvironmentSchema.FileName;

    /// <summary>Loads every env/*.yaml below <paramref name="root"/> in name order.</summary>
    public static IReadOnlyList<EnvironmentConfig> LoadAll(string root, List<Diagnostic> diagnostics, ChartLock? chartLock = null)
    {
        var before = diagnostics.Count;
        var files = EnvironmentFiles.Read(root, diagnostics);
        if (files is null)
        {
            return [];
        }
        if (files.Count == 0 && diagnostics.Count == before)
        {
            diagnostics.Add(new Diagnostic(Rules.NoEnvironment, new SourceLocation("env", 0, 0), "no environment file: add env/<name>.yaml (for example env/dev.yaml)"));
            return [];
        }
        var result = new List<EnvironmentConfig>();
        var targets = new List<(string Key, string Shown, SourceLocation At)>();
        foreach (var (relative, text) in files)
        {
            var config = Load(relative, text, diagnostics, chartLock, out var doc);
            if (config is not null)
            {
                result.Add(config);
                targets.Add(("server " + EnvironmentTargets.ServerKey(config.Cluster.Server), "cluster.server", doc!.ValueLocation("cluster.server")));
                targets.Add(("domain " + EnvironmentTargets.DomainKey(config.Domain), "domain", doc.ValueLocation("domain")));
            }
        }
        CheckSharedTargets(targets, diagnostics);
        return result;
    }

    /// <summary>Two environments on one cluster server or one domain would deploy over each other.</summary>
    private static void CheckSharedTargets(List<(string Key, string Shown, SourceLocation At)> targets, List<Diagnostic> diagnostics)
    {
        foreach (var group in targets.GroupBy(t => t.Key, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var other in group.Skip(1))
            {
                diagnostics.Add(new Diagnostic(Rules.SharedEnvironmentTarget, other.At,
                    $"{other.Shown}: {other.At.Path} and {first.At} target the same {group.Key}; each environment needs its own cluster server and domain"));
            }
        }
    }

    /// <summary>
    /// Loads one environment from its text; returns null when it breaks a rule. With <paramref name="chartLock"/>,
    /// the environment's chart and image picks are checked against it (LH0075).
    /// </summary>
    public static EnvironmentConfig? Load(string path, string text, List<Diagnostic> diagnostics, ChartLock? chartLock = null) =>
        Load(path, text, diagnostics, chartLock, out _);

    private static EnvironmentConfig? Load(string path, string text, List<Diagnostic> diagnostics, ChartLock? chartLock, out YamlDocument? loaded)
    {
        loaded = null;
        var before = diagnostics.Count;
        var name = System.IO.Path.GetFileNameWithoutExtension(path);
        if (!DnsName.IsLabel(name))
        {
            diagnostics.Add(new Diagnostic(Rules.InvalidName, new SourceLocation(path, 1, 1), $"environment name '{name}' (the file name) must be a DNS-1123 label"));
        }
        if (!text.StartsWith(SchemaComment, StringComparison.Ordinal))
        {
            diagnostics.Add(new Diagnostic(Rules.MissingSchemaReference, new SourceLocation(path, 1, 1), $"the first line must be '{SchemaComment}' so editors complete and check keys"));
        }
        var doc = YamlDocument.Parse(path, text, diagnostics);
        loaded = doc;
        if (!doc.Loaded)
        {
            return null;
        }
        CheckValues(doc, diagnostics);
        CheckSchema(doc, diagnostics);
        if (diagnostics.Count == before)
        {
            CheckBackendSections(doc, diagnostics);
        }
        if (diagnostics.Count > before)
        {
            return null;
        }
        var config = doc.Root.Deserialize<EnvironmentConfig>(EnvironmentSchema.SerializerOptions)! with { Name = name };
        config = config with
        {
            InstanceLocations = new SortedDictionary<string, SourceLocation>(
                config.Instances.Keys.ToDictionary(k => k, k => doc.KeyLocation("instances." + k), StringComparer.Ordinal), StringComparer.Ordinal),
            WorkspaceLocations = new SortedDictionary<string, SourceLocation>(
                config.Workspaces.Keys.ToDictionary(k => k, k => doc.KeyLocation("workspaces." + k), StringComparer.Ordinal), StringComparer.Ordinal),
        };
        foreach (var problem in EnvironmentConfigChecks.Check(config))
        {
            diagnostics.Add(new Diagnostic(Rules.InvalidEnvironmentValue, doc.ValueLocation(problem.KeyPath), problem.Message));
        }
        if (chartLock is not null)
        {
            VersionPicks.Check(config, chartLock, doc.ValueLocation, diagnostics);
        }
        return diagnostics.Count > before ? null : config;
    }

    private static void CheckValues(YamlDocument doc, List<Diagnostic> diagnostics)
    {
        foreach (var (keyPath, value, at) in doc.OutOfRange)
        {
            diagnostics.Add(new Diagnostic(Rules.InvalidEnvironmentValue, at, $"{keyPath}: {value} is out of every range (no setting takes an infinite, not-a-number or beyond-64-bit value)"));
        }
        foreach (var (keyPath, text, at) in doc.Scalars)
        {
            if (IpLiteral.Find(text, keyPath.Split('.').Last()) is { } ip)
            {
                diagnostics.Add(new Diagnostic(Rules.IpAddressLiteral, at, $"{keyPath}: '{ip}' is an IP address; use a DNS name"));
            }
        }
        foreach (var (keyPath, key, value, at) in doc.Strings)
        {
            if (SecretLiteral.Find(value) is { } kind)
            {
                diagnostics.Add(new Diagnostic(Rules.SecretLiteral, at, $"{keyPath}: the value looks like {kind}; keep it in a Kubernetes Secret and reference it"));
            }
            else if (SecretLiteral.IsSecretKeyName(key))
            {
                diagnostics.Add(new Diagnostic(Rules.SecretLiteral, at, $"{keyPath}: '{key}' holds a credential; secrets are never written in env files, reference a Secret instead"));
            }
        }
    }

    // A bound read back from the schema's text keeps its written scale (500.0); shown as the type declares it (500).
    private static string? Bound(decimal? bound) => bound?.ToString("G29", System.Globalization.CultureInfo.InvariantCulture);

    private static void CheckSchema(YamlDocument doc, List<Diagnostic> diagnostics)
    {
        var errors = EnvironmentSchema.Schema.Validate(doc.Root?.ToJsonString() ?? "null");
        // A required key of a value that is not a map at all: the type error says it (as EnvironmentChecker does).
        foreach (var error in Flatten(doc, errors).Where(e => e.Kind != ValidationErrorKind.PropertyRequired || Lookup(doc.Root, Parent(KeyPathOf(e))) is JsonObject).OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Kind))
        {
            diagnostics.Add(ToDiagnostic(doc, error));
        }
    }

    /// <summary>The chosen backend's section is there when it needs one, and no other backend's section is (one table: <see cref="BackendSections"/>).</summary>
    private static void CheckBackendSections(YamlDocument doc, List<Diagnostic> diagnostics)
    {
        var findings = BackendSections.Check(
            keyPath => Lookup(doc.Root, keyPath) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null,
            keyPath => Lookup(doc.Root, keyPath) is not null);
        foreach (var finding in findings)
        {
            diagnostics.Add(finding.Leftover
                ? new Diagnostic(Rules.LeftoverBackendSection, doc.KeyLocation(finding.KeyPath), finding.Message)
                : new Diagnostic(Rules.InvalidEnvironmentValue, doc.ValueLocation(finding.KeyPath), finding.Message));
        }
    }

    /// <summary>
    /// The errors to report. A oneOf or anyOf no branch satisfies is judged by the branches whose type
    /// fits the value (an object in a null-or-object section is judged as that object), or reported as
    /// one type error when none fits; the compile-time check (EnvironmentChecker) chooses alike.
    /// </summary>
    private static IEnumerable<ValidationError> Flatten(YamlDocument doc, IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is MultiTypeValidationError multi)
            {
                // type: [null, string] and the like: judged by the type the value has, if it is one of them.
                var kind = JsonKind(Lookup(doc.Root, KeyPathOf(error)));
                var own = multi.Errors.Where(b => Accepts(b.Key, kind) && b.Value.Count > 0).SelectMany(b => b.Value).ToList();
                foreach (var nested in own.Count > 0 ? Flatten(doc, own) : [error])
                {
                    yield return nested;
                }
            }
            else if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                var branches = child.Errors.ToList();
                if (error.Kind is ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf)
                {
                    var kind = JsonKind(Lookup(doc.Root, KeyPathOf(error)));
                    branches = branches.Where(b => b.Value.Count > 0 && Accepts(b.Key.ActualSchema.Type, kind)).ToList();
                    if (branches.Count == 0 || child.Errors.Any(b => b.Value.Count == 0))
                    {
                        yield return error;
                        continue;
                    }
                }
                foreach (var nested in Flatten(doc, branches.SelectMany(e => e.Value)))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    private static string KeyPathOf(ValidationError error) => (error.Path ?? "#/").TrimStart('#', '/');

    private static JsonObjectType JsonKind(JsonNode? node) => node switch
    {
        null => JsonObjectType.Null,
        JsonObject => JsonObjectType.Object,
        JsonArray => JsonObjectType.Array,
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => JsonObjectType.String,
            JsonValueKind.True or JsonValueKind.False => JsonObjectType.Boolean,
            JsonValueKind.Number when node.ToJsonString().IndexOfAny(['.', 'e', 'E']) < 0 => JsonObjectType.Integer,
            JsonValueKind.Number => JsonObjectType.Number,
            _ => JsonObjectType.Null,
        },
    };

    private static bool Accepts(JsonObjectType type, JsonObjectType kind) =>
        type == JsonObjectType.None || type.HasFlag(kind) || (kind == JsonObjectType.Integer && type.HasFlag(JsonObjectType.Number));

    private static Diagnostic ToDiagnostic(YamlDocument doc, ValidationError error)
    {
        // NJsonSchema paths look like "#/storage.minio.servers" or "#/tenants[0].name".
        var path = (error.Path ?? "#/").TrimStart('#', '/');
        var keyPath = path;
        var shown = keyPath.Length == 0 ? "(root)" : keyPath;
        var value = Lookup(doc.Root, keyPath);
        switch (error.Kind)
        {
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
                var allowed = error.Schema?.ActualSchema.ActualProperties.Keys.ToList() ?? [];
                var key = error.Property ?? keyPath.Split('.').Last();
                var hint = Suggest(key, allowed);
                return new Diagnostic(Rules.UnknownEnvironmentKey, doc.KeyLocation(keyPath),
                    $"unknown key '{shown}'" + (hint is null ? "" : $"; did you mean '{hint}'?") +
                    (allowed.Count > 0 ? $" (allowed here: {string.Join(", ", allowed)})" : ""));
            case ValidationErrorKind.PropertyRequired:
                return new Diagnostic(Rules.InvalidEnvironmentValue, doc.KeyLocation(Parent(keyPath)),
                    $"required key '{shown}' is missing");
            case ValidationErrorKind.PatternMismatch when error.Schema?.Pattern == Patterns.Endpoint:
                var text = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "";
                Endpoint.TryParseParts(text, out _, out _, out _, out _, out var why);
                return new Diagnostic(Rules.InvalidEndpoint, doc.ValueLocation(keyPath),
                    $"{shown}: endpoint '{text}' {(why.Length > 0 ? why : "is not scheme://dns-name:port")}");
            case ValidationErrorKind.PatternMismatch:
                return new Diagnostic(Rules.InvalidEnvironmentValue, doc.ValueLocation(keyPath),
                    $"{shown}: '{value?.ToString()}' does not match the pattern {error.Schema?.Pattern}");
            case ValidationErrorKind.NotInEnumeration:
                var options = error.Schema?.ActualSchema.Enumeration.Select(o => o?.ToString()) ?? [];
                return new Diagnostic(Rules.InvalidEnvironmentValue, doc.ValueLocation(keyPath),
                    $"{shown}: '{value?.ToString()}' is not one of: {string.Join(", ", options)}");
            case ValidationErrorKind.NoTypeValidates:
                var allowedTypes = Enum.GetValues<JsonObjectType>().Where(t => t != JsonObjectType.None && t != JsonObjectType.File && error.Schema?.ActualSchema.Type.HasFlag(t) == true).Select(Describe);
                return new Diagnostic(Rules.InvalidEnvironmentValue, doc.ValueLocation(keyPath),
                    $"{shown}: {string.Join(" or ", allowedTypes)} is expected" + (value is null ? "" : $" (found {value.ToJsonString()})"));
            case ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf:
                var types = (error as ChildSchemaValidationError)?.Errors.Keys.Select(b => Describe(b.ActualSchema.Type)).Distinct() ?? [];
                return new Diagnostic(Rules.InvalidEnvironmentValue, doc.ValueLocation(keyPath),
                    $"{shown}: {string.Join(" or ", types)} is expected" + (value is null ? "" : $" (found {value.ToJsonString()})"));
            case ValidationErrorKind.NumberTooBig or ValidationErrorKind.NumberTooSmall:
                return new Diagnostic(Rules.InvalidEnvironmentValue, doc.ValueLocation(keyPath),
                    $"{shown}: {value?.ToJsonString()} is out of range {Bound(error.Schema?.Minimum)}..{Bound(error.Schema?.Maximum)}");
            default:
                return new Diagnostic(Rules.InvalidEnvironmentValue, doc.ValueLocation(keyPath),
                    $"{shown}: {Describe(error.Kind)}" + (value is null ? "" : $" (found {value.ToJsonString()})"));
        }
    }

    private static string Parent(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? "" : path[..dot];
    }

    private static JsonNode? Lookup(JsonNode? root, string keyPath)
    {
        if (keyPath.Length == 0)
        {
            return root;
        }
        var node = root;
        foreach (var part in keyPath.Split('.'))
        {
            var name = part;
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket >= 0)
            {
                name = part[..bracket];
            }
            node = node is JsonObject o && o.TryGetPropertyValue(name, out var child) ? child : null;
            if (bracket >= 0 && node is JsonArray a)
            {
                var index = int.Parse(part[(bracket + 1)..part.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
                node = index < a.Count ? a[index] : null;
            }
        }
        return node;
    }

    private static string Describe(JsonObjectType type) => type switch
    {
        JsonObjectType.Null => "no value",
        JsonObjectType.Object => "a map of keys",
        JsonObjectType.Array => "a list",
        JsonObjectType.String => "a string",
        JsonObjectType.Integer => "a whole number",
        JsonObjectType.Number => "a number",
        JsonObjectType.Boolean => "true or false",
        _ => type.ToString(),
    };

    private static string Describe(ValidationErrorKind kind) => kind switch
    {
        ValidationErrorKind.StringExpected => "a string is expected",
        ValidationErrorKind.IntegerExpected => "a whole number is expected",
        ValidationErrorKind.NumberExpected => "a number is expected",
        ValidationErrorKind.BooleanExpected => "true or false is expected",
        ValidationErrorKind.ObjectExpected => "a map of keys is expected",
        ValidationErrorKind.ArrayExpected => "a list is expected",
        ValidationErrorKind.NullExpected => "no value is expected",
        ValidationErrorKind.StringTooShort => "the value is empty",
        _ => kind.ToString(),
    };

    /// <summary>The allowed key closest to <paramref name="key"/>, if it is close enough to be a typo.</summary>
    internal static string? Suggest(string key, IReadOnlyCollection<string> allowed) => Suggestions.Closest(key, allowed);
}
