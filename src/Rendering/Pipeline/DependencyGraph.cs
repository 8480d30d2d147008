using Lakehouse.Model;
using Lakehouse.Model.Diagnostics;

namespace Lakehouse.Rendering.Pipeline;

/// <summary>
/// The components of one environment as a graph: unique names, resolvable dependencies, no cycles.
/// Sync waves come from every edge (needs, direct dependencies, After, the implicit secret-store and monitoring edges); a
/// component's consumers, and so who its NetworkPolicy admits, come from need connections only: an
/// ordering edge orders sync and opens nothing.
/// </summary>
internal sealed class DependencyGraph
{
    private readonly Dictionary<string, PlacedComponent> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _dependsOn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _waves = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Consumer, Type Contract), Component> _connections = [];

    // Every context lists every component: one list for all of them (a copy each was quadratic in the platform's size).
    private IReadOnlyList<Component>? _components;

    /// <summary>Every need connected to its provider: (consumer, contract) to the providing component.</summary>
    public IReadOnlyDictionary<(string Consumer, Type Contract), Component> Connections => _connections;

    public IReadOnlyList<PlacedComponent> Components { get; }

    private DependencyGraph(IReadOnlyList<PlacedComponent> components) => Components = components;

    /// <summary>
    /// Builds the graph, reporting LH0014, LH0006, LH0008, LH0017, LH0007 and the wiring rules (LH0120-LH0122);
    /// null when any was found. <paramref name="wirings"/> choose providers for needs several components offer.
    /// </summary>
    public static DependencyGraph? Build(IReadOnlyList<PlacedComponent> components, List<Diagnostic> diagnostics, IReadOnlyList<Wiring>? wirings = null)
    {
        var before = diagnostics.Count;
        var graph = new DependencyGraph(components);
        foreach (var placed in components)
        {
            var name = placed.Component.Name;
            if (!Model.Checks.DnsName.IsLabel(name))
            {
                diagnostics.Add(new Diagnostic(Rules.InvalidName, placed.Location, $"component name '{name}' must be a DNS-1123 label (lower case letters, digits and '-')"));
                continue;
            }
            if (graph._byName.TryGetValue(name, out var first))
            {
                diagnostics.Add(new Diagnostic(Rules.DuplicateComponent, placed.Location, $"component name '{name}' is already used by the component added at {first.Location}"));
                continue;
            }
            graph._byName[name] = placed;
        }
        var wired = graph.Check(wirings ?? [], diagnostics);
        var secretStores = graph._byName.Values.Where(p => p.Component is Model.Contracts.ISecretStore).Select(p => p.Component.Name).ToList();
        var monitoringStacks = graph._byName.Values.Where(p => p.Component is Model.Contracts.IMonitoring).Select(p => p.Component.Name).ToList();
        foreach (var placed in graph._byName.Values)
        {
            var provided = graph.Connect(placed, wired, diagnostics);
            // Every component reads Secrets the secret store's ExternalSecrets deliver (Grafana's admin too): the
            // store (its CRDs) syncs first, before the monitoring stack, so it carries no monitor (ISecretStore).
            var secretStore = placed.Component is Model.ExternalComponent ? [] : secretStores.Where(s => s != placed.Component.Name);
            // Every other component carries a ServiceMonitor or PodMonitor: the monitoring stack (its CRDs) syncs first.
            // An external component deploys nothing, so nothing of it waits (and monitoring may itself use one: the identity provider).
            var monitoring = placed.Component is Model.Contracts.ISecretStore or Model.ExternalComponent ? [] : monitoringStacks.Where(m => m != placed.Component.Name);
            var deps = placed.Component.Dependencies.Select(d => d.Name).Concat(placed.Component.After).Concat(provided).Concat(monitoring).Concat(secretStore)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            foreach (var dep in deps.Where(d => !graph._byName.ContainsKey(d)))
            {
                diagnostics.Add(new Diagnostic(Rules.UnresolvedDependency, placed.Location, $"component '{placed.Component.Name}' depends on '{dep}', which is not added to the platform"));
            }
            graph._dependsOn[placed.Component.Name] = deps;
            graph._consumers[placed.Component.Name] = [];
        }
        // Consumers are who connects to a provider through a need; After, Dependencies and the monitoring
        // edge only order sync.
        foreach (var ((consumer, _), provider) in graph._connections.OrderBy(c => c.Key.Consumer, StringComparer.Ordinal))
        {
            if (graph._consumers.TryGetValue(provider.Name, out var consumers) && !consumers.Contains(consumer))
            {
                consumers.Add(consumer);
            }
        }
        foreach (var consumers in graph._consumers.Values)
        {
            consumers.Sort(StringComparer.Ordinal);
        }
        if (diagnostics.Count == before)
        {
            graph.ReportCycles(diagnostics);
        }
        if (diagnostics.Count > before)
        {
            return null;
        }
        // Filled now, read only afterwards: components describe themselves on several threads.
        foreach (var name in graph._byName.Keys)
        {
            graph.WaveOf(name);
        }
        graph._components = [.. components.Select(p => p.Component)];
        return graph;
    }

    public IReadOnlyList<string> DependenciesOf(string name) => _dependsOn[name];

    /// <summary>
    /// The definitions' wirings that hold, by (consumer, contract): each names a contract (LH0120), a consumer and
    /// a provider added to the platform, a need the consumer declares and a provider offering it (LH0121), once (LH0122).
    /// </summary>
    private Dictionary<(string Consumer, Type Contract), (Component Provider, SourceLocation At)> Check(IReadOnlyList<Wiring> wirings, List<Diagnostic> diagnostics)
    {
        var wired = new Dictionary<(string Consumer, Type Contract), (Component Provider, SourceLocation At)>();
        foreach (var wiring in wirings)
        {
            var consumer = wiring.Consumer.Name;
            var provider = wiring.Provider.Name;
            var call = $"platform.Wire({Variable(consumer)}).To<{wiring.Contract.Name}>({Variable(provider)})";
            if (!wiring.NamesContract)
            {
                var offers = Wiring.ContractsOf(wiring.Provider);
                var advice = offers.Count == 0
                    ? $"'{provider}' offers no contract"
                    : $"name the contract, e.g. platform.Wire({Variable(consumer)}).To<{offers[0].Name}>({Variable(provider)}) ('{provider}' offers {string.Join(", ", offers.Select(o => o.Name))})";
                diagnostics.Add(new Diagnostic(Rules.WiringNotContract, wiring.Location, $"{call}: '{wiring.Contract.Name}' is not a contract interface; {advice}"));
                continue;
            }
            if (!_byName.TryGetValue(consumer, out var placedConsumer))
            {
                diagnostics.Add(new Diagnostic(Rules.WiringWithoutNeed, wiring.Location, $"{call}: component '{consumer}' is not added to the platform; add it with platform.Add before wiring it"));
                continue;
            }
            if (!_byName.TryGetValue(provider, out var placedProvider))
            {
                diagnostics.Add(new Diagnostic(Rules.WiringWithoutNeed, wiring.Location, $"{call}: component '{provider}' is not added to the platform; add it with platform.Add before wiring to it"));
                continue;
            }
            var description = new Model.Contracts.Need(wiring.Contract).Description;
            if (provider == consumer)
            {
                diagnostics.Add(new Diagnostic(Rules.WiringWithoutNeed, wiring.Location, $"{call}: a component cannot be wired to itself"));
                continue;
            }
            if (!placedConsumer.Component.Needs.Any(n => n.Contract == wiring.Contract))
            {
                var needs = placedConsumer.Component.Needs.Select(n => n.Contract.Name).Distinct().ToList();
                diagnostics.Add(new Diagnostic(Rules.WiringWithoutNeed, wiring.Location,
                    $"{call}: component '{consumer}' does not need {description} ({wiring.Contract.Name}); its needs: {(needs.Count == 0 ? "none" : string.Join(", ", needs))}"));
                continue;
            }
            if (!wiring.Contract.IsInstanceOfType(placedProvider.Component))
            {
                diagnostics.Add(new Diagnostic(Rules.WiringWithoutNeed, wiring.Location,
                    $"{call}: the component added as '{provider}' ({placedProvider.Location}) does not offer {description} ({wiring.Contract.Name})"));
                continue;
            }
            if (wired.TryGetValue((consumer, wiring.Contract), out var first))
            {
                diagnostics.Add(new Diagnostic(Rules.WiringRepeated, wiring.Location,
                    $"{call}: the {description} ({wiring.Contract.Name}) of '{consumer}' is already wired to '{first.Provider.Name}' at {first.At}; keep one"));
                continue;
            }
            wired[(consumer, wiring.Contract)] = (placedProvider.Component, wiring.Location);
        }
        return wired;
    }

    /// <summary>
    /// Connects each need of <paramref name="consumer"/> to the provider the definitions wired, else to the one
    /// component offering it (LH0008, LH0017).
    /// </summary>
    private List<string> Connect(PlacedComponent consumer, Dictionary<(string Consumer, Type Contract), (Component Provider, SourceLocation At)> wired, List<Diagnostic> diagnostics)
    {
        var name = consumer.Component.Name;
        var providers = new List<string>();
        foreach (var need in consumer.Component.Needs)
        {
            if (wired.TryGetValue((name, need.Contract), out var chosen))
            {
                _connections[(name, need.Contract)] = chosen.Provider;
                providers.Add(chosen.Provider.Name);
                continue;
            }
            var offering = _byName.Values
                .Where(p => p.Component.Name != name && need.Contract.IsInstanceOfType(p.Component))
                .Where(p => need.Provider is null || p.Component.Name == need.Provider)
                .Select(p => p.Component)
                .ToList();
            switch (offering.Count)
            {
                case 0 when need.Optional:
                    break;
                case 0:
                    var named = need.Provider is null ? "" : $" under the name '{need.Provider}'";
                    diagnostics.Add(new Diagnostic(Rules.UnresolvedDependency, consumer.Location,
                        $"component '{name}' needs {need.Description} ({need.Contract.Name}), which no component of the platform offers{named}"));
                    break;
                case 1:
                    _connections[(name, need.Contract)] = offering[0];
                    providers.Add(offering[0].Name);
                    break;
                default:
                    var names = string.Join(" and ", offering.Select(o => $"'{o.Name}'"));
                    diagnostics.Add(new Diagnostic(Rules.AmbiguousProvider, consumer.Location,
                        $"component '{name}' needs {need.Description} ({need.Contract.Name}), offered by {names}; choose one in the definitions: platform.Wire({Variable(name)}).To<{need.Contract.Name}>({Variable(offering[0].Name)})"));
                    break;
            }
        }
        return providers;
    }

    /// <summary>
    /// A component name as the C# variable advice in diagnostics calls it ("iceberg-catalog" -> icebergCatalog), so
    /// the advice is code the definitions can write once their variables are named so.
    /// </summary>
    internal static string Variable(string component)
    {
        var parts = component.Split('-', StringSplitOptions.RemoveEmptyEntries);
        var name = string.Concat(parts.Select((p, i) => i == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
        return name.Length > 0 && char.IsAsciiLetter(name[0]) ? name : "_" + name;
    }

    /// <summary>Components connected to <paramref name="name"/> through one of their needs, in name order.</summary>
    public IReadOnlyList<string> ConsumersOf(string name) => _consumers[name];

    /// <summary>What component <paramref name="name"/> sees while it describes itself or answers a consumer.</summary>
    public ComponentContext ContextFor(string name, Naming naming, Model.Configuration.EnvironmentConfig config) =>
        new(naming, config, ConsumersOf(name))
        {
            Self = name, Connections = Connections, Clients = ClientsOf(name), Components = _components!,
            Secrets = new() { Namespace = naming.Namespace(name) },
        };

    /// <summary>
    /// Who connects to a component over the network: its consumers, except that an external consumer runs
    /// nothing, so its own clients connect in its place (Trino reaching PostgreSQL through the JDBC catalog).
    /// </summary>
    public IReadOnlyList<string> ClientsOf(string name)
    {
        var clients = new SortedSet<string>(StringComparer.Ordinal);
        CollectClients(name, clients, new HashSet<string>(StringComparer.Ordinal));
        return [.. clients];
    }

    private void CollectClients(string name, SortedSet<string> clients, HashSet<string> seen)
    {
        foreach (var consumer in _consumers[name].Where(seen.Add))
        {
            if (_byName[consumer].Component is Model.ExternalComponent)
            {
                CollectClients(consumer, clients, seen);
            }
            else
            {
                clients.Add(consumer);
            }
        }
    }

    /// <summary>
    /// The sync wave: 0 without dependencies, else one more than the deepest dependency. An external component has no
    /// Application, so it takes no wave of its own: it passes on its dependencies' (-1 without any).
    /// </summary>
    public int WaveOf(string name) => Wave(name, _waves);

    private int Wave(string name, Dictionary<string, int> memo)
    {
        if (memo.TryGetValue(name, out var w))
        {
            return w;
        }
        var deps = _dependsOn[name];
        var deepest = deps.Count == 0 ? -1 : deps.Max(d => Wave(d, memo));
        w = _byName[name].Component is Model.ExternalComponent ? deepest : deepest + 1;
        memo[name] = w;
        return w;
    }

    private void ReportCycles(List<Diagnostic> diagnostics)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        var stack = new List<string>();
        foreach (var placed in Components.Where(p => _dependsOn.ContainsKey(p.Component.Name)))
        {
            Visit(placed.Component.Name);
        }

        void Visit(string name)
        {
            if (state.TryGetValue(name, out var s))
            {
                if (s == 1)
                {
                    var cycle = stack.Skip(stack.IndexOf(name)).Append(name);
                    diagnostics.Add(new Diagnostic(Rules.DependencyCycle, _byName[name].Location,
                        $"dependency cycle: {string.Join(" -> ", cycle)}"));
                }
                return;
            }
            state[name] = 1;
            stack.Add(name);
            foreach (var dep in _dependsOn[name])
            {
                Visit(dep);
            }
            stack.RemoveAt(stack.Count - 1);
            state[name] = 2;
        }
    }
}
