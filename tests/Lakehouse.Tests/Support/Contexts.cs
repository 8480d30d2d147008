using Lakehouse.Definitions;
using Lakehouse.Model;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Rendering.Pipeline;

namespace Lakehouse.Tests.Support;

/// <summary>The context a component of the reference platform sees in one environment, for calling its contract methods.</summary>
internal static class Contexts
{
    public static (T Component, ComponentContext Context) For<T>(EnvironmentConfig config, string component, IPlatformDefinition? definition = null)
        where T : Component
    {
        var builder = new PlatformBuilder();
        (definition ?? new LakehousePlatform()).Define(builder, config);
        var diagnostics = new List<Diagnostic>();
        var graph = DependencyGraph.Build(builder.Build(), diagnostics, builder.Wirings)
            ?? throw new InvalidOperationException(string.Join("\n", diagnostics));
        var placed = graph.Components.Single(c => c.Component.Name == component);
        return ((T)placed.Component, graph.ContextFor(component, new Naming("lakehouse", config.Name), config));
    }

    public static EnvironmentConfig Environment(string name) => Render.Environment(name, Render.EnvironmentText(name));
}
