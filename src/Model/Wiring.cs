using System.Runtime.CompilerServices;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Diagnostics;

namespace Lakehouse.Model;

/// <summary>
/// The definitions' choice of provider for one need of one consumer: <paramref name="Consumer"/>'s need of
/// <paramref name="Contract"/> is met by <paramref name="Provider"/>, whatever else offers it. Written with
/// <c>platform.Wire(consumer).To&lt;IContract&gt;(provider)</c>, so the provider is a reference the compiler
/// checks against the contract (a component that does not offer it does not compile).
/// </summary>
/// <param name="Consumer">The component whose need is wired.</param>
/// <param name="Contract">The contract of the need.</param>
/// <param name="Provider">The component that meets it.</param>
/// <param name="Location">The definitions line that wired it; where its diagnostics point.</param>
public sealed record Wiring(Component Consumer, Type Contract, Component Provider, SourceLocation Location)
{
    /// <summary>True when <see cref="Contract"/> is a contract interface (not a component type, not IContract itself).</summary>
    public bool NamesContract => IsContract(Contract);

    /// <summary>An interface deriving from <see cref="IContract"/>: what a need and a wiring name.</summary>
    public static bool IsContract(Type type) => type.IsInterface && type != typeof(IContract) && typeof(IContract).IsAssignableFrom(type);

    /// <summary>The contracts a component offers, by interface name in order (for advice in diagnostics).</summary>
    public static IReadOnlyList<Type> ContractsOf(Component component) =>
        component.GetType().GetInterfaces().Where(IsContract).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
}

/// <summary>Wires the needs of one consumer to named providers: <c>platform.Wire(superset).To&lt;ISqlEngine&gt;(adhoc)</c>.</summary>
public sealed class ConsumerWiring
{
    private readonly PlatformBuilder _platform;
    private readonly Component _consumer;

    internal ConsumerWiring(PlatformBuilder platform, Component consumer)
    {
        _platform = platform;
        _consumer = consumer;
    }

    /// <summary>
    /// The consumer's need of <typeparamref name="TContract"/> is met by <paramref name="provider"/>. Name the
    /// contract (<c>To&lt;ISqlEngine&gt;(adhoc)</c>): an inferred component type is not a contract (LH1210, LH0120).
    /// </summary>
    public ConsumerWiring To<TContract>(TContract provider, [CallerFilePath] string callerFile = "", [CallerLineNumber] int callerLine = 0)
        where TContract : class, IContract
    {
        ArgumentNullException.ThrowIfNull(provider);
        var component = provider as Component
            ?? throw new ArgumentException($"the provider of {typeof(TContract).Name} is a {provider.GetType().Name}, not a component added to the platform", nameof(provider));
        _platform.AddWiring(new Wiring(_consumer, typeof(TContract), component, CallerLocation.From(callerFile, callerLine)));
        return this;
    }
}
