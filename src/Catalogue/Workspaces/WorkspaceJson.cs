using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lakehouse.Model.Components;

/// <summary>JSON files the workspaces render (rules.json, policies, API bodies): indented, unescaped, one final newline.</summary>
public static class WorkspaceJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Text(JsonNode json) => json.ToJsonString(Indented) + "\n";
}
