using System.Text.Json.Nodes;

namespace Lakehouse.Model.Cloud;

/// <summary>Allow or Deny, as an IAM statement's Effect says.</summary>
public enum IamEffect
{
    Allow,
    Deny,
}

/// <summary>
/// One statement of an IAM policy document: its effect on actions ("s3:GetObject", "glue:Get*") over
/// resources (ARNs, '*' and '?' wildcards), optionally narrowed by StringLike/StringEquals conditions on
/// request keys ("s3:prefix"), and for trust policies the principal allowed to assume the role.
/// </summary>
/// <param name="Sid">Statement id: says what the statement is for.</param>
/// <param name="Effect">Allow or Deny.</param>
/// <param name="Actions">Actions, service:action, wildcards allowed.</param>
/// <param name="Resources">Resource ARNs, wildcards allowed; empty in a trust policy.</param>
public sealed record IamStatement(string Sid, IamEffect Effect, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources)
{
    /// <summary>Conditions: operator (StringEquals, StringLike) -> key -> values; all must hold.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Conditions { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>();

    /// <summary>A trust policy's principal: Federated (an OIDC provider ARN), AWS or Service -> value.</summary>
    public KeyValuePair<string, string>? Principal { get; init; }
}

/// <summary>What IAM decides for one request against one policy document.</summary>
public enum IamDecision
{
    /// <summary>No statement allows it: denied by default.</summary>
    ImplicitDeny,

    /// <summary>A statement allows it and none denies it.</summary>
    Allow,

    /// <summary>A Deny statement matches: denied whatever allows it.</summary>
    ExplicitDeny,
}

/// <summary>
/// An IAM policy document (identity, bucket or trust policy) as the platform renders it, and its evaluation
/// as IAM evaluates one document: an explicit Deny wins, then any Allow, else the implicit deny. Action
/// names match case-insensitively, resource ARNs and condition values case-sensitively, both with the
/// wildcards '*' (any run of characters) and '?' (one character), as AWS documents for IAM policy elements.
/// The one policy model of the platform: workload roles and workspace bucket policies use this record.
/// </summary>
public sealed record IamPolicyDocument(IReadOnlyList<IamStatement> Statements)
{
    public const string Version = "2012-10-17";

    /// <summary>
    /// The decision for <paramref name="action"/> on <paramref name="resource"/>, given the request's
    /// condition keys (an s3:ListBucket request's "s3:prefix", say); a statement whose condition names a key
    /// the request lacks does not match.
    /// </summary>
    /// <param name="action">The request's action.</param>
    /// <param name="resource">The resource's ARN.</param>
    /// <param name="context">The request's condition keys.</param>
    /// <param name="principal">
    /// The ARN of the caller, for a resource policy (a bucket policy): a statement naming a Principal then matches
    /// only that principal (or AWS "*"). Without it, Principal elements are not looked at (identity and trust policies).
    /// </param>
    public IamDecision Evaluate(string action, string resource, IReadOnlyDictionary<string, string>? context = null, string? principal = null)
    {
        var matching = Statements.Where(s => Matches(s, action, resource, context ?? new Dictionary<string, string>())
            && (principal is null || s.Principal is not { } p || (p.Key == "AWS" && (p.Value == "*" || p.Value == principal)))).ToList();
        return matching.Any(s => s.Effect == IamEffect.Deny) ? IamDecision.ExplicitDeny
            : matching.Any(s => s.Effect == IamEffect.Allow) ? IamDecision.Allow
            : IamDecision.ImplicitDeny;
    }

    /// <summary>True when the document allows the request (no Deny, some Allow).</summary>
    public bool Allows(string action, string resource, IReadOnlyDictionary<string, string>? context = null) =>
        Evaluate(action, resource, context) == IamDecision.Allow;

    /// <summary>The document as IAM reads it (Version, Statement), keys in IAM's usual order.</summary>
    public JsonObject ToJson()
    {
        var statements = new JsonArray();
        foreach (var s in Statements)
        {
            var statement = new JsonObject { ["Sid"] = s.Sid, ["Effect"] = s.Effect.ToString() };
            if (s.Principal is { } principal)
            {
                statement["Principal"] = new JsonObject { [principal.Key] = principal.Value };
            }
            statement["Action"] = new JsonArray([.. s.Actions.Select(a => (JsonNode)a)]);
            if (s.Resources.Count > 0)
            {
                statement["Resource"] = new JsonArray([.. s.Resources.Select(r => (JsonNode)r)]);
            }
            if (s.Conditions.Count > 0)
            {
                var conditions = new JsonObject();
                foreach (var (op, keys) in s.Conditions.OrderBy(c => c.Key, StringComparer.Ordinal))
                {
                    var byKey = new JsonObject();
                    foreach (var (key, values) in keys.OrderBy(k => k.Key, StringComparer.Ordinal))
                    {
                        byKey[key] = new JsonArray([.. values.Select(v => (JsonNode)v)]);
                    }
                    conditions[op] = byKey;
                }
                statement["Condition"] = conditions;
            }
            statements.Add(statement);
        }
        return new JsonObject { ["Version"] = Version, ["Statement"] = statements };
    }

    /// <summary>The document as the compact JSON string IAM's APIs and Crossplane's policy fields take.</summary>
    public string ToJsonString() => ToJson().ToJsonString();

    /// <summary>Reads a document back from its JSON (the rendered string), so tests evaluate what was rendered.</summary>
    public static IamPolicyDocument Parse(string json)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("an IAM policy document is a JSON object");
        if ((string?)root["Version"] != Version)
        {
            throw new FormatException($"an IAM policy document has Version {Version}");
        }
        var statements = root["Statement"] switch
        {
            JsonArray a => a.Select(s => s!.AsObject()),
            JsonObject o => [o],
            _ => throw new FormatException("an IAM policy document has a Statement"),
        };
        return new IamPolicyDocument([.. statements.Select(ParseStatement)]);
    }

    private static IamStatement ParseStatement(JsonObject s)
    {
        var effect = (string?)s["Effect"] switch
        {
            "Allow" => IamEffect.Allow,
            "Deny" => IamEffect.Deny,
            var other => throw new FormatException($"Effect '{other}' is neither Allow nor Deny"),
        };
        var conditions = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal);
        if (s["Condition"] is JsonObject c)
        {
            foreach (var (op, keys) in c)
            {
                conditions[op] = keys!.AsObject().ToDictionary(k => k.Key, k => Strings(k.Value), StringComparer.Ordinal);
            }
        }
        KeyValuePair<string, string>? principal = s["Principal"] is JsonObject p && p.Count == 1
            ? KeyValuePair.Create(p.First().Key, (string)p.First().Value!)
            : null;
        return new IamStatement((string?)s["Sid"] ?? "", effect, Strings(s["Action"]), Strings(s["Resource"]))
        {
            Conditions = conditions,
            Principal = principal,
        };
    }

    private static IReadOnlyList<string> Strings(JsonNode? node) => node switch
    {
        null => [],
        JsonArray a => [.. a.Select(v => (string)v!)],
        _ => [(string)node!],
    };

    private static bool Matches(IamStatement s, string action, string resource, IReadOnlyDictionary<string, string> context) =>
        s.Actions.Any(a => Wildcard.Matches(a, action, ignoreCase: true))
        && (s.Resources.Count == 0 || s.Resources.Any(r => Wildcard.Matches(r, resource, ignoreCase: false)))
        && s.Conditions.All(c => ConditionHolds(c.Key, c.Value, context));

    /// <summary>
    /// A condition block: every key must hold. The negated operators hold when the request lacks the key (IAM's
    /// rule for ...Not... operators), so a Deny "StringNotEquals aws:PrincipalArn" also catches anonymous requests.
    /// </summary>
    private static bool ConditionHolds(string op, IReadOnlyDictionary<string, IReadOnlyList<string>> keys, IReadOnlyDictionary<string, string> context) =>
        keys.All(k =>
        {
            var present = context.TryGetValue(k.Key, out var value);
            return op switch
            {
                "StringEquals" => present && k.Value.Contains(value!, StringComparer.Ordinal),
                "StringLike" => present && k.Value.Any(pattern => Wildcard.Matches(pattern, value!, ignoreCase: false)),
                "StringNotEquals" => !present || !k.Value.Contains(value!, StringComparer.Ordinal),
                "StringNotLike" => !present || !k.Value.Any(pattern => Wildcard.Matches(pattern, value!, ignoreCase: false)),
                _ => throw new NotSupportedException($"condition operator {op} is not evaluated; use StringEquals, StringLike, StringNotEquals or StringNotLike"),
            };
        });
}

/// <summary>IAM's wildcard matching: '*' any run of characters (also none), '?' exactly one.</summary>
public static class Wildcard
{
    public static bool Matches(string pattern, string value, bool ignoreCase)
    {
        var p = 0;
        var v = 0;
        var star = -1;
        var resume = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], value[v], ignoreCase)))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++resume;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        ignoreCase ? char.ToLowerInvariant(a) == char.ToLowerInvariant(b) : a == b;
}
