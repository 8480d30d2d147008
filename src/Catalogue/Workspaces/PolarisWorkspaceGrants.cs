using Lakehouse.Model.Secrets;
using System.Text.Json.Nodes;
using Lakehouse.Model.Workspaces;

namespace Lakehouse.Model.Components;

/// <summary>
/// A workspace in Apache Polaris, through its management API (https://polaris.apache.org, "Access control"): the
/// workspace's Iceberg namespace in the platform's catalog; two catalog roles, NS_writer and NS_reader, granted on
/// that namespace only; a principal role per workspace role that touches tables, named as the identity-provider group
/// (<see cref="Naming.WorkspaceGroup"/>), assigned the writer (admin, engineer, service) or reader (analyst) role;
/// and the workspace's service principal (named as its Service group, like its MinIO user), assigned the Service
/// principal role only. Viewers get no principal role: they read no tables. Applied by a Sync hook Job in the catalog's
/// namespace with the root principal's credential (a Secret outside Git). The service principal's client secret is
/// generated once (<see cref="SecretSource.Generate"/>) and set by the Job through Polaris' reset-credentials call
/// (POST /principals/NAME/reset with clientId and clientSecret, root only, management API of Polaris 1.7.0), whose
/// body the Job reads from a Secret; the same value reaches the workspace's namespace as its
/// <see cref="Contracts.Credentials.CatalogCredential"/> (CLIENT_ID:CLIENT_SECRET). People are not principals here:
/// Polaris 1.7 authenticates an OIDC token only for a principal that exists in Polaris and activates only principal
/// roles granted to it (docs/workspaces.md).
/// </summary>
public static class PolarisWorkspaceGrants
{
    /// <summary>Privileges of the writer catalog role on the workspace's namespace.</summary>
    public static IReadOnlyList<string> WriterPrivileges { get; } = ["NAMESPACE_FULL_METADATA", "TABLE_FULL_METADATA", "TABLE_READ_DATA", "TABLE_WRITE_DATA"];

    /// <summary>Privileges of the reader catalog role on the workspace's namespace.</summary>
    public static IReadOnlyList<string> ReaderPrivileges { get; } = ["NAMESPACE_LIST", "NAMESPACE_READ_PROPERTIES", "TABLE_LIST", "TABLE_READ_PROPERTIES", "TABLE_READ_DATA"];

    public static string Writer(Workspace workspace) => $"{Naming.WorkspaceSchema(workspace.Name)}_writer";

    public static string Reader(Workspace workspace) => $"{Naming.WorkspaceSchema(workspace.Name)}_reader";

    /// <summary>The calls, in order, that create the workspace's namespace, roles and grants in catalog <paramref name="catalog"/>.</summary>
    public static IReadOnlyList<HttpCall> Calls(Naming naming, string catalog, Workspace workspace)
    {
        var schema = Naming.WorkspaceSchema(workspace.Name);
        var calls = new List<HttpCall>
        {
            new("POST", $"/api/catalog/v1/{catalog}/namespaces", new JsonObject { ["namespace"] = new JsonArray(schema), ["properties"] = new JsonObject { ["lakehouse.io/workspace"] = workspace.Name } }),
        };
        foreach (var (role, privileges) in new[] { (Writer(workspace), WriterPrivileges), (Reader(workspace), ReaderPrivileges) })
        {
            calls.Add(new("POST", $"/api/management/v1/catalogs/{catalog}/catalog-roles", new JsonObject { ["catalogRole"] = new JsonObject { ["name"] = role } }));
            calls.AddRange(privileges.Select(p => new HttpCall("PUT", $"/api/management/v1/catalogs/{catalog}/catalog-roles/{role}/grants",
                new JsonObject { ["grant"] = new JsonObject { ["type"] = "namespace", ["namespace"] = new JsonArray(schema), ["privilege"] = p } })));
        }
        foreach (var role in new[] { WorkspaceRole.Admin, WorkspaceRole.Engineer, WorkspaceRole.Service, WorkspaceRole.Analyst })
        {
            var principalRole = naming.WorkspaceGroup(workspace.Name, role);
            calls.Add(new("POST", "/api/management/v1/principal-roles", new JsonObject { ["principalRole"] = new JsonObject { ["name"] = principalRole } }));
            calls.Add(new("PUT", $"/api/management/v1/principal-roles/{principalRole}/catalog-roles/{catalog}",
                new JsonObject { ["catalogRole"] = new JsonObject { ["name"] = role == WorkspaceRole.Analyst ? Reader(workspace) : Writer(workspace) } }));
        }
        // The service principal: created (409 when it exists), its credential set to the generated one (the same
        // values on every sync, so the reset is harmless), and assigned the Service principal role only.
        var principal = ServicePrincipal(naming, workspace);
        calls.Add(new("POST", "/api/management/v1/principals", new JsonObject
        {
            ["principal"] = new JsonObject { ["name"] = principal, ["properties"] = new JsonObject { ["lakehouse.io/workspace"] = workspace.Name } },
            ["credentialRotationRequired"] = false,
        }));
        calls.Add(new("POST", $"/api/management/v1/principals/{principal}/reset", new JsonObject
        {
            ["clientId"] = principal,
            ["clientSecret"] = "(the generated value, from the Secret mounted at the body's path)",
        }) { BodyFile = ResetBodyFile });
        calls.Add(new("PUT", $"/api/management/v1/principals/{principal}/principal-roles",
            new JsonObject { ["principalRole"] = new JsonObject { ["name"] = naming.WorkspaceGroup(workspace.Name, WorkspaceRole.Service) } }));
        return calls;
    }

    /// <summary>The workspace's service principal in Polaris, also its OAuth2 client id: its Service group's name (lakehouse-analytics-service).</summary>
    public static string ServicePrincipal(Naming naming, Workspace workspace) => WorkspaceStorage.Principal(naming, workspace);

    /// <summary>Where the hook Job reads the reset-credentials body from: the Secret <see cref="ResetSecret"/> mounted as volume "principal".</summary>
    public const string ResetBodyFile = "/secret/principal/reset.json";

    /// <summary>The Secret, in the catalog's namespace, holding the reset-credentials body with the generated client secret.</summary>
    public static string ResetSecret(Naming naming, string catalogComponent, Workspace workspace) => naming.Secret(catalogComponent, $"workspace-{workspace.Name}-principal");

    /// <summary>The generated client secret of the workspace's service principal: one value, read by the reset body and the workspace's credential.</summary>
    public static Secrets.GeneratedValue ClientSecret(Naming naming, string catalogComponent, Workspace workspace) =>
        SecretSource.Generate(naming.Object(catalogComponent, $"workspace-{workspace.Name}-principal"));

    /// <summary>The root principal's credential (client-id, client-secret), in the catalog's namespace.</summary>
    public static SecretRef RootClientId(Naming naming, string catalog) => new(naming.Secret(catalog, "root-credentials"), "client-id");

    public static SecretRef RootClientSecret(Naming naming, string catalog) => new(naming.Secret(catalog, "root-credentials"), "client-secret");

    public static IEnumerable<Kubernetes.ManifestObject> For(ComponentContext context, string component, string ns, Endpoint api, string catalog, string realm)
    {
        var naming = context.Naming;
        if (context.Workspaces.Count > 0)
        {
            // Polaris' root principal, which alone may create catalog roles and grants: Polaris prints it at its
            // bootstrap, so an operator stores it (docs/secrets.md).
            foreach (var key in new[] { "client-id", "client-secret" })
            {
                context.Secrets.DeclareIn(ns, naming.Secret(component, "root-credentials"), key,
                    SecretSource.Store(naming.Object(component, "root-credentials"), key, $"the {key} of Polaris' root principal (realm {realm}), which the workspaces' grant Jobs use"));
            }
        }
        foreach (var workspace in context.Workspaces)
        {
            var name = naming.Object(component, $"workspace-{workspace.Name}");
            var principal = ServicePrincipal(naming, workspace);
            var secret = ClientSecret(naming, component, workspace);
            var resetBody = context.Secrets.DeclareIn(ns, ResetSecret(naming, component, workspace), "reset.json",
                SecretSource.Template($"{{\"clientId\": \"{principal}\", \"clientSecret\": {{{{ .secret | toJson }}}}}}\n", ("secret", secret)));
            // The workspace's own copy, for its jobs (Iceberg's REST credential format): the same generated value.
            // (Named as Credentials.CatalogCredential names a consumer's; building that SecretRef here would count as a read.)
            context.Secrets.DeclareIn(WorkspaceObjects.Namespace(naming, workspace), naming.Secret(workspace.Name, "catalog-credentials"), "credential",
                SecretSource.Template($"{principal}:{{{{ .secret }}}}", ("secret", secret)));
            yield return HookJob.ConfigMap(name, ns, workspace.Name,
                HttpCalls.Files(api, Calls(naming, catalog, workspace), [$"Polaris-Realm: {realm}"], "/api/catalog/v1/oauth/tokens", "PRINCIPAL_ROLE:ALL"));
            yield return HookJob.Job(name, ns, workspace.Name,
                [("CLIENT_ID", null, RootClientId(naming, component)), ("CLIENT_SECRET", null, RootClientSecret(naming, component))],
                [("principal", resetBody, "reset.json")]);
        }
    }
}
