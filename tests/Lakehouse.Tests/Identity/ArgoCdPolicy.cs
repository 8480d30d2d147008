namespace Lakehouse.Tests.Identity;

/// <summary>
/// Argo CD's RBAC as documented (operator-manual/rbac.md), evaluated over a policy.csv: "p, SUBJECT, RESOURCE, ACTION,
/// OBJECT, EFFECT" lines grant or deny, "g, SUBJECT, ROLE" lines give a user or group a role (transitively); glob
/// match mode ('*' matches any run of characters); a deny wins over an allow; nothing matched is denied. The built-in
/// role:admin allows everything, role:readonly every get (Argo CD's builtin-policy.csv).
/// </summary>
internal sealed class ArgoCdPolicy
{
    private readonly List<(string Subject, string Resource, string Action, string Object, bool Allow)> _rules = [];
    private readonly List<(string Subject, string Role)> _bindings = [];

    public ArgoCdPolicy(string csv)
    {
        foreach (var line in csv.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var fields = line.Split(',').Select(f => f.Trim()).ToArray();
            switch (fields[0])
            {
                case "p":
                    Assert.True(fields.Length == 6, $"a p line has six fields: {line}");
                    Assert.Contains(fields[5], new[] { "allow", "deny" });
                    _rules.Add((fields[1], fields[2], fields[3], fields[4], fields[5] == "allow"));
                    break;
                case "g":
                    Assert.True(fields.Length == 3, $"a g line has three fields: {line}");
                    _bindings.Add((fields[1], fields[2]));
                    break;
                default:
                    Assert.Fail($"not a policy line: {line}");
                    break;
            }
        }
    }

    /// <summary>Whether a user holding <paramref name="groups"/> may do <paramref name="action"/> on <paramref name="resource"/> <paramref name="obj"/>.</summary>
    public bool Allows(IEnumerable<string> groups, string resource, string action, string obj)
    {
        var subjects = new HashSet<string>(groups, StringComparer.Ordinal);
        for (var grown = true; grown;)
        {
            grown = false;
            foreach (var (subject, role) in _bindings)
            {
                grown |= subjects.Contains(subject) && subjects.Add(role);
            }
        }
        var matched = _rules.Where(r => subjects.Contains(r.Subject) && Glob(r.Resource, resource) && Glob(r.Action, action) && Glob(r.Object, obj)).ToList();
        if (matched.Any(r => !r.Allow))
        {
            return false;
        }
        return matched.Count > 0 || subjects.Contains("role:admin") || (subjects.Contains("role:readonly") && action == "get");
    }

    private static bool Glob(string pattern, string value) =>
        System.Text.RegularExpressions.Regex.IsMatch(value, "^" + string.Join(".*", pattern.Split('*').Select(System.Text.RegularExpressions.Regex.Escape)) + "$");
}
