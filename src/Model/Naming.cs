using Lakehouse.Model.Checks;

namespace Lakehouse.Model;

/// <summary>
/// The one naming rule. Every name in the tree (namespaces, Applications, projects, buckets, Secrets)
/// comes from here, fed by the platform name and the environment, so nothing is spelled twice.
/// </summary>
public sealed record Naming(string Platform, string Environment)
{
    /// <summary>Namespace of a component: the same in every environment, since each environment is its own cluster.</summary>
    public string Namespace(string component) => Label($"{Platform}-{component}");

    /// <summary>A regular expression (PromQL, RE2) matching the namespace of every component of the platform.</summary>
    public string NamespacePattern => $"{Platform}-.*";

    /// <summary>The platform's name for people (dashboards, UIs): "lakehouse" -> "Lakehouse", "my-co" -> "My Co".</summary>
    public string DisplayName => string.Join(' ', Platform.Split('-').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>The platform's name as an identifier part (alert names): "my-co" -> "MyCo".</summary>
    public string PascalName => DisplayName.Replace(" ", "", StringComparison.Ordinal);

    /// <summary>Argo CD Application of a component in this environment.</summary>
    public string Application(string component) => Label($"{Platform}-{Environment}-{component}");

    /// <summary>The app-of-apps Application of this environment.</summary>
    public string RootApplication => Label($"{Platform}-{Environment}-root");

    /// <summary>The AppProject of this environment's root Application: it may sync Applications and AppProjects only.</summary>
    public string Project => Label($"{Platform}-{Environment}");

    /// <summary>The AppProject of one component's Application: its namespaces, repositories and cluster-scoped kinds only.</summary>
    public string ComponentProject(string component) => Label($"{Platform}-{Environment}-{component}");

    /// <summary>A bucket: globally unique names matter for external stores, so the environment is part of it.</summary>
    public string Bucket(string purpose) => Label($"{Platform}-{Environment}-{purpose}");

    /// <summary>
    /// The identity-provider group of one role in one workspace: "lakehouse-analytics-analyst". Groups do not
    /// carry the environment: one person holds the same role in every environment's copy of the workspace.
    /// </summary>
    public string WorkspaceGroup(string workspace, Workspaces.WorkspaceRole role) =>
        Label($"{Platform}-{workspace}-{role.ToString().ToLowerInvariant()}");

    /// <summary>The identity-provider group of the platform's own administrators (every workspace, every component).</summary>
    public string PlatformAdminGroup => Label($"{Platform}-platform-admin");

    /// <summary>A cluster-scoped ClusterSecretStore of the External Secrets Operator ("lakehouse-external").</summary>
    public string SecretStore(string purpose) => Label($"{Platform}-{purpose}");

    /// <summary>The prefix of this environment's entries in a shared external store (Vault, AWS Secrets Manager): "lakehouse/dev".</summary>
    public string SecretStorePrefix => $"{Platform}/{Environment}";

    /// <summary>
    /// The AppProject a workspace's own Applications use: its namespaces only, no cluster-scoped kind. The workspace's
    /// platform objects (Namespace, quota, RBAC) sync through <see cref="ComponentProject"/> of the workspace's name.
    /// </summary>
    public string WorkspaceProject(string workspace) => Label($"{Platform}-{Environment}-{workspace}-workspace");

    /// <summary>
    /// A workspace's Iceberg namespace, which is also its Trino schema and Polaris namespace: the workspace name with
    /// '_' for '-', so SQL needs no quoting ("data-science" -> data_science).
    /// </summary>
    public static string WorkspaceSchema(string workspace) => Label(workspace).Replace('-', '_');

    /// <summary>A workspace's OpenLineage namespace in this environment ("lakehouse-dev-analytics"), beside the platform's own.</summary>
    public string WorkspaceLineageNamespace(string workspace) => Label($"{Platform}-{Environment}-{workspace}");

    /// <summary>
    /// The OIDC client id of one component in this environment ("lakehouse-dev-grafana"): each environment's copy
    /// of a UI is its own client at the identity provider, with its own redirect URL and secret.
    /// </summary>
    public string IdentityClient(string component) => Label($"{Platform}-{Environment}-{component}");

    /// <summary>The public host name of a component's UI under the environment's domain: "grafana.dev.lakehouse.example.com".</summary>
    public static string PublicHost(string component, string domain) => $"{Label(component)}.{domain}";

    /// <summary>
    /// The cloud IAM role (and its policy) of a component's workload identity: "lakehouse-aws-trino". Carries the
    /// environment, like buckets, since environments may share an account.
    /// </summary>
    public string CloudRole(string component) => Label($"{Platform}-{Environment}-{component}");

    /// <summary>A Secret a component reads, in its own namespace.</summary>
    public string Secret(string component, string purpose) => Object(component, purpose);

    /// <summary>Any other object a component owns in its namespace (a ConfigMap of generated code, say).</summary>
    public string Object(string component, string purpose) => Label($"{component}-{purpose}");

    /// <summary>Helm release name of a component: the component's name.</summary>
    public string Release(string component) => Label(component);

    /// <summary>
    /// The name Helm's conventional fullname template gives a chart's objects: the release name, followed by
    /// "-CHART" unless the release name already contains the chart's name.
    /// </summary>
    public string ChartFullName(string component, string chart)
    {
        var release = Release(component);
        return release.Contains(chart, StringComparison.Ordinal) ? release : Label($"{release}-{chart}");
    }

    private static string Label(string value)
    {
        if (!DnsName.IsLabel(value))
        {
            throw new ArgumentException($"derived name '{value}' is not a DNS-1123 label (lower case, digits, '-', at most 63 characters)");
        }
        return value;
    }
}
