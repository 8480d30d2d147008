using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lakehouse.Tests.Workspaces;

/// <summary>The outcome of an IAM evaluation.</summary>
internal enum IamDecision
{
    ImplicitDeny,
    Allow,
    ExplicitDeny,
}

/// <summary>
/// Evaluates an IAM-style identity policy document (AWS IAM JSON policy grammar; MinIO policies share it) for one
/// request, as AWS documents the logic for a single identity policy: an explicit Deny of a matching statement wins,
/// else a matching Allow allows, else the request is implicitly denied. A statement matches when the action matches
/// one of Action (or none of NotAction) and the resource one of Resource (or none of NotResource). Actions compare
/// case-insensitively, resources case-sensitively; '*' matches any run of characters and '?' one character in both.
/// Conditions and principals are not part of the workspace documents; a statement carrying a Condition is refused.
/// The one IAM evaluator of this branch (h-ops has its own for least privilege: to be reconciled at merge).
/// </summary>
internal static class IamPolicyEvaluator
{
    public static IamDecision Evaluate(JsonObject policy, string action, string resource)
    {
        var statements = policy["Statement"] switch
        {
            JsonArray array => array.OfType<JsonObject>().ToList(),
            JsonObject single => [single],
            _ => [],
        };
        var allowed = false;
        foreach (var statement in statements)
        {
            if (statement["Condition"] is not null)
            {
                throw new NotSupportedException("conditions are not evaluated here");
            }
            if (!Matches(statement, "Action", "NotAction", action, ignoreCase: true) || !Matches(statement, "Resource", "NotResource", resource, ignoreCase: false))
            {
                continue;
            }
            if ((string?)statement["Effect"] == "Deny")
            {
                return IamDecision.ExplicitDeny;
            }
            allowed |= (string?)statement["Effect"] == "Allow";
        }
        return allowed ? IamDecision.Allow : IamDecision.ImplicitDeny;
    }

    private static bool Matches(JsonObject statement, string field, string notField, string value, bool ignoreCase)
    {
        if (statement[field] is { } positive)
        {
            return Values(positive).Any(p => Wildcard(p, value, ignoreCase));
        }
        return statement[notField] is { } negative && !Values(negative).Any(p => Wildcard(p, value, ignoreCase));
    }

    private static IEnumerable<string> Values(JsonNode node) => node is JsonArray array ? array.Select(v => (string)v!) : [(string)node!];

    public static bool Wildcard(string pattern, string value, bool ignoreCase) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
            RegexOptions.Singleline | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None));
}
