using k8s.Models;
using Lakehouse.Model.Contracts;
using Lakehouse.Model.Data;
using Lakehouse.Model.Kubernetes;
using YamlDotNet.Serialization;

namespace Lakehouse.Model.Jobs;

/// <summary>
/// dbt tasks as pods: the locked dbt-trino image runs the generated project, mounted read-only from the
/// orchestrator's ConfigMap with the profile generated for this environment (Trino's in-cluster endpoint and
/// catalog, password authentication with the orchestrator's Trino Secret, Trino's CA). dbt writes its target
/// and logs under /tmp. With a lineage backend, dbt-ol (openlineage-dbt) wraps dbt and sends the run's lineage.
/// </summary>
public static class DbtRuns
{
    /// <summary>dbt-core with the dbt-trino adapter and openlineage-dbt, at the versions the lock names.</summary>
    public static ContainerImage Image => Locked.Image("dbt-trino");

    /// <summary>Where the project and its profile are mounted.</summary>
    public const string ProjectPath = "/opt/lakehouse/dbt";

    /// <summary>The profile's target: the platform's Trino.</summary>
    public const string Target = "platform";

    public static string ConfigMapName(ComponentContext context, string consumer) => context.Naming.Object(consumer, "dbt-project");

    public static PodRun Resolve(ComponentContext context, string consumer, DbtTask task)
    {
        var secret = TaskRuns.TrinoSecret(context, consumer);
        var lineage = context.Connections.TryGetValue((consumer, typeof(ILineageBackend)), out var provider) ? (ILineageBackend)provider : null;
        var environment = new List<(string, string)> { ("DBT_SEND_ANONYMOUS_USAGE_STATS", "false") };
        if (lineage is not null)
        {
            environment.Add(("OPENLINEAGE_URL", lineage.LineageEndpoint(context).ToString()));
            environment.Add(("OPENLINEAGE_NAMESPACE", lineage.Namespace(context)));
        }
        return new PodRun(task.Name, task.After, Image,
            [
                lineage is null ? "dbt" : "dbt-ol",
                .. task.Arguments,
                "--project-dir", ProjectPath,
                "--profiles-dir", ProjectPath,
                "--target", Target,
                "--target-path", "/tmp/dbt/target",
                "--log-path", "/tmp/dbt/logs",
            ],
            [("DBT_TRINO_USER", new SecretRef(secret, "username")), ("DBT_TRINO_PASSWORD", new SecretRef(secret, "password"))],
            [(secret, TaskRuns.TrinoCaPath)])
        {
            Environment = environment,
            Files = new ConfigFiles(ConfigMapName(context, consumer), ProjectPath, [.. Files(context, consumer, task.Project).Select(f => (Key(f.Path), f.Path))]),
        };
    }

    /// <summary>
    /// The ConfigMap carrying the project and profile of the jobs' dbt tasks (one project per platform), or
    /// none when no job runs dbt; throws when two different projects are used.
    /// </summary>
    public static ManifestObject? ConfigMap(ComponentContext context, string consumer, string @namespace, IReadOnlyList<JobSpec> jobs)
    {
        var projects = jobs.SelectMany(j => j.Tasks).OfType<DbtTask>().Select(t => t.Project).Distinct().ToList();
        if (projects.Count == 0)
        {
            return null;
        }
        if (projects.Count > 1)
        {
            throw new InvalidOperationException($"the jobs of '{consumer}' use {projects.Count} different dbt projects; declare one DataCatalog for the platform");
        }
        return ManifestObject.From(new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = ConfigMapName(context, consumer), NamespaceProperty = @namespace },
            Data = Files(context, consumer, projects[0]).ToDictionary(f => Key(f.Path), f => f.Content, StringComparer.Ordinal),
        });
    }

    /// <summary>The project's files and its profiles.yml.</summary>
    public static IReadOnlyList<(string Path, string Content)> Files(ComponentContext context, string consumer, DbtProject project) =>
        [.. project.Files(ProjectName(context)).Append(("profiles.yml", Profile(context, consumer))).OrderBy(f => f.Item1, StringComparer.Ordinal)];

    /// <summary>The dbt project's and profile's name: the platform's name as an identifier.</summary>
    public static string ProjectName(ComponentContext context) => Python.Identifier(context.Naming.Platform);

    /// <summary>
    /// profiles.yml for the platform's SQL engine: dbt-trino's ldap method is HTTP basic authentication (Trino's
    /// password authenticator), over HTTPS verified against the CA mounted from the orchestrator's Trino Secret.
    /// </summary>
    public static string Profile(ComponentContext context, string consumer)
    {
        var engine = context.UseFor<ISqlEngine>(consumer);
        var endpoint = engine.SqlEndpoint(context);
        var profile = new Dictionary<string, object>
        {
            [ProjectName(context)] = new Dictionary<string, object>
            {
                ["target"] = Target,
                ["outputs"] = new Dictionary<string, object>
                {
                    [Target] = new Dictionary<string, object>
                    {
                        ["type"] = "trino",
                        ["method"] = "ldap",
                        ["user"] = "{{ env_var('DBT_TRINO_USER') }}",
                        ["password"] = "{{ env_var('DBT_TRINO_PASSWORD') }}",
                        ["host"] = endpoint.Host,
                        ["port"] = endpoint.Port,
                        ["http_scheme"] = endpoint.Scheme,
                        ["cert"] = $"{TaskRuns.TrinoCaPath}/ca.pem",
                        ["database"] = engine.Catalog,
                        ["schema"] = "default",
                        ["threads"] = 4,
                    },
                },
            },
        };
        return new SerializerBuilder().DisableAliases().Build().Serialize(profile).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>A ConfigMap key for a project path ("models/gold/x.sql" -> "models__gold__x.sql").</summary>
    public static string Key(string path) => path.Replace("/", "__", StringComparison.Ordinal);
}
