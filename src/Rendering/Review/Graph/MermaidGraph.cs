using System.Globalization;
using System.Text;
using Lakehouse.Model;
using Lakehouse.Rendering.Pipeline;

namespace Lakehouse.Rendering.Review.Graph;

/// <summary>
/// One environment's components as a Mermaid flowchart: a subgraph per sync wave holding its components (with
/// the contracts each offers), external components as their own shape, a solid edge per need labelled with its
/// contract (consumer to the provider that serves it), a dotted edge per ordering-only dependency, and a thick
/// edge per NetworkPolicy admission (client to the component whose ingress admits it, with the ports). All of it
/// is read from the evaluated platform, the same model the tree is rendered from.
/// </summary>
public static class MermaidGraph
{
    public static string Document(string platform, EnvironmentRender environment)
    {
        var text = new StringBuilder();
        // The generated marker only: a Sources line would name the definitions' file, which a renamed platform renames.
        text.Append(GraphFiles.Marker).Append("; do not edit. Change definitions/ or env/ and run 'dotnet build'. -->\n");
        text.Append("# Component graph: ").Append(environment.Name).Append("\n\n");
        text.Append("Platform `").Append(platform).Append("` in environment `").Append(environment.Name).Append("`: ")
            .Append(environment.Components.Count.ToString(CultureInfo.InvariantCulture)).Append(" deployed component(s), ")
            .Append(environment.External.Count.ToString(CultureInfo.InvariantCulture)).Append(" external. ")
            .Append("Boxes are grouped by Argo CD sync wave; a solid arrow is a need (consumer to the provider serving it, labelled with the contract), ")
            .Append("a dotted arrow an ordering-only dependency, a thick arrow a NetworkPolicy admission (client to the component that admits it, with the ports).\n\n");
        text.Append("```mermaid\n").Append(Flowchart(environment)).Append("```\n");
        return text.ToString();
    }

    /// <summary>The Mermaid source alone.</summary>
    public static string Flowchart(EnvironmentRender environment)
    {
        var text = new StringBuilder("flowchart LR\n");
        var offered = environment.Connections.GroupBy(c => c.Provider, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Contract).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        foreach (var wave in environment.Components.GroupBy(c => c.Wave).OrderBy(g => g.Key))
        {
            text.Append("  subgraph wave").Append(wave.Key.ToString(CultureInfo.InvariantCulture))
                .Append("[\"sync wave ").Append(wave.Key.ToString(CultureInfo.InvariantCulture)).Append("\"]\n");
            foreach (var component in wave.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                text.Append("    ").Append(Id(component.Name)).Append("[\"").Append(Label(component.Name, offered)).Append("\"]\n");
            }
            text.Append("  end\n");
        }
        foreach (var external in environment.External.OrderBy(p => p.Component.Name, StringComparer.Ordinal))
        {
            var description = external.Component is ExternalComponent e ? e.Description : "";
            text.Append("  ").Append(Id(external.Component.Name)).Append("[(\"").Append(Label(external.Component.Name, offered))
                .Append("<br/>external: ").Append(Escape(description)).Append("\")]\n");
        }

        var providers = new HashSet<(string, string)>();
        foreach (var connection in environment.Connections)
        {
            providers.Add((connection.Consumer, connection.Provider));
            text.Append("  ").Append(Id(connection.Consumer)).Append(" -->|\"").Append(connection.Contract).Append("\"| ")
                .Append(Id(connection.Provider)).Append('\n');
        }
        foreach (var component in environment.Components.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            foreach (var dependency in component.DependsOn.Where(d => !providers.Contains((component.Name, d))))
            {
                text.Append("  ").Append(Id(component.Name)).Append(" -.->|\"after\"| ").Append(Id(dependency)).Append('\n');
            }
        }
        foreach (var (client, admitted, ports) in Admissions(environment))
        {
            text.Append("  ").Append(Id(client)).Append(" ==>|\"").Append(ports).Append("\"| ").Append(Id(admitted)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>(client, component admitting it, "tcp 8080 9090") from each component's ingress NetworkPolicies.</summary>
    private static IEnumerable<(string Client, string Admitted, string Ports)> Admissions(EnvironmentRender environment)
    {
        var byNamespace = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var component in environment.Components)
        {
            byNamespace.TryAdd(component.Spec.Namespace, component.Name);
        }
        var edges = new SortedDictionary<string, (string Client, string Admitted, SortedSet<int> Ports)>(StringComparer.Ordinal);
        foreach (var component in environment.Components)
        {
            foreach (var (destination, source, _, ports) in EgressPolicies.AdmittedSources(component.Spec))
            {
                if (!byNamespace.TryGetValue(source, out var client) || !byNamespace.TryGetValue(destination, out var admitted) || client == admitted)
                {
                    continue;
                }
                var key = client + "\0" + admitted;
                (edges.TryGetValue(key, out var edge) ? edge : edges[key] = (client, admitted, [])).Ports.UnionWith(ports);
            }
        }
        return edges.Values.Select(e => (e.Client, e.Admitted, e.Ports.Count == 0 ? "all ports" : "tcp " + string.Join(" ", e.Ports)));
    }

    private static string Label(string name, IReadOnlyDictionary<string, List<string>> offered) =>
        offered.TryGetValue(name, out var contracts) ? $"{name}<br/><small>{string.Join(", ", contracts)}</small>" : name;

    /// <summary>A Mermaid node id: the name with '-' as '_', prefixed so no name collides with a keyword (end, graph).</summary>
    public static string Id(string name) => "c_" + name.Replace('-', '_');

    private static string Escape(string text) => text.Replace("\"", "#quot;", StringComparison.Ordinal);
}
