using Lakehouse.Model;
using Lakehouse.Model.Checks;
using Lakehouse.Model.Components;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Model.Workspaces;

namespace Lakehouse.Rendering.Pipeline;

/// <summary>
/// The platform's workspaces against each other, the components and env/ (docs/workspaces.md): unique labels
/// (LH0140); no name shared with a component (a workspace's namespace, Application and folder come from the same
/// rule as a component's), a declared bucket or, with Glue, one of the platform's Glue databases (LH0141); every env/ <c>workspaces.NAME</c> section for a workspace
/// (LH0142, else a typo would silently leave the defaults); a default container that fits the quota (LH0143).
/// </summary>
internal static class WorkspaceChecks
{
    public static void Check(EnvironmentConfig config, Naming naming, IReadOnlyList<PlacedWorkspace> workspaces, IReadOnlyList<PlacedComponent> components, List<Diagnostic> diagnostics)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var componentNames = components.Select(p => p.Component.Name).ToHashSet(StringComparer.Ordinal);
        var buckets = components.Select(p => p.Component).SelectMany(c => c switch
        {
            InClusterObjectStore store => store.Buckets.Select(b => (Store: store.Name, Purpose: b)),
            ExternalObjectStorage store => store.Buckets.Select(b => (Store: store.Name, Purpose: b)),
            _ => [],
        }).ToList();
        // With Glue, each workspace's schema is a Glue database beside the platform's (WorkspaceCloudResources).
        var glueDatabases = components.Any(p => p.Component is GlueCatalog)
            ? components.Select(p => p.Component).OfType<CloudResources>().SelectMany(c => c.PlatformDatabases(naming)).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var placed in workspaces)
        {
            var name = placed.Name;
            if (!DnsName.IsLabel(name))
            {
                diagnostics.Add(new Diagnostic(Rules.DuplicateWorkspace, placed.Location, $"workspace '{name}' is not a DNS-1123 label (lower case, digits, '-', at most 63 characters)"));
                continue;
            }
            if (TooLong(naming, name) is { } derived)
            {
                diagnostics.Add(new Diagnostic(Rules.DuplicateWorkspace, placed.Location, $"workspace '{name}' is too long: {derived}"));
                continue;
            }
            if (!seen.Add(name))
            {
                diagnostics.Add(new Diagnostic(Rules.DuplicateWorkspace, placed.Location, $"workspace '{name}' is added twice; each workspace is added once"));
                continue;
            }
            if (componentNames.Contains(name))
            {
                diagnostics.Add(new Diagnostic(Rules.WorkspaceNameClash, placed.Location,
                    $"workspace '{name}' has the name of a component: both would own namespace '{naming.Namespace(name)}', Application '{naming.Application(name)}' and folder apps/{name}; rename the workspace"));
            }
            foreach (var (store, purpose) in buckets.Where(b => b.Purpose == name))
            {
                diagnostics.Add(new Diagnostic(Rules.WorkspaceNameClash, placed.Location,
                    $"workspace '{name}' has the name of bucket '{purpose}' declared on object store '{store}': both would be bucket '{naming.Bucket(name)}'; rename the workspace"));
            }
            if (glueDatabases.Contains(Naming.WorkspaceSchema(name)))
            {
                diagnostics.Add(new Diagnostic(Rules.WorkspaceNameClash, placed.Location,
                    $"workspace '{name}' has the name of the platform's Glue database '{Naming.WorkspaceSchema(name)}': both would be that database in the account's catalog; rename the workspace"));
            }
        }
        // A platform that adds no workspace at all does not read the section (fixture platforms sharing the env files);
        // once it adds one, every section must name one of them.
        foreach (var (name, section) in config.Workspaces.Where(_ => workspaces.Count > 0).OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            var at = config.WorkspaceLocations.TryGetValue(name, out var location) ? location : new SourceLocation($"env/{config.Name}.yaml", 0, 0);
            if (!seen.Contains(name))
            {
                var hint = Suggestions.Closest(name, seen.ToList());
                diagnostics.Add(new Diagnostic(Rules.WorkspaceSectionUnused, at,
                    $"workspaces.{name}: the platform has no workspace '{name}'" + (hint is null ? "" : $"; did you mean '{hint}'?")));
                continue;
            }
            if (Values.Millicores(section.Container.Cpu) > Values.Millicores(section.Cpu))
            {
                diagnostics.Add(new Diagnostic(Rules.WorkspaceQuotaInconsistent, at,
                    $"workspaces.{name}.container.cpu: {section.Container.Cpu} is more than the workspace's whole quota cpu {section.Cpu}; no container could start"));
            }
            if (Values.Mebibytes(section.Container.Memory) > Values.Mebibytes(section.Memory))
            {
                diagnostics.Add(new Diagnostic(Rules.WorkspaceQuotaInconsistent, at,
                    $"workspaces.{name}.container.memory: {section.Container.Memory} is more than the workspace's whole quota memory {section.Memory}; no container could start"));
            }
        }
    }

    /// <summary>Why a name derived from the workspace (its AppProject's is the longest) is no label, or null when all are.</summary>
    private static string? TooLong(Naming naming, string workspace)
    {
        try
        {
            _ = naming.WorkspaceProject(workspace);
            _ = naming.Application(workspace);
            _ = naming.WorkspaceLineageNamespace(workspace);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
