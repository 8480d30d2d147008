using System.Text.Json.Nodes;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Hydration;

/// <summary>One hydrated object and the Application (and tool) that produced it.</summary>
internal sealed record Manifest(ArgoApplication Application, string Origin, JsonObject Body)
{
    public string ApiVersion => (string?)Body["apiVersion"] ?? "";
    public string Kind => (string?)Body["kind"] ?? "";
    public string Group => ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : "";
    public string Name => (string?)Body["metadata"]?["name"] ?? "";
    public string? ExplicitNamespace => (string?)Body["metadata"]?["namespace"];
    public JsonObject Labels => Body["metadata"]?["labels"] as JsonObject ?? [];
    public JsonObject Annotations => Body["metadata"]?["annotations"] as JsonObject ?? [];

    /// <summary>Where Argo CD puts the object: its own namespace, else the Application's destination.</summary>
    public string Namespace => ExplicitNamespace ?? Application.Namespace;

    public string Id => $"{Kind}/{(ExplicitNamespace is null ? "" : ExplicitNamespace + "/")}{Name}";

    public override string ToString() => $"{Application.Component} ({Origin}) {Id}";

    public static IReadOnlyList<Manifest> Parse(ArgoApplication application, string origin, string yaml) =>
        ParseDocuments(application, origin, yaml).Objects;

    /// <summary>
    /// Reads a multi-document stream one document at a time, so a document the YAML reader rejects is named
    /// (by Helm's "# Source:" line) instead of hiding the others.
    /// </summary>
    public static (IReadOnlyList<Manifest> Objects, IReadOnlyList<string> Errors) ParseDocuments(ArgoApplication application, string origin, string yaml)
    {
        var objects = new List<Manifest>();
        var errors = new List<string>();
        foreach (var document in System.Text.RegularExpressions.Regex.Split(yaml, "^---[ \\t]*$", System.Text.RegularExpressions.RegexOptions.Multiline))
        {
            IReadOnlyList<JsonNode?> nodes;
            try
            {
                nodes = YamlFiles.ReadAll(document);
            }
            catch (YamlDotNet.Core.YamlException) when (TryBlankLinesEmptied(document, out var read))
            {
                nodes = read;
            }
            catch (YamlDotNet.Core.YamlException e)
            {
                var source = document.Split('\n').FirstOrDefault(l => l.StartsWith("# Source: ", StringComparison.Ordinal)) ?? "(no source line)";
                errors.Add($"{origin} output {source}: unreadable YAML: {e.Message}");
                continue;
            }
            objects.AddRange(nodes.OfType<JsonObject>().Where(o => o["kind"] is not null)
                .SelectMany(o => (string?)o["kind"] == "List" ? (o["items"]?.AsArray().OfType<JsonObject>() ?? []) : [o])
                .Select(o => new Manifest(application, origin, o)));
        }
        return (objects, errors);
    }

    /// <summary>
    /// Go's YAML (Helm, Argo CD, the API server) accepts a block scalar whose leading blank line holds more
    /// spaces than its content (Airflow's empty airflow_local_settings.py, SeaweedFS's master.toml); YamlDotNet
    /// rejects it. Read again with whitespace-only lines emptied: only trailing spaces of blank lines inside
    /// block scalars change, which no check reads; the byte comparison of renders uses the raw text.
    /// </summary>
    private static bool TryBlankLinesEmptied(string document, out IReadOnlyList<JsonNode?> nodes)
    {
        try
        {
            nodes = YamlFiles.ReadAll(System.Text.RegularExpressions.Regex.Replace(document, "^[ \\t]+$", "", System.Text.RegularExpressions.RegexOptions.Multiline));
            return true;
        }
        catch (YamlDotNet.Core.YamlException)
        {
            nodes = [];
            return false;
        }
    }
}

/// <summary>A check's finding: which check, which component, which object, what is wrong.</summary>
internal sealed record Finding(string Check, string Component, string Object, string Message)
{
    public override string ToString() => $"[{Check}] {Component}: {Object}: {Message}";
}
