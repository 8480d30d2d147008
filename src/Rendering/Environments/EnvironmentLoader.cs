using System.Text.Json;
using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Checks;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Diagnostics;
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
    public static IReadOnlyList<EnvironmentConfig> LoadAll(string root, List<Diagnostic> diagnostics)
    {
        var dir = System.IO.Path.Combine(root, "env");
        var files = Directory.Exists(dir)
            ? Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal).ToList()
            : [];
        if (files.Count == 0)
        {
            diagnostics.Add(new Diagnostic(Rules.NoEnvironment, new SourceLocation("env", 0, 0), "no environment file: add env/<name>.yaml (for example env/dev.yaml)"));
            return [];
        }
        var result = new List<EnvironmentConfig>();
        foreach (var file in files)
        {
            var relative = "env/" + System.IO.Path.GetFileName(file);
            var config = Load(relative, File.ReadAllText(file), diagnostics);
            if (config is not null)
            {
                result.Add(config);
            }
        }
        return result;
    }

    /// <summary>Loads one environment from its text; returns null when it breaks a rule.</summary>
    public static EnvironmentConfig? Load(string path, string text, List<Diagnostic> diagnostics)
    {
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
        if (doc.Root is null)
        {
            return null;
        }
        CheckValues(doc, diagnostics);
        CheckSchema(doc, diagnostics);
        if (diagnostics.Count > before)
        {
            return null;
        }
        var config = doc.Root.Deserialize<EnvironmentConfig>(EnvironmentSchema.SerializerOptions)! with { Name = name };
        foreach (var problem in EnvironmentConfigChecks.Check(config))
        {
            diagnostics.Add(new Diagnostic(Rules.InvalidEnvironmentValue, doc.ValueLocation(problem.KeyPath), problem.Message));
        }
        return diagnostics.Count > before ? null : config;
    }

    private static void CheckValues(YamlDocument doc, List<Diagnostic> diagnostics)
    {
        foreach (var (keyPath, key, value, at) in doc.Strings)
        {
            if (IpLiteral.Find(value, key) is { } ip)
            {
                diagnostics.Add(new Diagnostic(Rules.IpAddressLiteral, at, $"{keyPath}: '{ip}' is an IP address; use a DNS name"));
            }
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

    private static void CheckSchema(YamlDocument doc, List<Diagnostic> diagnostics)
    {
        var errors = EnvironmentSchema.Schema.Validate(doc.Root!.ToJsonString());
        foreach (var error in Flatten(errors).OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Kind))
        {
            diagnostics.Add(ToDiagnostic(doc, error));
        }
    }

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                foreach (var nested in Flatten(child.Errors.SelectMany(e => e.Value)))
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
            case ValidationErrorKind.NumberTooBig or ValidationErrorKind.NumberTooSmall:
                return new Diagnostic(Rules.InvalidEnvironmentValue, doc.ValueLocation(keyPath),
                    $"{shown}: {value?.ToJsonString()} is out of range {error.Schema?.Minimum}..{error.Schema?.Maximum}");
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
