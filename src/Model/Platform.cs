using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Diagnostics;

namespace Lakehouse.Model;

/// <summary>The platform in one environment: its components and where in the definitions each was added.</summary>
public sealed record Platform(string Name, EnvironmentConfig Environment, ImmutableArray<PlacedComponent> Components)
{
    public Naming Naming => new(Name, Environment.Name);
}

/// <summary>A component and the definition line that added it.</summary>
public sealed record PlacedComponent(Component Component, SourceLocation Location);

/// <summary>The entry point of a platform's definitions: a pure function of the environment's configuration.</summary>
public interface IPlatformDefinition
{
    /// <summary>Platform name; the prefix of every derived name.</summary>
    string Name { get; }

    /// <summary>Adds the platform's components. Read sizes and choices from <paramref name="env"/>; never branch on its name.</summary>
    void Define(PlatformBuilder platform, EnvironmentConfig env);
}

/// <summary>Collects components in the order the definitions add them, with the line that added each.</summary>
public sealed class PlatformBuilder
{
    private readonly ImmutableArray<PlacedComponent>.Builder _components = ImmutableArray.CreateBuilder<PlacedComponent>();
    private readonly ImmutableArray<Wiring>.Builder _wirings = ImmutableArray.CreateBuilder<Wiring>();

    /// <summary>Adds a component and returns it, so later components can depend on it.</summary>
    public T Add<T>(T component, [CallerFilePath] string callerFile = "", [CallerLineNumber] int callerLine = 0)
        where T : Component
    {
        _components.Add(new PlacedComponent(component, CallerLocation.From(callerFile, callerLine)));
        return component;
    }

    public ImmutableArray<PlacedComponent> Build() => _components.ToImmutable();

    private readonly ImmutableArray<Workspaces.PlacedWorkspace>.Builder _workspaces = ImmutableArray.CreateBuilder<Workspaces.PlacedWorkspace>();

    /// <summary>
    /// Adds a workspace (tenant): its namespace, quota, bucket, Iceberg namespace, Trino rules and resource group,
    /// lineage namespace, AppProject and RBAC for the five roles (docs/workspaces.md). Returns it.
    /// </summary>
    public Workspaces.Workspace AddWorkspace(Workspaces.Workspace workspace, [CallerFilePath] string callerFile = "", [CallerLineNumber] int callerLine = 0)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        _workspaces.Add(new Workspaces.PlacedWorkspace(workspace, CallerLocation.From(callerFile, callerLine)));
        return workspace;
    }

    /// <summary>The workspaces in the order the definitions added them.</summary>
    public ImmutableArray<Workspaces.PlacedWorkspace> Workspaces => _workspaces.ToImmutable();

    /// <summary>
    /// Chooses providers for <paramref name="consumer"/>'s needs where several components offer a contract:
    /// <c>platform.Wire(superset).To&lt;ISqlEngine&gt;(adhoc)</c>. Connections, sync order and NetworkPolicies
    /// follow the wiring.
    /// </summary>
    public ConsumerWiring Wire(Component consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        return new ConsumerWiring(this, consumer);
    }

    /// <summary>The wirings in the order the definitions wrote them.</summary>
    public ImmutableArray<Wiring> Wirings => _wirings.ToImmutable();

    internal void AddWiring(Wiring wiring) => _wirings.Add(wiring);
}
