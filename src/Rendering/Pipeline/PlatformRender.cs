using Lakehouse.Model;
using Lakehouse.Model.Configuration;

namespace Lakehouse.Rendering.Pipeline;

/// <summary>The evaluated platform: every environment's components, described and ordered. Renderers read only this.</summary>
public sealed record PlatformRender(string Name, IReadOnlyList<EnvironmentRender> Environments)
{
    /// <summary>Component names in first-seen order across environments (definitions order).</summary>
    public IReadOnlyList<string> ComponentNames =>
        Environments.SelectMany(e => e.Components.Select(c => c.Name)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Source files of the environments, e.g. env/prod.yaml.</summary>
    public IReadOnlyList<string> EnvironmentFiles => Environments.Select(e => e.SourceFile).ToList();
}

/// <summary>One environment: its configuration, naming and described components.</summary>
public sealed record EnvironmentRender(EnvironmentConfig Config, Naming Naming, IReadOnlyList<ComponentRender> Components)
{
    public string Name => Config.Name;

    public string SourceFile => $"env/{Config.Name}.yaml";

    /// <summary>Components referenced but not deployed here (external services); they render nothing.</summary>
    public IReadOnlyList<PlacedComponent> External { get; init; } = [];

    /// <summary>The platform's workspaces, in definitions order (WorkspaceRenderer, docs/workspaces.md).</summary>
    public IReadOnlyList<Lakehouse.Model.Workspaces.PlacedWorkspace> Workspaces { get; init; } = [];

    /// <summary>Each workspace's default-egress NetworkPolicy (by workspace name), derived like the components' (EgressPolicies).</summary>
    public IReadOnlyDictionary<string, Lakehouse.Model.Kubernetes.ManifestObject> WorkspaceEgress { get; init; } = new Dictionary<string, Lakehouse.Model.Kubernetes.ManifestObject>();

    /// <summary>
    /// Objects rendered in each workspace's own Application beside its own objects, by workspace name: the
    /// ExternalSecrets of Secrets declared in its namespace and the components' <see cref="Lakehouse.Model.ComponentSpec.WorkspaceManifests"/>.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Lakehouse.Model.Kubernetes.ManifestObject>> WorkspaceManifests { get; init; } =
        new Dictionary<string, IReadOnlyList<Lakehouse.Model.Kubernetes.ManifestObject>>();

    /// <summary>Every need connected to its provider, in consumer then contract order (the component graph, docs/graph/).</summary>
    public IReadOnlyList<Connection> Connections { get; init; } = [];

    /// <summary>Every Secret the environment declares, resolved (ExternalSecrets, docs/secrets/ENV.md, hydration).</summary>
    public Secrets.SecretInventory Secrets { get; init; } = Lakehouse.Rendering.Secrets.SecretInventory.Empty;
}

/// <summary>A need of one component served by another.</summary>
/// <param name="Consumer">The component that lists the need.</param>
/// <param name="Provider">The component serving it.</param>
/// <param name="Contract">The contract's interface name (IObjectStorage).</param>
/// <param name="Description">What the contract is, from its [Contract] attribute.</param>
public sealed record Connection(string Consumer, string Contract, string Description, string Provider);

/// <summary>A component in one environment, with its place in the dependency graph.</summary>
/// <param name="Placed">The component and the definition line that added it.</param>
/// <param name="Spec">What it deploys here.</param>
/// <param name="Wave">Argo CD sync wave: 0 for components without dependencies, else one more than the deepest.</param>
/// <param name="DependsOn">Names of the components it depends on, in name order.</param>
public sealed record ComponentRender(PlacedComponent Placed, ComponentSpec Spec, int Wave, IReadOnlyList<string> DependsOn)
{
    public string Name => Placed.Component.Name;
}
