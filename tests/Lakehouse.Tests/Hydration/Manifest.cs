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
        var (objects, errors) = Lakehouse.Rendering.Review.Hydration.ObjectStream.Parse(origin, yaml);
        return (objects.Select(o => new Manifest(application, origin, o)).ToList(), errors);
    }
}

/// <summary>A check's finding: which check, which component, which object, what is wrong.</summary>
internal sealed record Finding(string Check, string Component, string Object, string Message)
{
    public override string ToString() => $"[{Check}] {Component}: {Object}: {Message}";
}
