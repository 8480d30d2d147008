using Lakehouse.Model.Configuration;
using Lakehouse.Model.Contracts;

namespace Lakehouse.Model;

/// <summary>
/// A deployable part of the platform. A component is a pure function of the environment configuration:
/// <see cref="Describe"/> says which chart, which values and which raw objects it needs there.
/// It offers contracts by implementing their interfaces (<see cref="IObjectStorage"/>, ...) and consumes
/// them by listing <see cref="Needs"/>; the model connects the two.
/// </summary>
/// <param name="Name">DNS-1123 label, unique in the platform; every derived name starts from it.</param>
public abstract record Component(string Name)
{
    /// <summary>Contracts this component consumes; each is connected to the one component offering it.</summary>
    public virtual IReadOnlyList<Need> Needs => [];

    /// <summary>Components this one depends on by direct reference (a controller before what it reconciles).</summary>
    public virtual IEnumerable<Component> Dependencies => [];

    /// <summary>Further components, by name, that must be synced before this one.</summary>
    public IReadOnlyList<string> After { get; init; } = [];

    /// <summary>
    /// Chart values merged over what the component describes (maps key by key, the rest replaced), for
    /// settings the component does not model. Build them from the chart's generated values types
    /// (Lakehouse.Generators) so a misspelled or removed key is a compile error; the same rules apply.
    /// </summary>
    public System.Text.Json.Nodes.JsonObject? ValueOverrides { get; init; }

    /// <summary>What this component deploys in one environment.</summary>
    public abstract ComponentSpec Describe(ComponentContext context);
}

/// <summary>
/// A component the platform uses but does not deploy (Amazon S3, AWS Glue, an existing metastore): it
/// offers contracts from env/ configuration, its consumers connect to it, and it renders nothing.
/// </summary>
public abstract record ExternalComponent(string Name) : Component(Name)
{
    /// <summary>What the component is, for reviewers ("AWS Glue Data Catalog"); the tree lists it as referenced.</summary>
    public abstract string Description { get; }

    /// <summary>
    /// The ports its clients reach it on. It runs outside every namespace of the cluster and the platform
    /// writes no IP address, so its clients' egress policies name these ports only (empty when it is reached
    /// through another component, as the JDBC catalog through PostgreSQL).
    /// </summary>
    public abstract IReadOnlyList<int> EgressPorts(ComponentContext context);

    public sealed override ComponentSpec Describe(ComponentContext context) =>
        throw new InvalidOperationException($"'{Name}' is external: it is referenced, not deployed");
}

/// <summary>What a component sees of the world while it describes itself.</summary>
/// <param name="Naming">The naming rule for this platform and environment.</param>
/// <param name="Environment">This environment's configuration.</param>
/// <param name="Consumers">
/// Names of the components connected to this one through a need (<see cref="Component.Needs"/>). Ordering
/// edges (<see cref="Component.After"/>, <see cref="Component.Dependencies"/>) are not consumers.
/// </param>
public sealed record ComponentContext(Naming Naming, EnvironmentConfig Environment, IReadOnlyList<string> Consumers)
{
    /// <summary>The platform's workspaces, in the order the definitions add them (docs/workspaces.md); their sizes: <c>Environment.WorkspaceOf</c>.</summary>
    public IReadOnlyList<Workspaces.Workspace> Workspaces { get; init; } = [];

    /// <summary>The component describing itself.</summary>
    public string Self { get; init; } = "";

    /// <summary>Every connection in the environment: (consumer, contract) to the providing component.</summary>
    public IReadOnlyDictionary<(string Consumer, Type Contract), Component> Connections { get; init; } =
        new Dictionary<(string Consumer, Type Contract), Component>();

    /// <summary>Every component of the platform in this environment (the alert rules and the cloud resources follow what is deployed).</summary>
    public IReadOnlyList<Component> Components { get; init; } = [];

    /// <summary>The component offering contract <typeparamref name="T"/> to this one.</summary>
    public T Use<T>() where T : IContract => UseFor<T>(Self);

    /// <summary>
    /// The component offering <typeparamref name="T"/> to <paramref name="consumer"/>: a provider asks this
    /// about its own needs while answering a consumer (the catalog's store, say).
    /// </summary>
    public T UseFor<T>(string consumer) where T : IContract =>
        Connections.TryGetValue((consumer, typeof(T)), out var provider)
            ? (T)(object)provider
            : throw new InvalidOperationException($"component '{consumer}' did not list Need.Of<{typeof(T).Name}>() in its Needs");

    /// <summary>The provider of an optional need, or null when no component of the platform offers it.</summary>
    public T? TryUse<T>() where T : class, IContract =>
        Connections.TryGetValue((Self, typeof(T)), out var provider) ? (T)(object)provider : null;

    /// <summary>
    /// Components whose pods connect to this one: the consumers, with an external consumer (which runs
    /// nothing) replaced by its own clients. NetworkPolicies admit these.
    /// </summary>
    public IReadOnlyList<string> Clients
    {
        get => _clients ?? Consumers;
        init => _clients = value;
    }

    private readonly IReadOnlyList<string>? _clients;

    /// <summary>
    /// The Secrets declared while this component describes itself (docs/secrets.md): declare each one beside the
    /// SecretRef that reads it. Shared by copies of this context; the render gathers them.
    /// </summary>
    public Secrets.SecretDeclarations Secrets
    {
        get => _secrets ??= new() { Namespace = Self.Length == 0 ? "" : Naming.Namespace(Self) };
        init => _secrets = value;
    }

    private Secrets.SecretDeclarations? _secrets;

    /// <summary>The namespace a component runs in.</summary>
    public string NamespaceOf(Component component) => Naming.Namespace(component.Name);

    /// <summary>
    /// Workspaces whose pods use this component directly (the catalogue's WorkspaceServices decides which components
    /// serve workspaces); their namespaces are admitted like the clients' (docs/workspaces.md, "Network").
    /// </summary>
    public IReadOnlyList<string> WorkspaceClients { get; init; } = [];

    /// <summary>Namespaces of the clients (<see cref="Clients"/>) and of the <see cref="WorkspaceClients"/>, in name order.</summary>
    public IReadOnlyList<string> ConsumerNamespaces => Clients.Concat(WorkspaceClients).Select(Naming.Namespace).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Labels Prometheus selects monitors by.</summary>
    public IReadOnlyDictionary<string, string> MonitorLabels => Environment.Monitoring.MonitorLabels;
}
