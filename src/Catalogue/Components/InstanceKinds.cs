using Lakehouse.Model.Configuration;

namespace Lakehouse.Model.Components;

/// <summary>
/// The kinds an env/ instance section (<c>instances.NAME</c>, <see cref="InstanceConfig"/>) can hold: its key, the
/// component type that reads it, and whether a section has it. One table, beside the components that read the
/// sections, so a kind added here is checked against the platform (LH0123).
/// </summary>
public static class InstanceKinds
{
    public static IReadOnlyList<(string Key, Type Reader, Func<InstanceConfig, bool> Has)> All { get; } =
    [
        ("trino", typeof(Trino), i => i.Trino is not null),
    ];
}
