namespace Lakehouse.Model.Configuration;

/// <summary>
/// The env/ section of one further instance of a component kind, under <c>instances.NAME</c> where NAME is the
/// component's name: <c>instances: { adhoc: { trino: { workers: 2, ... } } }</c> sizes the Trino added as
/// <c>new Trino("adhoc")</c>. A component without an instance section reads its kind's top-level section
/// (<c>trino:</c>). Each section has the schema of the top-level one, so the compiler and the loader check it alike.
/// </summary>
public sealed record InstanceConfig
{
    /// <summary>Sizes of a Trino instance (as the top-level <c>trino:</c> section).</summary>
    public TrinoConfig? Trino { get; init; }
}
