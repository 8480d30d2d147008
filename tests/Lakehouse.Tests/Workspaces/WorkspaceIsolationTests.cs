using Lakehouse.Model.Cloud;
using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Model.Workspaces;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Workspaces;

/// <summary>
/// The shipped workspaces (analytics, data-science) are isolated from each other, proven on the RENDERED tree of every
/// environment with evaluators of each system's documented semantics: Trino's rules.json (an analyst of one cannot read
/// the other's tables), the storage policy each backend reads (a workspace's principal cannot use the other's bucket)
/// and the AppProjects (a workspace's Applications cannot sync into the other's namespace). Each evaluator also meets
/// a fixture that breaks the isolation, so these tests can fail.
/// </summary>
public sealed class WorkspaceIsolationTests
{
    private const string A = "analytics";
    private const string B = "data-science";

    public static TheoryData<string> Environments => new() { "aws", "dev", "prod", "staging" };

    private static string File(string path) => Render.ReferenceTree.Files[path];

    private static JsonObject Yaml(string path) => YamlFiles.Read(File(path))!.AsObject();

    private static Naming Naming(string environment) => new("lakehouse", environment);

    private static string Group(string environment, string workspace, WorkspaceRole role) => Naming(environment).WorkspaceGroup(workspace, role);

    // --- Trino: tables ---------------------------------------------------------------------------------------------

    private static TrinoRulesEvaluator TrinoRules(string environment) =>
        TrinoRulesEvaluator.Parse((string)Yaml($"gitops/{environment}/apps/trino/values.yaml")["accessControl"]!["rules"]!["rules.json"]!);

    [Theory]
    [MemberData(nameof(Environments))]
    public void An_analyst_reads_the_own_workspace_s_tables_and_not_the_other_s(string environment)
    {
        var rules = TrinoRules(environment);
        string[] analystOfA = [Group(environment, A, WorkspaceRole.Analyst)];
        Assert.True(rules.Allows("alice", analystOfA, "iceberg", "analytics", "orders", "SELECT"));
        Assert.False(rules.Allows("alice", analystOfA, "iceberg", "analytics", "orders", "INSERT"));
        Assert.False(rules.Allows("alice", analystOfA, "iceberg", "data_science", "features", "SELECT"));
        string[] analystOfB = [Group(environment, B, WorkspaceRole.Analyst)];
        Assert.False(rules.Allows("bob", analystOfB, "iceberg", "analytics", "orders", "SELECT"));
        Assert.True(rules.Allows("bob", analystOfB, "iceberg", "data_science", "features", "SELECT"));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Each_role_gets_exactly_its_table_privileges_in_its_own_schema(string environment)
    {
        var rules = TrinoRules(environment);
        foreach (var role in Enum.GetValues<WorkspaceRole>())
        {
            string[] groups = [Group(environment, A, role)];
            var writer = role is WorkspaceRole.Admin or WorkspaceRole.Engineer or WorkspaceRole.Service;
            Assert.Equal(writer || role == WorkspaceRole.Analyst, rules.Allows("u", groups, "iceberg", "analytics", "t", "SELECT"));
            Assert.Equal(writer, rules.Allows("u", groups, "iceberg", "analytics", "t", "INSERT"));
            Assert.Equal(writer, rules.OwnsSchema("u", groups, "iceberg", "analytics"));
            // Nothing of any role reaches the other workspace's schema.
            Assert.False(rules.Allows("u", groups, "iceberg", "data_science", "t", "SELECT"), $"{role} of {A} reads {B}");
            Assert.False(rules.Allows("u", groups, "iceberg", "data_science", "t", "INSERT"), $"{role} of {A} writes {B}");
            Assert.False(rules.OwnsSchema("u", groups, "iceberg", "data_science"), $"{role} of {A} owns {B}'s schema");
        }
        // A user in no group reaches no workspace schema, but still the platform's own schemas (as without rules).
        Assert.False(rules.Allows("job", [], "iceberg", "analytics", "t", "SELECT"));
        Assert.True(rules.Allows("job", [], "iceberg", "lakehouse", "events", "SELECT"));
        // The platform's administrators reach everything.
        Assert.True(rules.Allows("root", [Naming(environment).PlatformAdminGroup], "iceberg", "data_science", "t", "INSERT"));
    }

    [Fact]
    public void The_Trino_evaluator_finds_a_leak_when_a_catch_all_rule_comes_first()
    {
        // Fixture: the rendered rules with an allow-all table rule put first. First match wins, so the analyst of A now reads B.
        var rules = JsonNode.Parse((string)Yaml("gitops/dev/apps/trino/values.yaml")["accessControl"]!["rules"]!["rules.json"]!)!.AsObject();
        rules["tables"]!.AsArray().Insert(0, new JsonObject { ["privileges"] = new JsonArray("SELECT") });
        Assert.True(new TrinoRulesEvaluator(rules).Allows("alice", [Group("dev", A, WorkspaceRole.Analyst)], "iceberg", "data_science", "features", "SELECT"));
    }

    [Fact]
    public void The_Trino_evaluator_matches_groups_by_whole_regex_and_first_rule()
    {
        var rules = TrinoRulesEvaluator.Parse("""
            { "tables": [
                { "group": "lakehouse-a-analyst", "schema": "a", "privileges": ["SELECT"] },
                { "group": "lakehouse-a-.*", "privileges": ["SELECT", "INSERT"] },
                { "schema": "a", "privileges": [] } ] }
            """);
        Assert.True(rules.Allows("u", ["lakehouse-a-analyst"], "iceberg", "a", "t", "SELECT"));
        Assert.False(rules.Allows("u", ["lakehouse-a-analyst"], "iceberg", "a", "t", "INSERT"));   // the first rule decided
        Assert.True(rules.Allows("u", ["lakehouse-a-engineer"], "iceberg", "b", "t", "INSERT"));
        Assert.False(rules.Allows("u", ["x-lakehouse-a-analyst"], "iceberg", "a", "t", "SELECT")); // no partial match
        Assert.False(rules.Allows("u", [], "iceberg", "c", "t", "SELECT"));                        // no rule: denied
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Each_workspace_has_its_resource_group_selected_by_its_groups(string environment)
    {
        var groups = JsonNode.Parse((string)Yaml($"gitops/{environment}/apps/trino/values.yaml")["resourceGroups"]!["resourceGroupsConfig"]!)!.AsObject();
        var selectors = groups["selectors"]!.AsArray().OfType<JsonObject>().ToList();
        foreach (var (workspace, schema) in new[] { (A, "analytics"), (B, "data_science") })
        {
            var selected = selectors.First(s => s["userGroup"] is null || System.Text.RegularExpressions.Regex.IsMatch(Group(environment, workspace, WorkspaceRole.Analyst), $"^(?:{(string)s["userGroup"]!})$"));
            Assert.Equal($"workspaces.{schema}", (string?)selected["group"]);
            Assert.Contains(groups["rootGroups"]![0]!["subGroups"]!.AsArray(), g => (string?)g!["name"] == schema);
        }
    }

    // --- Storage: buckets ------------------------------------------------------------------------------------------

    private static readonly string[] S3Actions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"];

    /// <summary>
    /// The policy document each environment applies to a workspace's principal: MinIO's ConfigMap (dev, prod) or, on aws,
    /// the IAM Policy attached to the workspace's role (Crossplane, gitops/aws/apps/cloud-resources/).
    /// </summary>
    private static JsonObject Policy(string environment, string workspace) => environment == "aws"
        ? JsonNode.Parse((string)Yaml($"gitops/aws/apps/cloud-resources/policy-{Naming("aws").CloudRole(workspace)}.yaml")["spec"]!["forProvider"]!["policy"]!)!.AsObject()
        : JsonNode.Parse((string)Yaml($"gitops/{environment}/apps/object-storage/configmap-object-storage-workspace-{workspace}.yaml")["data"]!["policy.json"]!)!.AsObject();

    /// <summary>The platform's one IAM evaluator (<see cref="IamPolicyDocument"/>) over the rendered document.</summary>
    private static IamDecision Evaluate(JsonObject policy, string action, string resource) => IamPolicyDocument.Parse(policy.ToJsonString()).Evaluate(action, resource);

    private static string Arn(string bucket, string? key) => key is null ? $"arn:aws:s3:::{bucket}" : $"arn:aws:s3:::{bucket}/{key}";

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    [InlineData("aws")]
    public void A_workspace_s_principal_uses_its_own_bucket_and_not_the_other_s(string environment)
    {
        var naming = Naming(environment);
        foreach (var (own, other) in new[] { (A, B), (B, A) })
        {
            var policy = Policy(environment, own);
            foreach (var action in S3Actions)
            {
                var onBucket = action == "s3:ListBucket";
                Assert.Equal(IamDecision.Allow, Evaluate(policy, action, Arn(naming.Bucket(own), onBucket ? null : "t/data.parquet")));
                Assert.Equal(IamDecision.ImplicitDeny, Evaluate(policy, action, Arn(naming.Bucket(other), onBucket ? null : "t/data.parquet")));
                // Nor any bucket of the platform.
                Assert.Equal(IamDecision.ImplicitDeny, Evaluate(policy, action, Arn(naming.Bucket("warehouse"), onBucket ? null : "x")));
            }
            Assert.Equal(IamDecision.ImplicitDeny, Evaluate(policy, "s3:DeleteBucket", Arn(naming.Bucket(own), null)));
            Assert.Equal(IamDecision.ImplicitDeny, Evaluate(policy, "s3:PutBucketPolicy", Arn(naming.Bucket(own), null)));
        }
    }

    [Fact]
    public void The_IAM_evaluator_finds_a_leak_in_a_wildcard_resource_and_lets_an_explicit_deny_win()
    {
        // Fixture: the dev policy of A with its resources widened to the platform's bucket prefix: A now reaches B.
        var policy = Policy("dev", A);
        foreach (var statement in policy["Statement"]!.AsArray())
        {
            statement!["Resource"] = new JsonArray("arn:aws:s3:::lakehouse-dev-*");
        }
        var otherObject = Arn(Naming("dev").Bucket(B), "t/data.parquet");
        Assert.Equal(IamDecision.Allow, Evaluate(policy, "S3:GETOBJECT", otherObject));
        policy["Statement"]!.AsArray().Add(new JsonObject { ["Sid"] = "NotTheOthers", ["Effect"] = "Deny", ["Action"] = new JsonArray("s3:*"), ["Resource"] = new JsonArray($"arn:aws:s3:::{Naming("dev").Bucket(B)}*") });
        Assert.Equal(IamDecision.ExplicitDeny, Evaluate(policy, "s3:GetObject", otherObject));
        Assert.Equal(IamDecision.Allow, Evaluate(policy, "s3:GetObject", Arn(Naming("dev").Bucket(A), "k")));
    }

    [Fact]
    public void On_SeaweedFS_a_workspace_s_identity_acts_on_its_own_bucket_only()
    {
        // SeaweedFS identity actions are ACTION or ACTION:BUCKET (s3api auth_credentials.go: canDo); staging runs SeaweedFS.
        var naming = Naming("staging");
        foreach (var (own, other) in new[] { (A, B), (B, A) })
        {
            var identity = JsonNode.Parse((string)Yaml($"gitops/staging/apps/object-storage/configmap-object-storage-workspace-{own}.yaml")["data"]!["identity.json"]!)!.AsObject();
            Assert.Equal(naming.WorkspaceGroup(own, WorkspaceRole.Service), (string?)identity["name"]);
            var actions = identity["actions"]!.AsArray().Select(a => (string)a!).ToList();
            foreach (var action in new[] { "Read", "Write", "List" })
            {
                Assert.True(SeaweedfsCanDo(actions, action, naming.Bucket(own)));
                Assert.False(SeaweedfsCanDo(actions, action, naming.Bucket(other)));
            }
            Assert.False(SeaweedfsCanDo(actions, "Admin", naming.Bucket(own)));
        }
        // Fixture: an unscoped action (no ':BUCKET') reaches every bucket.
        Assert.True(SeaweedfsCanDo(["Read"], "Read", naming.Bucket(B)));
    }

    /// <summary>SeaweedFS: "Admin" does everything; an action without a bucket applies to all; "ACTION:BUCKET" to that bucket ("ACTION:PREFIX*" to matching ones).</summary>
    private static bool SeaweedfsCanDo(IReadOnlyList<string> actions, string action, string bucket) =>
        actions.Any(a => a == "Admin" || a == action
            || (a.StartsWith(action + ":", StringComparison.Ordinal) && Wildcard.Matches(a[(action.Length + 1)..], bucket, ignoreCase: false)));

    // --- Argo CD: namespaces ---------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Environments))]
    public void A_workspace_s_projects_cannot_sync_into_the_other_s_namespace(string environment)
    {
        var naming = Naming(environment);
        var server = (string)Yaml($"gitops/{environment}/cluster/appproject-{naming.WorkspaceProject(A)}.yaml")["spec"]!["destinations"]![0]!["server"]!;
        foreach (var (own, other) in new[] { (A, B), (B, A) })
        {
            foreach (var name in new[] { naming.WorkspaceProject(own), naming.ComponentProject(own) })
            {
                var project = new AppProjectEvaluator(Yaml($"gitops/{environment}/cluster/appproject-{name}.yaml"));
                Assert.True(project.PermitsDestination(server, naming.Namespace(own)));
                Assert.False(project.PermitsDestination(server, naming.Namespace(other)), $"{name} syncs into {other}");
                Assert.False(project.PermitsDestination(server, naming.Namespace("trino")));
                Assert.False(project.PermitsDestination(server, "kube-system"));
                Assert.False(project.PermitsApplicationNamespace(naming.Namespace(other)));
            }
            var members = new AppProjectEvaluator(Yaml($"gitops/{environment}/cluster/appproject-{naming.WorkspaceProject(own)}.yaml"));
            Assert.True(members.PermitsApplicationNamespace(naming.Namespace(own)));
            // No cluster-scoped kind at all for the members' project (not even a Namespace).
            Assert.False(members.PermitsClusterKind("", "Namespace"));
            Assert.False(members.PermitsClusterKind("rbac.authorization.k8s.io", "ClusterRoleBinding"));
        }
    }

    [Fact]
    public void The_AppProject_evaluator_finds_a_leak_in_a_wildcard_destination_and_honours_a_negation()
    {
        var naming = Naming("dev");
        var project = Yaml($"gitops/dev/cluster/appproject-{naming.WorkspaceProject(A)}.yaml");
        var server = (string)project["spec"]!["destinations"]![0]!["server"]!;
        // Fixture: the destination widened to the platform's namespace glob: A now syncs into B.
        project["spec"]!["destinations"]![0]!["namespace"] = "lakehouse-*";
        Assert.True(new AppProjectEvaluator(project).PermitsDestination(server, naming.Namespace(B)));
        project["spec"]!["destinations"]!.AsArray().Add(new JsonObject { ["server"] = "*", ["namespace"] = "!lakehouse-data-scienc[e]" });
        Assert.False(new AppProjectEvaluator(project).PermitsDestination(server, naming.Namespace(B)));
        Assert.True(new AppProjectEvaluator(project).PermitsDestination(server, naming.Namespace(A)));
    }
}

/// <summary>
/// The Polaris grants the rendered hook Jobs apply (dev and prod run Polaris), replayed into Polaris' model (catalog roles
/// hold privileges on a namespace, or on the whole catalog; principal roles are assigned catalog roles; principals are
/// assigned principal roles) and evaluated: an analyst's principal role reads its workspace's tables and nothing of the
/// other's, and a workspace's service principal holds only its own workspace's catalog role.
/// </summary>
public sealed class PolarisGrantsTests
{
    private sealed class PolarisModel
    {
        private readonly Dictionary<string, HashSet<(string? Namespace, string Privilege)>> _grants = [];
        private readonly Dictionary<string, HashSet<string>> _assigned = [];
        private readonly Dictionary<string, HashSet<string>> _principalRoles = [];

        /// <summary>Replays one rendered ConfigMap: run.sh's "call METHOD PATH FILE" lines with their bodies (a body read from a mounted Secret is not in it).</summary>
        public void Apply(JsonObject configMap)
        {
            var data = configMap["data"]!.AsObject();
            foreach (var line in ((string)data["run.sh"]!).Split('\n').Where(l => l.StartsWith("call ", StringComparison.Ordinal)))
            {
                var parts = line.Split(' ');
                if (parts[3].StartsWith('/'))
                {
                    continue;
                }
                var (path, body) = (parts[2], JsonNode.Parse((string)data[parts[3]]!)!.AsObject());
                var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
                if (path.EndsWith("/grants", StringComparison.Ordinal))
                {
                    var grant = body["grant"]!;
                    var ns = (string?)grant["type"] == "namespace" ? string.Join('.', grant["namespace"]!.AsArray().Select(n => (string)n!)) : null;
                    Set(_grants, segments[^2]).Add((ns, (string)grant["privilege"]!));
                }
                else if (segments.Length == 7 && segments[3] == "principal-roles" && segments[5] == "catalog-roles")
                {
                    Set(_assigned, segments[4]).Add((string)body["catalogRole"]!["name"]!);
                }
                else if (segments.Length == 6 && segments[3] == "principals" && segments[5] == "principal-roles")
                {
                    Set(_principalRoles, segments[4]).Add((string)body["principalRole"]!["name"]!);
                }
            }
        }

        public bool Allows(string principalRole, string @namespace, string privilege) =>
            _assigned.GetValueOrDefault(principalRole, []).Any(role =>
                _grants.GetValueOrDefault(role, []).Any(g => g.Privilege == privilege && (g.Namespace is null || g.Namespace == @namespace)));

        /// <summary>The catalog roles a principal holds through its principal roles.</summary>
        public IReadOnlySet<string> CatalogRolesOf(string principal) =>
            _principalRoles.GetValueOrDefault(principal, []).SelectMany(r => _assigned.GetValueOrDefault(r, [])).ToHashSet();

        /// <summary>What a principal may do: Polaris activates every principal role granted to it (scope PRINCIPAL_ROLE:ALL).</summary>
        public bool PrincipalAllows(string principal, string @namespace, string privilege) =>
            _principalRoles.GetValueOrDefault(principal, []).Any(r => Allows(r, @namespace, privilege));

        private static HashSet<T> Set<T>(Dictionary<string, HashSet<T>> map, string key) => map.TryGetValue(key, out var set) ? set : map[key] = [];
    }

    private static JsonObject ConfigMap(string environment, string workspace) =>
        YamlFiles.Read(Render.ReferenceTree.Files[$"gitops/{environment}/apps/iceberg-catalog/configmap-iceberg-catalog-workspace-{workspace}.yaml"])!.AsObject();

    private static JsonObject Yaml(string path) => YamlFiles.Read(Render.ReferenceTree.Files[path])!.AsObject();

    private static PolarisModel Replayed(string environment)
    {
        var polaris = new PolarisModel();
        polaris.Apply(ConfigMap(environment, "analytics"));
        polaris.Apply(ConfigMap(environment, "data-science"));
        return polaris;
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void An_analyst_s_principal_role_reads_its_own_namespace_only(string environment)
    {
        var polaris = Replayed(environment);
        var naming = new Naming("lakehouse", environment);
        var analyst = naming.WorkspaceGroup("analytics", WorkspaceRole.Analyst);
        Assert.True(polaris.Allows(analyst, "analytics", "TABLE_READ_DATA"));
        Assert.False(polaris.Allows(analyst, "analytics", "TABLE_WRITE_DATA"));
        Assert.False(polaris.Allows(analyst, "data_science", "TABLE_READ_DATA"));
        var engineer = naming.WorkspaceGroup("data-science", WorkspaceRole.Engineer);
        Assert.True(polaris.Allows(engineer, "data_science", "TABLE_WRITE_DATA"));
        Assert.False(polaris.Allows(engineer, "analytics", "TABLE_READ_DATA"));
        // Viewers read no tables: no principal role is made for them.
        Assert.False(polaris.Allows(naming.WorkspaceGroup("analytics", WorkspaceRole.Viewer), "analytics", "TABLE_READ_DATA"));

        // Fixture: a catalog-wide grant to the analytics reader role leaks data-science's tables.
        var leaky = ConfigMap(environment, "analytics");
        leaky["data"]!["999.json"] = """{ "grant": { "type": "catalog", "privilege": "TABLE_READ_DATA" } }""";
        leaky["data"]!["run.sh"] = (string)leaky["data"]!["run.sh"]! + "call PUT /api/management/v1/catalogs/lakehouse/catalog-roles/analytics_reader/grants 999.json\n";
        polaris.Apply(leaky);
        Assert.True(polaris.Allows(analyst, "data_science", "TABLE_READ_DATA"));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void A_workspace_s_service_principal_holds_only_its_own_workspace_s_catalog_roles(string environment)
    {
        var polaris = Replayed(environment);
        var naming = new Naming("lakehouse", environment);
        foreach (var (own, ownSchema, other, otherSchema) in new[] { ("analytics", "analytics", "data-science", "data_science"), ("data-science", "data_science", "analytics", "analytics") })
        {
            var principal = naming.WorkspaceGroup(own, WorkspaceRole.Service);
            Assert.Equal(new HashSet<string> { $"{ownSchema}_writer" }, polaris.CatalogRolesOf(principal));
            Assert.True(polaris.PrincipalAllows(principal, ownSchema, "TABLE_WRITE_DATA"));
            Assert.True(polaris.PrincipalAllows(principal, ownSchema, "TABLE_READ_DATA"));
            foreach (var privilege in PolarisWorkspaceGrants.WriterPrivileges.Concat(PolarisWorkspaceGrants.ReaderPrivileges))
            {
                Assert.False(polaris.PrincipalAllows(principal, otherSchema, privilege), $"{principal} has {privilege} on {otherSchema}");
            }
            Assert.DoesNotContain(polaris.CatalogRolesOf(principal), r => r.StartsWith(otherSchema + "_", StringComparison.Ordinal));
        }

        // Fixture: analytics' service principal also assigned data-science's service principal role: it now writes there.
        var leaky = ConfigMap(environment, "analytics");
        leaky["data"]!["999.json"] = $$"""{ "principalRole": { "name": "{{naming.WorkspaceGroup("data-science", WorkspaceRole.Service)}}" } }""";
        leaky["data"]!["run.sh"] = (string)leaky["data"]!["run.sh"]! + $"call PUT /api/management/v1/principals/{naming.WorkspaceGroup("analytics", WorkspaceRole.Service)}/principal-roles 999.json\n";
        polaris.Apply(leaky);
        Assert.Contains("data_science_writer", polaris.CatalogRolesOf(naming.WorkspaceGroup("analytics", WorkspaceRole.Service)));
        Assert.True(polaris.PrincipalAllows(naming.WorkspaceGroup("analytics", WorkspaceRole.Service), "data_science", "TABLE_WRITE_DATA"));
    }

    /// <summary>
    /// Why the grant Job may run on every sync: what each call of run.sh does when its object exists already. Creating
    /// (POST to a collection) answers 409, which run.sh accepts; grants and assignments are PUTs of the same body; the
    /// credential reset sets the same values again. Anything else (a rotate, a delete, a 409 refused) is a finding.
    /// </summary>
    private static IReadOnlyList<string> NotRepeatable(string script)
    {
        var problems = new List<string>();
        if (!script.Contains("case \"$code\" in 2??|409)", StringComparison.Ordinal))
        {
            problems.Add("run.sh does not accept 409 (exists already)");
        }
        foreach (var line in script.Split('\n').Where(l => l.StartsWith("call ", StringComparison.Ordinal)))
        {
            var parts = line.Split(' ');
            var (method, path) = (parts[1], parts[2]);
            var creates = method == "POST" && (path.EndsWith("/namespaces", StringComparison.Ordinal) || path.EndsWith("/catalog-roles", StringComparison.Ordinal)
                || path == "/api/management/v1/principal-roles" || path == "/api/management/v1/principals");
            var sets = method == "PUT";
            var resets = method == "POST" && path.EndsWith("/reset", StringComparison.Ordinal) && parts[3] == PolarisWorkspaceGrants.ResetBodyFile;
            if (!creates && !sets && !resets)
            {
                problems.Add($"{method} {path} is not repeatable");
            }
        }
        return problems;
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void The_grant_Job_can_run_on_every_sync(string environment)
    {
        foreach (var workspace in new[] { "analytics", "data-science" })
        {
            var script = (string)ConfigMap(environment, workspace)["data"]!["run.sh"]!;
            Assert.Empty(NotRepeatable(script));
            Assert.Contains($"call POST /api/management/v1/principals/lakehouse-{workspace}-service/reset {PolarisWorkspaceGrants.ResetBodyFile}", script, StringComparison.Ordinal);
            var job = Yaml($"gitops/{environment}/apps/iceberg-catalog/job-iceberg-catalog-workspace-{workspace}.yaml");
            Assert.Equal("Sync", (string?)job["metadata"]!["annotations"]!["argocd.argoproj.io/hook"]);
        }
        // Fixtures: a rotation (new credentials on every sync) and a script refusing 409 are findings.
        var good = (string)ConfigMap(environment, "analytics")["data"]!["run.sh"]!;
        Assert.Contains("POST /api/management/v1/principals/p/rotate is not repeatable", NotRepeatable(good + "call POST /api/management/v1/principals/p/rotate 099.json\n"));
        Assert.Contains("run.sh does not accept 409 (exists already)", NotRepeatable(good.Replace("2??|409)", "2??)", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("dev", "analytics")]
    [InlineData("prod", "data-science")]
    public void The_service_principal_s_secret_is_generated_once_set_from_a_Secret_and_delivered_to_its_workspace(string environment, string workspace)
    {
        var naming = new Naming("lakehouse", environment);
        var principal = naming.WorkspaceGroup(workspace, WorkspaceRole.Service);
        // Not in Git: the ConfigMap holds no reset body; the Job mounts it from the Secret the operator templates.
        var configMap = ConfigMap(environment, workspace);
        Assert.DoesNotContain(configMap["data"]!.AsObject(), f => f.Value!.ToString().Contains("clientSecret", StringComparison.Ordinal));
        var job = Yaml($"gitops/{environment}/apps/iceberg-catalog/job-iceberg-catalog-workspace-{workspace}.yaml");
        var volume = job["spec"]!["template"]!["spec"]!["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "principal")!;
        Assert.Equal($"iceberg-catalog-workspace-{workspace}-principal", (string?)volume["secret"]!["secretName"]);
        var reset = Yaml($"gitops/{environment}/apps/iceberg-catalog/externalsecret-iceberg-catalog-workspace-{workspace}-principal.yaml");
        var delivered = Yaml($"gitops/{environment}/apps/{workspace}/externalsecret-{workspace}-catalog-credentials.yaml");
        Assert.Equal(naming.Namespace(workspace), (string?)delivered["metadata"]!["namespace"]);
        // Both read the one generated value, through the generated-values store.
        static (string Key, string Store) Source(JsonObject externalSecret)
        {
            var data = externalSecret["spec"]!["data"]!.AsArray().Single()!;
            return ((string)data["remoteRef"]!["key"]!, (string)data["sourceRef"]!["storeRef"]!["name"]!);
        }
        Assert.Equal(Source(reset), Source(delivered));
        Assert.Equal(($"iceberg-catalog-workspace-{workspace}-principal", naming.SecretStore("generated")), Source(reset));
        Assert.Single(Render.ReferenceTree.Files.Keys, f => f == $"gitops/{environment}/apps/external-secrets/externalsecret-iceberg-catalog-workspace-{workspace}-principal.yaml");
        // The client id the Job sets is the one the workspace's credential names (Iceberg's CLIENT_ID:CLIENT_SECRET).
        var variable = (string)reset["spec"]!["data"]![0]!["secretKey"]!;
        Assert.Equal($"{{\"clientId\": \"{principal}\", \"clientSecret\": {{{{ .{variable} | toJson }}}}}}\n", (string?)reset["spec"]!["target"]!["template"]!["data"]!["reset.json"]);
        Assert.Equal($"{principal}:{{{{ .{variable} }}}}", (string?)delivered["spec"]!["target"]!["template"]!["data"]!["credential"]);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Polaris_allows_the_credential_reset_and_authenticates_with_its_own_tokens_only(string environment)
    {
        var values = Yaml($"gitops/{environment}/apps/iceberg-catalog/values.yaml");
        Assert.True((bool)values["features"]!["ENABLE_CREDENTIAL_RESET"]!);
        // Internal authentication: OIDC tokens are not accepted (docs/workspaces.md says why no claim mapping is configured).
        Assert.Equal("internal", (string?)values["authentication"]!["type"]);
        Assert.True(values["oidc"] is null || (string?)values["oidc"]!["authServeUrl"] is null or "");
    }

    [Theory]
    [InlineData("aws")]
    [InlineData("dev")]
    [InlineData("prod")]
    [InlineData("staging")]
    public void Each_workspace_gets_its_lineage_namespace_in_Marquez(string environment)
    {
        foreach (var workspace in new[] { "analytics", "data-science" })
        {
            var configMap = YamlFiles.Read(Render.ReferenceTree.Files[$"gitops/{environment}/apps/lineage/configmap-lineage-workspace-{workspace}.yaml"])!;
            Assert.Contains($"call PUT /api/v1/namespaces/lakehouse-{environment}-{workspace} 001.json", (string)configMap["data"]!["run.sh"]!);
            Assert.Equal($"lakehouse-{workspace}-admin", (string?)JsonNode.Parse((string)configMap["data"]!["001.json"]!)!["ownerName"]);
        }
    }
}
