using System.Text.Json;
using Lakehouse.Model.Contracts;

namespace Lakehouse.Model.Jobs;

/// <summary>Python literals for generated code. A JSON string literal is a valid Python string literal.</summary>
public static class Python
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions RelaxedIndented = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    public static string Str(string value) => JsonSerializer.Serialize(value, Relaxed);

    /// <summary>
    /// A JSON document as a readable raw triple-quoted Python string (JSON is also YAML, so the Kubernetes
    /// provider reads it as a manifest); falls back to a one-line literal when the text cannot be raw-quoted.
    /// </summary>
    public static string Json(System.Text.Json.Nodes.JsonNode document)
    {
        var text = document.ToJsonString(RelaxedIndented).Replace("\r\n", "\n", StringComparison.Ordinal);
        return text.Contains("'''", StringComparison.Ordinal) || text.EndsWith('\\') ? Str(text) : $"r'''{text}'''";
    }

    /// <summary>A JSON document on one line, as a Python string literal (an environment variable's value).</summary>
    public static string CompactJson(System.Text.Json.Nodes.JsonNode document) => Str(document.ToJsonString(Relaxed));

    public static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Str)) + "]";

    /// <summary>A Python identifier from a DNS label ("daily-orders" -> "daily_orders").</summary>
    public static string Identifier(string name) => name.Replace('-', '_');

    /// <summary>kubernetes.client models (imported as k8s) for environment variables reading Secrets.</summary>
    public static string SecretEnvModels(IEnumerable<(string Name, SecretRef Secret)> env) =>
        "[" + string.Join(", ", env.Select(e =>
            $"k8s.V1EnvVar(name={Str(e.Name)}, value_from=k8s.V1EnvVarSource(secret_key_ref=k8s.V1SecretKeySelector(name={Str(e.Secret.SecretName)}, key={Str(e.Secret.Key)})))")) + "]";

    /// <summary>Kubernetes EnvVar dicts reading Secrets, snake_case as the Kubernetes Python client takes them.</summary>
    public static string SecretEnvDicts(IEnumerable<(string Name, SecretRef Secret)> env) =>
        "[" + string.Join(", ", env.Select(e =>
            $"{{\"name\": {Str(e.Name)}, \"value_from\": {{\"secret_key_ref\": {{\"name\": {Str(e.Secret.SecretName)}, \"key\": {Str(e.Secret.Key)}}}}}}}")) + "]";
}
