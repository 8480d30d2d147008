using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lakehouse.Tests.Workspaces;

/// <summary>
/// Trino's file-based system access control, evaluated the way Trino documents it
/// (https://trino.io/docs/current/security/file-system-access-control.html), over a rendered rules.json:
/// each section's rules are tried in order and the first rule matching the user, its groups and the object decides;
/// a rule's user, group, catalog, schema and table are Java regular expressions matched against the whole value
/// (a missing one matches anything); a group rule matches when any of the user's groups matches; no matching rule
/// denies. A table privilege also needs catalog access: "all" for writes, "read-only" or "all" for SELECT. A section
/// that is absent allows everything, as in Trino.
/// </summary>
internal sealed class TrinoRulesEvaluator(JsonObject rules)
{
    public static TrinoRulesEvaluator Parse(string json) => new(JsonNode.Parse(json)!.AsObject());

    private static readonly string[] ReadPrivileges = ["SELECT"];

    /// <summary>May <paramref name="user"/> with <paramref name="groups"/> use <paramref name="privilege"/> on catalog.schema.table?</summary>
    public bool Allows(string user, IReadOnlyList<string> groups, string catalog, string schema, string table, string privilege)
    {
        var access = CatalogAccess(user, groups, catalog);
        var needed = ReadPrivileges.Contains(privilege) ? "read-only" : "all";
        if (access == "none" || (needed == "all" && access != "all"))
        {
            return false;
        }
        if (rules["tables"] is not JsonArray tables)
        {
            return true;
        }
        var rule = First(tables, user, groups, r => Matches(r, "catalog", catalog) && Matches(r, "schema", schema) && Matches(r, "table", table));
        return rule?["privileges"] is JsonArray privileges && privileges.Any(p => (string?)p == privilege);
    }

    /// <summary>Does the user own the schema (create and drop tables in it, drop it)?</summary>
    public bool OwnsSchema(string user, IReadOnlyList<string> groups, string catalog, string schema)
    {
        if (CatalogAccess(user, groups, catalog) != "all")
        {
            return false;
        }
        if (rules["schemas"] is not JsonArray schemas)
        {
            return true;
        }
        var rule = First(schemas, user, groups, r => Matches(r, "catalog", catalog) && Matches(r, "schema", schema));
        return rule?["owner"] is JsonValue owner && owner.GetValue<bool>();
    }

    /// <summary>"all", "read-only" or "none": the first catalog rule matching decides; none matching is "none".</summary>
    public string CatalogAccess(string user, IReadOnlyList<string> groups, string catalog)
    {
        if (rules["catalogs"] is not JsonArray catalogs)
        {
            return "all";
        }
        var rule = First(catalogs, user, groups, r => Matches(r, "catalog", catalog));
        return (string?)rule?["allow"] ?? "none";
    }

    private static JsonObject? First(JsonArray section, string user, IReadOnlyList<string> groups, Func<JsonObject, bool> objectMatches) =>
        section.OfType<JsonObject>().FirstOrDefault(r =>
            Matches(r, "user", user)
            && (r["group"] is null || groups.Any(g => FullMatch((string)r["group"]!, g)))
            && objectMatches(r));

    private static bool Matches(JsonObject rule, string field, string value) => rule[field] is null || FullMatch((string)rule[field]!, value);

    private static bool FullMatch(string pattern, string value) => Regex.IsMatch(value, $"^(?:{pattern})$", RegexOptions.CultureInvariant);
}
