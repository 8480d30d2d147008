using System.Text.Json.Nodes;
using Lakehouse.Model.Workspaces;

namespace Lakehouse.Model.Components;

/// <summary>
/// Trino's file-based access control (rules.json, https://trino.io/docs/current/security/file-system-access-control.html)
/// and resource groups (resource-groups.json) for the platform's workspaces. Rules are matched in order and the
/// first match wins, users' groups (the identity provider's, <see cref="Naming.WorkspaceGroup"/>) by full regex:
/// a workspace's schema (its Iceberg namespace) is written by its admins, engineers and service identity, read by its
/// analysts, and by nobody else but the platform's administrators; schemas of no workspace stay open to every
/// authenticated user, as before workspaces, so the platform's own jobs keep working.
/// </summary>
public static class TrinoAccessControl
{
    /// <summary>Every table privilege: a writer's and an owner's.</summary>
    public static IReadOnlyList<string> AllPrivileges { get; } = ["SELECT", "INSERT", "DELETE", "UPDATE", "OWNERSHIP", "GRANT_SELECT"];

    /// <summary>The roles that write a workspace's tables: <see cref="WorkspaceRole.Admin"/>, Engineer, Service.</summary>
    public static IReadOnlyList<WorkspaceRole> Writers { get; } = [WorkspaceRole.Admin, WorkspaceRole.Engineer, WorkspaceRole.Service];

    /// <summary>The group regex of some roles of a workspace ("lakehouse-analytics-(admin|engineer)").</summary>
    public static string Groups(Naming naming, Workspace workspace, IEnumerable<WorkspaceRole> roles) =>
        "(" + string.Join("|", roles.Select(r => naming.WorkspaceGroup(workspace.Name, r))) + ")";

    public static JsonObject Rules(Naming naming, string catalog, IReadOnlyList<Workspace> workspaces)
    {
        var admin = naming.PlatformAdminGroup;
        var workspaceSchemas = "(" + string.Join("|", workspaces.Select(w => Naming.WorkspaceSchema(w.Name))) + ")";
        var schemas = new JsonArray { new JsonObject { ["group"] = admin, ["owner"] = true } };
        var tables = new JsonArray { new JsonObject { ["group"] = admin, ["privileges"] = Privileges(AllPrivileges) } };
        foreach (var workspace in workspaces)
        {
            var schema = Naming.WorkspaceSchema(workspace.Name);
            schemas.Add(new JsonObject { ["group"] = Groups(naming, workspace, Writers), ["catalog"] = catalog, ["schema"] = schema, ["owner"] = true });
            tables.Add(new JsonObject { ["group"] = Groups(naming, workspace, Writers), ["catalog"] = catalog, ["schema"] = schema, ["privileges"] = Privileges(AllPrivileges) });
            tables.Add(new JsonObject { ["group"] = Groups(naming, workspace, [WorkspaceRole.Analyst]), ["catalog"] = catalog, ["schema"] = schema, ["privileges"] = Privileges(["SELECT"]) });
        }
        // Anybody else in a workspace's schema: nothing (viewers read dashboards, not tables).
        schemas.Add(new JsonObject { ["catalog"] = catalog, ["schema"] = workspaceSchemas, ["owner"] = false });
        tables.Add(new JsonObject { ["catalog"] = catalog, ["schema"] = workspaceSchemas, ["privileges"] = Privileges([]) });
        // Schemas of no workspace: open to every authenticated user, as without access control.
        schemas.Add(new JsonObject { ["owner"] = true });
        tables.Add(new JsonObject { ["privileges"] = Privileges(AllPrivileges) });
        return new JsonObject
        {
            ["catalogs"] = new JsonArray
            {
                new JsonObject { ["group"] = admin, ["catalog"] = ".*", ["allow"] = "all" },
                new JsonObject { ["catalog"] = $"({catalog}|system)", ["allow"] = "all" },
            },
            ["schemas"] = schemas,
            ["tables"] = tables,
        };
    }

    /// <summary>One resource group per workspace under "workspaces", selected by the workspace's groups; everyone else in "platform".</summary>
    public static JsonObject ResourceGroups(Naming naming, Model.Configuration.EnvironmentConfig environment, IReadOnlyList<Workspace> workspaces) => new()
    {
        ["rootGroups"] = new JsonArray
        {
            new JsonObject
            {
                ["name"] = "workspaces",
                ["softMemoryLimit"] = "100%",
                ["hardConcurrencyLimit"] = workspaces.Sum(w => environment.WorkspaceOf(w.Name).QueryConcurrency),
                ["maxQueued"] = 100 * workspaces.Count,
                ["subGroups"] = new JsonArray([.. workspaces.Select(w => (JsonNode)new JsonObject
                {
                    ["name"] = Naming.WorkspaceSchema(w.Name),
                    ["softMemoryLimit"] = environment.WorkspaceOf(w.Name).QueryMemory,
                    ["hardConcurrencyLimit"] = environment.WorkspaceOf(w.Name).QueryConcurrency,
                    ["maxQueued"] = 100,
                })]),
            },
            new JsonObject { ["name"] = "platform", ["softMemoryLimit"] = "100%", ["hardConcurrencyLimit"] = 20, ["maxQueued"] = 200 },
        },
        ["selectors"] = new JsonArray([
            .. workspaces.Select(w => (JsonNode)new JsonObject
            {
                ["userGroup"] = Groups(naming, w, Enum.GetValues<WorkspaceRole>()),
                ["group"] = $"workspaces.{Naming.WorkspaceSchema(w.Name)}",
            }),
            new JsonObject { ["group"] = "platform" },
        ]),
    };

    private static JsonArray Privileges(IEnumerable<string> privileges) => new([.. privileges.Select(p => (JsonNode)p)]);
}
