namespace Lakehouse.Rendering.Renderers;

/// <summary>
/// Where everything goes in the tree, in one place. One base per app, overlays holding only the
/// deltas of each environment, values beside the overlay they configure:
/// <code>
/// gitops/bootstrap/ENV/              the root Application, applied once by hand
/// gitops/clusters/ENV/               AppProject and one Application per component (what the root syncs)
/// gitops/apps/APP/values.yaml        Helm values shared by every environment
/// gitops/apps/APP/base/              raw objects shared by every environment
/// gitops/apps/APP/overlays/ENV/      patches, environment-only objects and values.yaml of one environment
/// </code>
/// </summary>
public sealed record GitOpsLayout(string Root = "gitops")
{
    public string AppDirectory(string component) => $"{Root}/apps/{component}";

    public string CommonValues(string component) => $"{AppDirectory(component)}/values.yaml";

    /// <summary>Values common to the environments that install another chart under the same component (a swapped backend).</summary>
    public string CommonValues(string component, string chart) => $"{AppDirectory(component)}/values-{chart}.yaml";

    public string Base(string component) => $"{AppDirectory(component)}/base";

    public string Overlay(string component, string environment) => $"{AppDirectory(component)}/overlays/{environment}";

    public string EnvironmentValues(string component, string environment) => $"{Overlay(component, environment)}/values.yaml";

    public string Cluster(string environment) => $"{Root}/clusters/{environment}";

    public string Bootstrap(string environment) => $"{Root}/bootstrap/{environment}";

    /// <summary>The list of files the renderer owns (and may delete when they are no longer rendered), with a SHA-256 of each.</summary>
    public string OwnedList => $"{Root}/.generated";

    /// <summary>The lock a render or check holds on the tree (not committed: .gitignore).</summary>
    public string LockFile => $"{Root}/.lock";

    /// <summary>
    /// The one file outside the tree that a render writes: the env files' JSON Schema. It is owned by
    /// this rule, never through the owned list, so a tampered list cannot extend it.
    /// </summary>
    public static string EnvironmentSchemaFile => $"env/{Lakehouse.Rendering.Environments.EnvironmentSchema.FileName}";

    /// <summary>One object per file, named by kind and name: deployment-trino.yaml.</summary>
    public static string FileName(string kind, string name) => $"{kind.ToLowerInvariant()}-{name}.yaml";

    public static string PatchFileName(string kind, string name) => $"patch-{FileName(kind, name)}";
}
