using System.Text.Json.Nodes;

namespace Lakehouse.Model.Workspaces;

/// <summary>
/// An IAM-style policy document (AWS IAM JSON policy grammar, version 2012-10-17), the form MinIO policies and
/// AWS identity policies share. The one record of it for workspaces; tests evaluate rendered documents with
/// tests/Lakehouse.Tests/Workspaces/IamPolicyEvaluator.cs (explicit Deny wins, then Allow, else implicit deny).
/// </summary>
public sealed record IamPolicy(IReadOnlyList<IamStatement> Statements)
{
    public const string Version = "2012-10-17";

    public JsonObject ToJson() => new()
    {
        ["Version"] = Version,
        ["Statement"] = new JsonArray([.. Statements.Select(s => (JsonNode)s.ToJson())]),
    };
}

/// <summary>One statement: Allow or Deny of actions (s3:GetObject, wildcards allowed) on resources (ARNs, wildcards allowed).</summary>
public sealed record IamStatement(string Sid, bool Allow, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources)
{
    public JsonObject ToJson() => new()
    {
        ["Sid"] = Sid,
        ["Effect"] = Allow ? "Allow" : "Deny",
        ["Action"] = new JsonArray([.. Actions.Select(a => (JsonNode)a)]),
        ["Resource"] = new JsonArray([.. Resources.Select(r => (JsonNode)r)]),
    };
}
