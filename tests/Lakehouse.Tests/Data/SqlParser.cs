using System.Text.Json;
using System.Text.Json.Nodes;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Data;

/// <summary>
/// The tests' SQL parser: dt-sql-parser's ANTLR grammars of Trino and Spark SQL, run as `node sql.mjs` from the
/// project's Node test tools (<see cref="NodeTools"/>, pinned by tools/node/package-lock.json).
/// </summary>
internal static class SqlParser
{
    /// <summary>Each statement's syntax errors ("line:column message"), by the statement's name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Errors(IEnumerable<(string Name, string Dialect, string Sql)> statements)
    {
        var input = new JsonArray([.. statements.Select(s => (JsonNode)new JsonObject { ["name"] = s.Name, ["dialect"] = s.Dialect, ["sql"] = s.Sql })]);
        return JsonNode.Parse(NodeTools.Run("sql.mjs", input.ToJsonString()))!.AsArray().ToDictionary(
            r => (string)r!["name"]!,
            r => (IReadOnlyList<string>)[.. r!["errors"]!.AsArray().Select(e => (string)e!)]);
    }

    /// <summary>Statements of a ';'-separated script (the platform's SQL has no ';' inside literals), trimmed, empty ones dropped.</summary>
    public static IReadOnlyList<string> Statements(string script) =>
        [.. script.Split(';').Select(s => s.Trim()).Where(s => s.Length > 0)];
}
