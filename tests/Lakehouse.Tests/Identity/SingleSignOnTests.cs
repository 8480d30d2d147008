using System.Text.Json.Nodes;
using DevLab.JmesPath;
using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Identity;

/// <summary>
/// Each UI's rendered single sign-on, read where the component reads it (the ConfigMaps Helm renders, or the values
/// of a chart that cannot be hydrated here) and evaluated: the issuer, the client id, where the client secret comes
/// from, and which role a member of each of two workspaces' groups gets.
/// </summary>
public class SingleSignOnTests
{
    private const string Issuer = "https://login.example.com/realms/lakehouse";

    /// <summary>prod signs in at the provider (dev has no identity section: its UIs keep local users, IdentityConfigTests).</summary>
    private const string Env = "prod";
    
    [Fact]
    public async Task Argo_cd_signs_in_at_the_issuer_with_its_client_and_secret_reference_and_bundles_no_dex()
    {
        var objects = await HydratedConfig.Objects(Env, "argocd");
        var oidc = YamlFiles.Read(HydratedConfig.File(objects, "argocd-cm", "oidc.config"))!;
        Assert.Equal(Issuer, (string?)oidc["issuer"]);
        Assert.Equal("lakehouse-prod-argocd", (string?)oidc["clientID"]);
        // "$SECRET:KEY": Argo CD reads the key of that Secret in its own namespace (labelled part-of argocd).
        Assert.Equal("$argocd-oidc:client-secret", (string?)oidc["clientSecret"]);
        Assert.Contains("groups", oidc["requestedScopes"]!.AsArray().Select(s => (string?)s));
        Assert.Equal("https://argocd.prod.lakehouse.example.com", (string?)HydratedConfig.Single(objects, "ConfigMap", "argocd-cm").Body["data"]!["url"]);
        Assert.DoesNotContain(objects, o => o.Kind == "Deployment" && o.Name.Contains("dex", StringComparison.Ordinal));
        // The local admin stays for break-glass (docs/identity.md).
        Assert.NotEqual("false", (string?)HydratedConfig.Single(objects, "ConfigMap", "argocd-cm").Body["data"]!["admin.enabled"]);
    }

    [Fact]
    public async Task Argo_cd_rbac_grants_each_workspace_group_its_own_project_only_and_nothing_by_default()
    {
        var objects = await HydratedConfig.Objects(Env, "argocd");
        var rbac = HydratedConfig.Single(objects, "ConfigMap", "argocd-rbac-cm").Body["data"]!;
        Assert.Equal("", (string?)rbac["policy.default"] ?? "");
        Assert.Equal("[groups]", (string?)rbac["scopes"]);
        var policy = new ArgoCdPolicy((string)rbac["policy.csv"]!);
        var naming = new Naming("lakehouse", "prod");
        var analytics = $"{naming.WorkspaceProject("analytics")}/app";
        var science = $"{naming.WorkspaceProject("data-science")}/app";

        Assert.True(policy.Allows(["lakehouse-analytics-engineer"], "applications", "sync", analytics));
        Assert.False(policy.Allows(["lakehouse-analytics-engineer"], "applications", "sync", science));
        Assert.False(policy.Allows(["lakehouse-analytics-engineer"], "applications", "delete", analytics));
        Assert.True(policy.Allows(["lakehouse-data-science-admin"], "applications", "delete", science));
        Assert.False(policy.Allows(["lakehouse-data-science-admin"], "applications", "get", analytics));
        Assert.True(policy.Allows(["lakehouse-analytics-analyst"], "applications", "get", analytics));
        Assert.False(policy.Allows(["lakehouse-analytics-analyst"], "applications", "sync", analytics));
        Assert.True(policy.Allows(["lakehouse-data-science-viewer"], "applications", "get", science));
        Assert.False(policy.Allows(["lakehouse-analytics-service"], "applications", "get", analytics));
        Assert.False(policy.Allows(["someone-else"], "applications", "get", analytics));
        // Platform components belong to no workspace: only the platform's administrators reach them.
        Assert.False(policy.Allows(["lakehouse-analytics-admin"], "applications", "get", "lakehouse-prod-trino/lakehouse-prod-trino"));
        Assert.True(policy.Allows(["lakehouse-platform-admin"], "applications", "sync", "lakehouse-prod-trino/lakehouse-prod-trino"));
    }

    public static TheoryData<string[], string?> GrafanaRoles() => new()
    {
        { ["lakehouse-platform-admin"], "Admin" },
        { ["lakehouse-analytics-admin"], "Editor" },
        { ["lakehouse-data-science-engineer"], "Editor" },
        { ["lakehouse-analytics-analyst"], "Viewer" },
        { ["lakehouse-data-science-viewer"], "Viewer" },
        { ["lakehouse-analytics-viewer", "lakehouse-data-science-engineer"], "Editor" },
        { ["lakehouse-analytics-service"], null },
        { ["another-team"], null },
        { [], null },
    };

    [Theory]
    [MemberData(nameof(GrafanaRoles))]
    public async Task Grafana_gives_the_highest_role_of_the_users_groups_and_refuses_the_rest(string[] groups, string? role)
    {
        var objects = await HydratedConfig.Objects(Env, "monitoring");
        var ini = HydratedConfig.Ini(HydratedConfig.File(objects, "monitoring-grafana", "grafana.ini"));
        var oauth = ini["auth.generic_oauth"];
        Assert.Equal("true", oauth["role_attribute_strict"]);
        // Grafana evaluates the path with JMESPath over the userinfo/ID token claims; a non-string result is no role.
        var claims = new JsonObject { ["preferred_username"] = "someone", ["groups"] = new JsonArray([.. groups.Select(g => (JsonNode)g)]) };
        var result = JsonNode.Parse(new JmesPath().Transform(claims.ToJsonString(), oauth["role_attribute_path"]));
        Assert.Equal(role, result is JsonValue v && v.TryGetValue<string>(out var s) ? s : null);
    }

    [Fact]
    public async Task Grafana_signs_in_at_the_providers_endpoints_with_its_client_and_reads_the_secret_from_its_secret()
    {
        var objects = await HydratedConfig.Objects(Env, "monitoring");
        var ini = HydratedConfig.Ini(HydratedConfig.File(objects, "monitoring-grafana", "grafana.ini"));
        var oauth = ini["auth.generic_oauth"];
        Assert.Equal("true", oauth["enabled"]);
        Assert.Equal("lakehouse-prod-monitoring", oauth["client_id"]);
        Assert.Equal($"{Issuer}/protocol/openid-connect/auth", oauth["auth_url"]);
        Assert.Equal($"{Issuer}/protocol/openid-connect/token", oauth["token_url"]);
        Assert.Equal($"{Issuer}/protocol/openid-connect/userinfo", oauth["api_url"]);
        Assert.False(oauth.ContainsKey("client_secret"));
        Assert.Equal("https://grafana.prod.lakehouse.example.com", ini["server"]["root_url"]);
        var grafana = Assert.Single(HydratedConfig.Containers(HydratedConfig.Single(objects, "Deployment", "monitoring-grafana")), c => (string?)c["name"] == "grafana");
        Assert.Equal(("monitoring-oidc", "client-secret"), HydratedConfig.SecretEnv(grafana, GrafanaSso.ClientSecretVariable));
    }

    [Fact]
    public void Superset_signs_in_at_the_issuers_discovery_and_maps_two_workspaces_groups_to_its_roles()
    {
        // Superset's chart is locked unverified (not obtainable here): its values are what the chart renders into superset_config.py.
        var values = YamlFiles.Read(Render.ReferenceTree.Files[$"gitops/{Env}/apps/superset/values.yaml"])!;
        var config = (string)values["configOverrides"]!["oidc"]!;
        var remote = HydratedConfig.PythonLiteral(config, "OIDC_REMOTE_APP");
        Assert.Equal("lakehouse-prod-superset", (string?)remote["client_id"]);
        Assert.Equal($"{Issuer}/.well-known/openid-configuration", (string?)remote["server_metadata_url"]);
        Assert.Contains($"os.environ[\"{SupersetSso.ClientSecretVariable}\"]", config, StringComparison.Ordinal);
        var env = Assert.Single(values["extraEnvRaw"]!.AsArray(), e => (string?)e!["name"] == SupersetSso.ClientSecretVariable)!;
        Assert.Equal("superset-oidc", (string?)env["valueFrom"]!["secretKeyRef"]!["name"]);
        Assert.Equal("client-secret", (string?)env["valueFrom"]!["secretKeyRef"]!["key"]);
        var mapping = HydratedConfig.PythonLiteral(config, "AUTH_ROLES_MAPPING");
        Assert.Equal(["Admin"], Roles(mapping, "lakehouse-platform-admin"));
        Assert.Equal(["Alpha", "sql_lab"], Roles(mapping, "lakehouse-analytics-engineer"));
        Assert.Equal(["Gamma", "sql_lab"], Roles(mapping, "lakehouse-data-science-analyst"));
        Assert.Equal(["Gamma"], Roles(mapping, "lakehouse-analytics-viewer"));
        Assert.Null(mapping["lakehouse-data-science-service"]);
        Assert.Equal("AUTH_ROLES_SYNC_AT_LOGIN = True", Assert.Single(config.Split('\n'), l => l.StartsWith("AUTH_ROLES_SYNC_AT_LOGIN", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Trino_takes_oauth2_beside_passwords_on_the_coordinator_only_with_groups_from_the_group_file()
    {
        var objects = await HydratedConfig.Objects(Env, "trino");
        var coordinator = HydratedConfig.Properties(HydratedConfig.File(objects, "trino-coordinator", "config.properties"));
        Assert.Equal("OAUTH2,PASSWORD", coordinator["http-server.authentication.type"]);
        Assert.Equal(Issuer, coordinator["http-server.authentication.oauth2.issuer"]);
        Assert.Equal("lakehouse-prod-trino", coordinator["http-server.authentication.oauth2.client-id"]);
        Assert.Equal($"${{ENV:{TrinoSso.ClientSecretVariable}}}", coordinator["http-server.authentication.oauth2.client-secret"]);
        Assert.Equal("preferred_username", coordinator["http-server.authentication.oauth2.principal-field"]);
        Assert.Equal("oauth2", coordinator["web-ui.authentication.type"]);
        // Trino refuses a property it does not use: workers take none of the coordinator's OAuth 2.0 properties.
        var worker = HydratedConfig.File(objects, "trino-worker", "config.properties");
        Assert.DoesNotContain("oauth2", worker, StringComparison.Ordinal);
        var deployment = HydratedConfig.Single(objects, "Deployment", "trino-coordinator");
        var trino = Assert.Single(HydratedConfig.Containers(deployment), c => (string?)c["name"] == "trino-coordinator");
        Assert.Equal(("trino-oidc", "client-secret"), HydratedConfig.SecretEnv(trino, TrinoSso.ClientSecretVariable));
        // Trino 480 reads no groups from tokens: the file group provider, from a Secret, names the provider's groups.
        var groupProvider = HydratedConfig.Properties(HydratedConfig.File(objects, "trino-coordinator", "group-provider.properties"));
        Assert.Equal("file", groupProvider["group-provider.name"]);
        Assert.Equal("1m", groupProvider["file.refresh-period"]);
        var volumes = deployment.Body["spec"]!["template"]!["spec"]!["volumes"]!.AsArray();
        Assert.Contains(volumes, v => (string?)v!["secret"]?["secretName"] == "trino-groups");
        // Service users (Superset, the orchestrator's SQL tasks) keep password authentication.
        var passwords = HydratedConfig.Properties(HydratedConfig.File(objects, "trino-coordinator", "password-authenticator.properties"));
        Assert.Equal("file", passwords["password-authenticator.name"]);
    }

    [Fact]
    public async Task Airflow_uses_the_fab_auth_manager_signing_in_at_the_issuer_and_maps_two_workspaces_groups_to_its_roles()
    {
        var objects = await HydratedConfig.Objects(Env, "orchestrator");
        var cfg = HydratedConfig.Ini(HydratedConfig.File(objects, "orchestrator-config", "airflow.cfg"));
        Assert.Equal(AirflowSso.AuthManager, cfg["core"]["auth_manager"]);
        var config = HydratedConfig.File(objects, "orchestrator-api-server-config", "webserver_config.py");
        var remote = HydratedConfig.PythonLiteral(config, "OIDC_REMOTE_APP");
        Assert.Equal("lakehouse-prod-orchestrator", (string?)remote["client_id"]);
        Assert.Equal($"{Issuer}/.well-known/openid-configuration", (string?)remote["server_metadata_url"]);
        var api = Assert.Single(HydratedConfig.Containers(HydratedConfig.Single(objects, "Deployment", "orchestrator-api-server")), c => (string?)c["name"] == "api-server");
        Assert.Equal(("orchestrator-oidc", "client-secret"), HydratedConfig.SecretEnv(api, AirflowSso.ClientSecretVariable));
        var mapping = HydratedConfig.PythonLiteral(config, "AUTH_ROLES_MAPPING");
        Assert.Equal(["Admin"], Roles(mapping, "lakehouse-platform-admin"));
        Assert.Equal(["Op"], Roles(mapping, "lakehouse-data-science-admin"));
        Assert.Equal(["User"], Roles(mapping, "lakehouse-analytics-engineer"));
        Assert.Equal(["Viewer"], Roles(mapping, "lakehouse-data-science-analyst"));
        Assert.Null(mapping["lakehouse-analytics-service"]);
    }

    [Fact]
    public async Task Supersets_and_airflows_configs_are_python_that_compiles()
    {
        var python = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "python3")).FirstOrDefault(File.Exists);
        Assert.SkipWhen(python is null, "python3 is not installed: it compiles the rendered Python settings");
        var superset = YamlFiles.Read(Render.ReferenceTree.Files[$"gitops/{Env}/apps/superset/values.yaml"])!["configOverrides"]!;
        var airflow = HydratedConfig.File(await HydratedConfig.Objects(Env, "orchestrator"), "orchestrator-api-server-config", "webserver_config.py");
        foreach (var (name, code) in new[] { ("oidc", (string)superset["oidc"]!), ("audit", (string)superset["audit"]!), ("webserver_config", airflow) })
        {
            var file = Path.Combine(Path.GetTempPath(), $"lakehouse-{name}-{Guid.NewGuid():N}.py");
            await File.WriteAllTextAsync(file, code, TestContext.Current.CancellationToken);
            try
            {
                var result = await Lakehouse.Tests.Hydration.Tool.Run(python!, ["-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())", file], Path.GetTempPath());
                Assert.True(result.ExitCode == 0, $"{name}: {result.Error}");
            }
            finally
            {
                File.Delete(file);
            }
        }
    }

    private static string[] Roles(JsonNode mapping, string group) =>
        [.. mapping[group]!.AsArray().Select(r => (string)r!)];
}
