using Lakehouse.Model.Configuration;

namespace Lakehouse.Model;

/// <summary>
/// A deployable part of the platform. A component is a pure function of the environment configuration:
/// <see cref="Describe"/> says which chart, which values and which raw objects it needs there.
/// </summary>
/// <param name="Name">DNS-1123 label, unique in the platform; every derived name starts from it.</param>
public abstract record Component(string Name)
{
    /// <summary>Components this one reads from (its typed dependencies); sync waves follow them.</summary>
    public virtual IEnumerable<Component> Dependencies => [];

    /// <summary>Further components, by name, that must be synced before this one.</summary>
    public IReadOnlyList<string> After { get; init; } = [];

    /// <summary>What this component deploys in one environment.</summary>
    public abstract ComponentSpec Describe(ComponentContext context);
}

/// <summary>What a component sees of the world while it describes itself.</summary>
/// <param name="Naming">The naming rule for this platform and environment.</param>
/// <param name="Environment">This environment's configuration.</param>
/// <param name="Consumers">Names of the components that depend on this one (allowed in by its NetworkPolicy).</param>
public sealed record ComponentContext(Naming Naming, EnvironmentConfig Environment, IReadOnlyList<string> Consumers)
{
    /// <summary>The namespace a component runs in.</summary>
    public string NamespaceOf(Component component) => Naming.Namespace(component.Name);

    /// <summary>Namespaces of the consumers, in name order.</summary>
    public IReadOnlyList<string> ConsumerNamespaces => Consumers.Select(Naming.Namespace).Order(StringComparer.Ordinal).ToList();

    /// <summary>Labels Prometheus selects monitors by.</summary>
    public IReadOnlyDictionary<string, string> MonitorLabels => Environment.Monitoring.MonitorLabels;
}
