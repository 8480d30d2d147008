using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lakehouse.Tests.Workspaces;

/// <summary>
/// What an Argo CD AppProject permits, by Argo CD's rules (docs: "Projects"; util/glob and AppProject.IsDestinationPermitted,
/// IsAppNamespacePermitted): a destination is permitted when a spec.destinations entry matches both its server and
/// its namespace as globs ('*' any run, '?' one character, '[...]' a class), unless a matching entry is a negation
/// ('!' prefix), which denies whatever else allows; an Application may live in a namespace other than Argo CD's own
/// only when spec.sourceNamespaces has a glob matching it; a cluster-scoped kind needs a clusterResourceWhitelist
/// entry matching group and kind.
/// </summary>
internal sealed class AppProjectEvaluator(JsonObject project)
{
    private JsonObject Spec => project["spec"]!.AsObject();

    public bool PermitsDestination(string server, string @namespace)
    {
        var entries = (Spec["destinations"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        bool EntryMatches(JsonObject d) => Glob(Plain((string?)d["server"]), server) && Glob(Plain((string?)d["namespace"]), @namespace);
        // A negated entry that matches denies, whatever else allows; otherwise one plain entry must match.
        return !entries.Where(IsNegation).Any(EntryMatches) && entries.Where(d => !IsNegation(d)).Any(EntryMatches);
    }

    public bool PermitsApplicationNamespace(string @namespace, string argoCdNamespace = "argocd") =>
        @namespace == argoCdNamespace
        || (Spec["sourceNamespaces"] as JsonArray ?? []).Select(n => (string)n!).Any(n => Glob(n, @namespace));

    public bool PermitsClusterKind(string group, string kind) =>
        (Spec["clusterResourceWhitelist"] as JsonArray ?? []).OfType<JsonObject>()
            .Any(k => Glob((string?)k["group"] ?? "", group) && Glob((string?)k["kind"] ?? "", kind));

    private static bool IsNegation(JsonObject entry) =>
        ((string?)entry["server"])?.StartsWith('!') == true || ((string?)entry["namespace"])?.StartsWith('!') == true;

    private static string Plain(string? pattern) => pattern is null ? "*" : pattern.TrimStart('!');

    /// <summary>gobwas/glob without separators, as Argo CD's glob.Match calls it: '*' any run, '?' one character, '[...]' a class.</summary>
    public static bool Glob(string pattern, string value)
    {
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    regex.Append(".*");
                    break;
                case '?':
                    regex.Append('.');
                    break;
                case '[':
                    var end = pattern.IndexOf(']', i + 1);
                    if (end < 0)
                    {
                        regex.Append(@"\[");
                        break;
                    }
                    var set = pattern[(i + 1)..end];
                    regex.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = end;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return Regex.IsMatch(value, regex.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }
}
