namespace Lakehouse.Rendering.Renderers;

/// <summary>
/// Where everything goes in the tree, in one place. Each environment's tree is written on its own, under a
/// folder of its name, and holds everything Argo CD reads for that environment (nothing is factored into a
/// file shared with other environments), so a change to one environment's configuration changes only that
/// environment's files, and adding or removing an environment changes no other environment's files:
/// <code>
/// gitops/ENV/bootstrap/              the root Application and its AppProject, applied once by hand
/// gitops/ENV/cluster/                one AppProject and one Application per component (what the root syncs)
/// gitops/ENV/apps/APP/values.yaml    the component's complete Helm values in this environment
/// gitops/ENV/apps/APP/               kustomization.yaml and the component's raw objects, one per file
/// </code>
/// The only files outside an environment's folder are the render's own bookkeeping: the owned list
/// (one line per file, so it changes exactly in the lines of the files that changed) and the lock.
/// </summary>
public sealed record GitOpsLayout(string Root = "gitops")
{
    /// <summary>Everything one environment's Argo CD reads, and nothing any other environment reads.</summary>
    public string Environment(string environment) => $"{Root}/{environment}";

    /// <summary>A component's folder in one environment: the Kustomize source of its Application, and its Helm values.</summary>
    public string App(string component, string environment) => $"{Environment(environment)}/apps/{component}";

    /// <summary>The complete Helm values of a component in one environment (the only value file its Application lists).</summary>
    public string Values(string component, string environment) => $"{App(component, environment)}/values.yaml";

    public string Cluster(string environment) => $"{Environment(environment)}/cluster";

    public string Bootstrap(string environment) => $"{Environment(environment)}/bootstrap";

    /// <summary>The list of files the renderer owns (and may delete when they are no longer rendered), with a SHA-256 of each.</summary>
    public string OwnedList => $"{Root}/.generated";

    /// <summary>The lock a render or check holds on the tree (not committed: .gitignore).</summary>
    public string LockFile => $"{Root}/.lock";

    /// <summary>
    /// The environment a path of the tree belongs to (gitops/prod/... -> prod), or null for the render's own
    /// files (the owned list, the lock) and anything outside the tree.
    /// </summary>
    public string? EnvironmentOf(string path)
    {
        var prefix = Root + "/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var slash = path.IndexOf('/', prefix.Length);
        return slash < 0 ? null : path[prefix.Length..slash];
    }

    /// <summary>
    /// The one file outside the tree that a render writes: the env files' JSON Schema. It is owned by
    /// this rule, never through the owned list, so a tampered list cannot extend it.
    /// </summary>
    public static string EnvironmentSchemaFile => $"env/{Lakehouse.Rendering.Environments.EnvironmentSchema.FileName}";

    /// <summary>One object per file, named by kind and name: deployment-trino.yaml.</summary>
    public static string FileName(string kind, string name) => $"{kind.ToLowerInvariant()}-{name}.yaml";
}
