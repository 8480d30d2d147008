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

    /// <summary>kubernetes.client models (imported as k8s) for literal environment variables, then those reading Secrets.</summary>
    public static string EnvModels(IEnumerable<(string Name, string Value)> plain, IEnumerable<(string Name, SecretRef Secret)> secret) =>
        "[" + string.Join(", ", plain.Select(e => $"k8s.V1EnvVar(name={Str(e.Name)}, value={Str(e.Value)})")
            .Concat(secret.Select(e => $"k8s.V1EnvVar(name={Str(e.Name)}, value_from=k8s.V1EnvVarSource(secret_key_ref=k8s.V1SecretKeySelector(name={Str(e.Secret.SecretName)}, key={Str(e.Secret.Key)})))"))) + "]";

    /// <summary>Kubernetes EnvVar dicts, literal values then values read from Secrets, snake_case as the Kubernetes Python client takes them.</summary>
    public static string EnvDicts(IEnumerable<(string Name, string Value)> plain, IEnumerable<(string Name, SecretRef Secret)> secret) =>
        "[" + string.Join(", ", plain.Select(e => $"{{\"name\": {Str(e.Name)}, \"value\": {Str(e.Value)}}}")
            .Concat(secret.Select(e => $"{{\"name\": {Str(e.Name)}, \"value_from\": {{\"secret_key_ref\": {{\"name\": {Str(e.Secret.SecretName)}, \"key\": {Str(e.Secret.Key)}}}}}}}"))) + "]";

    /// <summary>A pod's volumes as kubernetes.client models: each Secret, then the ConfigMap of files.</summary>
    public static string VolumeModels(PodRun pod) =>
        "[" + string.Join(", ", pod.SecretFiles.Select(f => $"k8s.V1Volume(name={Str(f.Secret)}, secret=k8s.V1SecretVolumeSource(secret_name={Str(f.Secret)}))")
            .Concat(pod.Files is { } c
                ? [$"k8s.V1Volume(name={Str(c.ConfigMap)}, config_map=k8s.V1ConfigMapVolumeSource(name={Str(c.ConfigMap)}, items=[{string.Join(", ", c.Items.Select(i => $"k8s.V1KeyToPath(key={Str(i.Key)}, path={Str(i.Path)})"))}]))"]
                : [])) + "]";

    /// <summary>A pod's volume mounts as kubernetes.client models, read-only.</summary>
    public static string VolumeMountModels(PodRun pod) =>
        "[" + string.Join(", ", Mounts(pod).Select(m => $"k8s.V1VolumeMount(name={Str(m.Name)}, mount_path={Str(m.Path)}, read_only=True)")) + "]";

    /// <summary>A pod's volumes as dicts (Dagster's pod_spec_config).</summary>
    public static string VolumeDicts(PodRun pod) =>
        "[" + string.Join(", ", pod.SecretFiles.Select(f => $"{{\"name\": {Str(f.Secret)}, \"secret\": {{\"secret_name\": {Str(f.Secret)}}}}}")
            .Concat(pod.Files is { } c
                ? [$"{{\"name\": {Str(c.ConfigMap)}, \"config_map\": {{\"name\": {Str(c.ConfigMap)}, \"items\": [{string.Join(", ", c.Items.Select(i => $"{{\"key\": {Str(i.Key)}, \"path\": {Str(i.Path)}}}"))}]}}}}"]
                : [])) + "]";

    /// <summary>A pod's volume mounts as dicts (Dagster's container_config), read-only.</summary>
    public static string VolumeMountDicts(PodRun pod) =>
        "[" + string.Join(", ", Mounts(pod).Select(m => $"{{\"name\": {Str(m.Name)}, \"mount_path\": {Str(m.Path)}, \"read_only\": True}}")) + "]";

    private static IEnumerable<(string Name, string Path)> Mounts(PodRun pod) =>
        pod.SecretFiles.Select(f => (f.Secret, f.Path)).Concat(pod.Files is { } c ? [(c.ConfigMap, c.MountPath)] : []);
}
