using Lakehouse.Model.Contracts;

namespace Lakehouse.Model.Components;

/// <summary>
/// The services a workspace's pods use directly, and so the only ones its namespace's egress reaches (besides DNS)
/// and whose ingress admits it: each separates the workspaces itself. The SQL engine (Trino's rules.json), the object
/// store (each workspace's own bucket and principal) and the Iceberg catalog where it grants per workspace (Polaris'
/// catalog roles, Glue through the workspace's IAM role). And the lineage backend, which does not separate them
/// (Marquez has no authorization): a workspace's jobs send it their lineage, under the workspace's lineage namespace
/// (docs/workspaces.md, "Lineage"). Not the JDBC or Hive catalogs (no access control: their credential would open every
/// workspace's tables, and the JDBC catalog is PostgreSQL), nor PostgreSQL, Valkey or any other component.
/// </summary>
public static class WorkspaceServices
{
    public static bool Serves(Component component) => component switch
    {
        ISqlEngine or IObjectStorage => true,
        PolarisCatalog or GlueCatalog => true,
        ILineageBackend => true,
        _ => false,
    };
}
