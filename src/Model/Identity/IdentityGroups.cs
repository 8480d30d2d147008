using Lakehouse.Model.Workspaces;

namespace Lakehouse.Model.Identity;

/// <summary>One provider group: a workspace's role, named by <see cref="Naming.WorkspaceGroup"/>.</summary>
public sealed record WorkspaceGroup(string Workspace, WorkspaceRole Role, string Group);

/// <summary>
/// The groups every component maps to its own roles, derived from the workspaces' names by the one naming rule
/// (<see cref="Naming.WorkspaceGroup"/>, <see cref="Naming.PlatformAdminGroup"/>). The one seam between
/// workspaces and single sign-on: built from a list of workspace names, whichever code owns the workspaces.
/// </summary>
public sealed record IdentityGroups
{
    private IdentityGroups(string platformAdmin, IReadOnlyList<string> workspaces, IReadOnlyList<WorkspaceGroup> members)
    {
        PlatformAdmin = platformAdmin;
        Workspaces = workspaces;
        Members = members;
    }

    /// <summary>The platform's own administrators: every component's highest role.</summary>
    public string PlatformAdmin { get; }

    /// <summary>The workspaces, in name order.</summary>
    public IReadOnlyList<string> Workspaces { get; }

    /// <summary>Every workspace's five groups, by workspace name, then role in declaration order.</summary>
    public IReadOnlyList<WorkspaceGroup> Members { get; }

    /// <summary>The groups of <paramref name="workspaces"/> (each a DNS label; duplicates are one workspace).</summary>
    public static IdentityGroups For(Naming naming, IEnumerable<string> workspaces)
    {
        var names = workspaces.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var members = names
            .SelectMany(w => Enum.GetValues<WorkspaceRole>().Select(r => new WorkspaceGroup(w, r, naming.WorkspaceGroup(w, r))))
            .ToList();
        return new IdentityGroups(naming.PlatformAdminGroup, names, members);
    }

    /// <summary>
    /// Group -> a component's role: the platform's administrators get <paramref name="platformAdmin"/>, each workspace
    /// group what <paramref name="roleOf"/> gives its role; a role mapped to null gets no entry (no access).
    /// </summary>
    public IReadOnlyList<(string Group, T Role)> Map<T>(T platformAdmin, Func<WorkspaceRole, T?> roleOf) where T : class =>
        [(PlatformAdmin, platformAdmin), .. Members.Select(m => (m.Group, Role: roleOf(m.Role))).Where(m => m.Role is not null).Select(m => (m.Group, m.Role!))];
}
