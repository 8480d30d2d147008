using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Model.Workspaces;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Identity;

/// <summary>docs/identity.md's tables say what the code maps and registers: they fail when either changes alone.</summary>
public class IdentityDocsTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "docs", "identity.md"));

    /// <summary>The rows of the table under <paramref name="heading"/>: cells by column header.</summary>
    private static List<Dictionary<string, string>> Table(string heading)
    {
        var lines = Doc[Doc.IndexOf($"## {heading}\n", StringComparison.Ordinal)..].Split('\n')
            .SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).ToList();
        string[] Cells(string line) => [.. line.Trim().Trim('|').Split('|').Select(c => c.Trim().Trim('`'))];
        var headers = Cells(lines[0]);
        return [.. lines.Skip(2).Select(l => headers.Zip(Cells(l)).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal))];
    }

    private static string Cell(IEnumerable<string>? roles) => roles is null || !roles.Any() ? "none" : string.Join(", ", roles);

    [Fact]
    public void The_mapping_table_is_each_components_mapping()
    {
        var rows = Table("Group to role mapping");
        var admin = Assert.Single(rows, r => r["group"] == "platform admin");
        Assert.Equal(ArgoCdSso.PlatformAdminRole, admin["Argo CD"]);
        Assert.Equal(GrafanaSso.PlatformAdminRole, admin["Grafana"]);
        Assert.Equal(Cell(SupersetSso.PlatformAdminRoles), admin["Superset"]);
        Assert.Equal(Cell(AirflowSso.PlatformAdminRoles), admin["Airflow"]);
        foreach (var role in Enum.GetValues<WorkspaceRole>())
        {
            var row = Assert.Single(rows, r => r["group"] == role.ToString());
            Assert.Equal(Cell(ArgoCdSso.ApplicationActions[role]), row["Argo CD"]);
            Assert.Equal(GrafanaSso.Roles[role] ?? "none", row["Grafana"]);
            Assert.Equal(Cell(SupersetSso.Roles[role]), row["Superset"]);
            Assert.Equal(Cell(AirflowSso.Roles[role]), row["Airflow"]);
        }
        Assert.Equal(Enum.GetValues<WorkspaceRole>().Length + 1, rows.Count);
    }

    [Fact]
    public void The_clients_table_names_each_clients_id_and_secret_as_the_render_does()
    {
        var rows = Table("Clients to register at the provider");
        var components = new Dictionary<string, string> { ["Argo CD"] = "argocd", ["Grafana"] = "monitoring", ["Superset"] = "superset", ["Trino"] = "trino", ["Airflow"] = "orchestrator" };
        Assert.Equal(components.Keys.Order(StringComparer.Ordinal), rows.Select(r => r["component"]).Order(StringComparer.Ordinal));
        var prod = new Naming("lakehouse", "prod");
        var environment = Render.Reference.Platform!.Environments.Single(e => e.Name == "prod");
        foreach (var row in rows)
        {
            var component = components[row["component"]];
            Assert.Equal(prod.IdentityClient(component), row["client id"].Replace("ENV", "prod", StringComparison.Ordinal));
            var spec = environment.Components.Single(c => c.Name == component).Spec;
            Assert.Equal($"{spec.Namespace}/{prod.Secret(component, "oidc")}", row["Secret"]);
            // Each client's secret is referenced by what the component renders (values or the files they carry).
            Assert.Contains(prod.Secret(component, "oidc"), spec.Values.ToJsonString(), StringComparison.Ordinal);
        }
    }
}
