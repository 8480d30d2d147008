using Lakehouse.Definitions;
using Lakehouse.Catalogue.Charts;
using Lakehouse.Model;
using Lakehouse.Model.Components;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Jobs;
using Lakehouse.Model.Workspaces;
using Lakehouse.Rendering;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Rendering;

/// <summary>
/// Environment isolation (docs/architecture.md, "One folder per environment"): each edit is applied to a copy
/// of the repository's inputs, rendered by the real host, and the files that changed on disk are asserted.
/// An edit of one environment changes files under gitops/ENV/ only; a new environment creates files under its
/// own folder only; a platform-wide edit changes every environment's folder and nothing shared. The owned list
/// (gitops/.generated) is the one file outside the environments' folders: it changes in exactly the lines of
/// the files that changed.
/// </summary>
public sealed class IsolationTests : IDisposable
{
    private readonly List<TempRepository> _repositories = [];

    public void Dispose()
    {
        foreach (var repo in _repositories)
        {
            repo.Dispose();
        }
    }

    private static readonly string[] Environments = ["aws", "dev", "prod", "staging"];

    [Fact]
    public void The_test_platform_is_definitions_LakehousePlatform_unedited()
    {
        // The edits below are made to this copy of definitions/LakehousePlatform.cs; unedited it renders the committed tree.
        using var repo = new TempRepository();
        using var output = new StringWriter();
        Assert.True(GitOpsHost.Run(["check", "--root", repo.Root], new EditablePlatform(), output) == 0, output.ToString());
    }

    [Fact]
    public void Every_file_of_an_environment_names_only_its_own_env_file_and_points_only_into_its_own_folder()
    {
        foreach (var (path, text) in Lakehouse.Tests.Support.Render.ReferenceTree.Files.Where(f => f.Key.StartsWith("gitops/", StringComparison.Ordinal)))
        {
            var environment = path.Split('/')[1];
            var sources = text.Split('\n').Single(l => l.StartsWith("# Sources: ", StringComparison.Ordinal));
            Assert.Equal($"# Sources: definitions/LakehousePlatform.cs, env/{environment}.yaml", sources);
            if (path.Contains("/cluster/application-", StringComparison.Ordinal))
            {
                var application = Lakehouse.Tests.Hydration.ArgoApplications.Parse(environment, YamlFiles.Read(text)!.AsObject());
                Assert.All(application.ValueFiles, f => Assert.StartsWith($"gitops/{environment}/apps/{application.Component}/", f));
                Assert.StartsWith($"gitops/{environment}/apps/{application.Component}", application.OverlayPath);
            }
        }
    }

    [Fact]
    public void A_size_in_one_environment_changes_one_file_of_that_environment()
    {
        var edit = Render(repo => Edit(repo, "prod", t => t.Replace("trino:\n  workers: 4", "trino:\n  workers: 6")));
        Assert.Equal(["gitops/prod/apps/trino/values.yaml"], edit.Files);
        AssertListFollows(edit);
    }

    [Fact]
    public void A_new_key_in_one_environment_changes_that_environment_only()
    {
        // Was 66 files of every environment when values common to all were factored out of the overlays.
        var edit = Render(repo => Edit(repo, "prod", t => t.Replace("monitoring:\n", "monitoring:\n  interval: 60s\n")));
        Assert.Empty(Outside(edit, "prod"));
        Assert.True(edit.Files.Count > 1, string.Join("\n", edit.Files));
        Assert.All(edit.Files, p => Assert.Contains("interval: 60s", File.ReadAllText(Path.Combine(edit.Root, p))));
        AssertListFollows(edit);
    }

    [Fact]
    public void A_backend_swap_in_one_environment_changes_that_environment_only()
    {
        // dev's catalog from Polaris (REST) to the JDBC catalog in PostgreSQL: was a rewrite of prod files too.
        var edit = Render(repo => Edit(repo, "dev", t => t.Replace(
            "catalog:\n  backend: rest\n  rest:\n    replicas: 1\n    resources:\n      cpu: 250m\n      memory: 1Gi\n", "catalog:\n  backend: jdbc\n")));
        Assert.Empty(Outside(edit, "dev"));
        Assert.Contains("gitops/dev/cluster/application-lakehouse-dev-iceberg-catalog.yaml", edit.Deleted);
        Assert.Contains("gitops/dev/apps/trino/values.yaml", edit.Files);
        AssertListFollows(edit);
    }

    [Fact]
    public void A_new_environment_creates_its_own_folder_and_changes_no_other_file()
    {
        // Was a rewrite of the '# Sources:' header of 66 files of the other environments.
        var edit = Render(repo => repo.Write("env/qa.yaml", repo.Read("env/staging.yaml").Replace("staging", "qa")));
        Assert.Empty(Outside(edit, "qa"));
        Assert.Equal(edit.Files, edit.Created);
        Assert.Contains("gitops/qa/bootstrap/application-lakehouse-qa-root.yaml", edit.Created);
        Assert.Contains("gitops/qa/apps/trino/values.yaml", edit.Created);
        AssertListFollows(edit);
    }

    [Fact]
    public void A_chart_version_picked_for_one_environment_changes_one_line_of_its_Application()
    {
        // Another version locked beside the default (which alone changes nothing deployed), and dev's pick of it.
        const string locked = "      1.42.2: sha256:deb1e82e12f76c396e8182ff3f9f9f1db7d1f5474b2aa1c674814b6fb2b0d080\n";
        var edit = Render(repo =>
        {
            var chartLock = repo.Read(Lakehouse.Model.Versions.ChartLock.FileName);
            Assert.Contains(locked, chartLock);
            repo.Write(Lakehouse.Model.Versions.ChartLock.FileName, chartLock.Replace(locked, locked + "      1.43.0: sha256:" + new string('1', 64) + "\n"));
            Edit(repo, "dev", t => t + "charts: { trino: \"1.43.0\" }\n");
        });
        Assert.Equal(["gitops/dev/cluster/application-lakehouse-dev-trino.yaml"], edit.Files);
        Assert.Contains("targetRevision: 1.43.0", File.ReadAllText(Path.Combine(edit.Root, edit.Files[0])));
        AssertListFollows(edit);
    }

    [Fact]
    public void A_bucket_added_to_the_platform_changes_each_environment_in_its_own_folder()
    {
        var edit = Render(_ => { }, new EditablePlatform { ExtraBucket = "features" });
        // Each environment that deploys a store gets the bucket in its own store's values; aws gets it as Crossplane
        // resources of its own cloud-resources folder (Amazon S3: the bucket, versioning, encryption, access block).
        AssertNothingShared(edit, "aws", "dev", "prod", "staging");
        Assert.NotEmpty(Outside(edit, "prod"));
        Assert.Contains(edit.Files, p => p.EndsWith("aws/apps/cloud-resources/bucket-lakehouse-aws-features.yaml", StringComparison.Ordinal));
        AssertListFollows(edit);
    }

    [Fact]
    public void A_job_added_changes_each_environment_in_its_own_folder()
    {
        var job = new JobSpec("events-count", "0 6 * * *", [new SqlTask("count", "SELECT count(*) FROM iceberg.lakehouse.events")]);
        var edit = Render(_ => { }, new EditablePlatform { ExtraJob = job });
        AssertNothingShared(edit, Environments);
        Assert.All(edit.Files, p => Assert.Contains("/apps/orchestrator/", p));
        AssertListFollows(edit);
    }

    [Fact]
    public void A_component_added_changes_each_environment_in_its_own_folder()
    {
        var edit = Render(_ => { }, new EditablePlatform { ExtraComponent = new Superset("dashboards") });
        AssertNothingShared(edit, Environments);
        foreach (var environment in Environments)
        {
            Assert.Contains($"gitops/{environment}/apps/dashboards/values.yaml", edit.Created);
            Assert.Contains($"gitops/{environment}/cluster/application-lakehouse-{environment}-dashboards.yaml", edit.Created);
            Assert.Contains($"gitops/{environment}/cluster/kustomization.yaml", edit.Files);
        }
        AssertListFollows(edit);
    }

    [Fact]
    public void A_third_workspace_creates_its_own_files_and_touches_none_of_another_workspace_s()
    {
        var edit = Render(_ => { }, new EditablePlatform { ExtraWorkspaces = [new Workspace("finance")] });
        AssertNothingShared(edit, Environments);
        foreach (var environment in Environments)
        {
            var created = edit.Created.Where(p => p.StartsWith($"gitops/{environment}/", StringComparison.Ordinal)).ToList();
            var updated = edit.Files.Where(p => p.StartsWith($"gitops/{environment}/", StringComparison.Ordinal)).Except(created).Order(StringComparer.Ordinal).ToList();
            // Created: the workspace's own folder, its Application and its two AppProjects; beside the store (MinIO's policy
            // Job, SeaweedFS' identity), Polaris and Marquez, the ConfigMaps and Jobs that apply the workspace there.
            Assert.All(created, p => Assert.True(
                p.StartsWith($"gitops/{environment}/apps/finance/", StringComparison.Ordinal)
                || p.EndsWith($"-{environment}-finance.yaml", StringComparison.Ordinal)
                || p.EndsWith($"-{environment}-finance-workspace.yaml", StringComparison.Ordinal)
                || p.EndsWith("-workspace-finance.yaml", StringComparison.Ordinal)
                // aws: its Glue database (its bucket, bucket policy and role end in -aws-finance.yaml)
                || p == $"gitops/{environment}/apps/cloud-resources/catalogdatabase-finance.yaml"
                // the workspace's MinIO keys, generated once by the secret store (docs/secrets.md)
                || p.StartsWith($"gitops/{environment}/apps/external-secrets/externalsecret-object-storage-workspace-finance-", StringComparison.Ordinal)
                // its Polaris service principal's secret: generated once, templated into the grant Job's reset body (docs/workspaces.md)
                || p.EndsWith("/externalsecret-iceberg-catalog-workspace-finance-principal.yaml", StringComparison.Ordinal), p));
            Assert.Contains($"gitops/{environment}/apps/finance/namespace-lakehouse-finance.yaml", created);
            Assert.Contains($"gitops/{environment}/cluster/appproject-lakehouse-{environment}-finance-workspace.yaml", created);
            // Updated: only the shared lists every workspace is part of (the cluster's kustomization, Trino's rules and
            // resource groups, the store's buckets, the kustomizations listing the new files); no file of analytics or data-science.
            // The services a workspace's pods use admit its namespace (their default-ingress; docs/workspaces.md, "Network"),
            // Marquez' on its API port too: the workspaces' jobs send it their lineage.
            var shared = new List<string>
            {
                $"gitops/{environment}/apps/lineage/kustomization.yaml", $"gitops/{environment}/apps/lineage/networkpolicy-default-ingress.yaml",
                $"gitops/{environment}/apps/trino/networkpolicy-default-ingress.yaml", $"gitops/{environment}/apps/trino/values.yaml", $"gitops/{environment}/cluster/kustomization.yaml",
            };
            if (environment != "aws")
            {
                shared.AddRange([$"gitops/{environment}/apps/object-storage/kustomization.yaml", $"gitops/{environment}/apps/object-storage/networkpolicy-default-ingress.yaml", $"gitops/{environment}/apps/object-storage/values.yaml"]);
            }
            else
            {
                // The workspace's bucket, policy, database and role join the cloud resources; Trino's role reads its bucket.
                shared.AddRange([$"gitops/{environment}/apps/cloud-resources/kustomization.yaml", $"gitops/{environment}/apps/cloud-resources/policy-lakehouse-aws-trino.yaml"]);
            }
            if (environment is "dev" or "prod")
            {
                shared.AddRange([$"gitops/{environment}/apps/iceberg-catalog/kustomization.yaml", $"gitops/{environment}/apps/iceberg-catalog/networkpolicy-default-ingress.yaml"]);
                shared.AddRange([$"gitops/{environment}/apps/external-secrets/kustomization.yaml", $"gitops/{environment}/apps/external-secrets/role-generated-secrets-reader.yaml"]);
            }
            if (environment is "staging" or "prod" or "aws")
            {
                // With single sign-on (identity:), each UI maps every workspace's groups to its roles (docs/identity.md);
                // staging's Dagster has no sign-in.
                shared.AddRange([$"gitops/{environment}/apps/argocd/values.yaml", $"gitops/{environment}/apps/monitoring/values.yaml", $"gitops/{environment}/apps/superset/values.yaml"]);
                if (environment != "staging")
                {
                    shared.Add($"gitops/{environment}/apps/orchestrator/values.yaml");
                }
            }
            Assert.True(shared.Order(StringComparer.Ordinal).SequenceEqual(updated), $"expected {string.Join(", ", shared.Order(StringComparer.Ordinal))}; updated {string.Join(", ", updated)}");
            Assert.DoesNotContain(edit.Files, p => p.Contains("analytics", StringComparison.Ordinal) || p.Contains("data-science", StringComparison.Ordinal));
        }
        Assert.Empty(edit.Deleted);
        AssertListFollows(edit);
    }

    /// <summary>What one render changed on disk: files created, updated, deleted (the owned list apart) and the owned list's changed lines.</summary>
    private sealed record RenderedEdit(string Root, IReadOnlyList<string> Files, IReadOnlyList<string> Created, IReadOnlyList<string> Deleted, IReadOnlyList<string> ListLines);

    private RenderedEdit Render(Action<TempRepository> editInputs, EditablePlatform? platform = null)
    {
        var repo = new TempRepository();
        _repositories.Add(repo);
        editInputs(repo);
        var before = repo.Snapshot();
        var listBefore = repo.Read("gitops/.generated").Split('\n');
        using var output = new StringWriter();
        Assert.True(GitOpsHost.Run(["render", "--root", repo.Root], platform ?? new EditablePlatform(), output) == 0, output.ToString());
        var after = repo.Snapshot();
        var listAfter = repo.Read("gitops/.generated").Split('\n');
        const string list = "gitops/.generated";
        var files = before.Keys.Union(after.Keys).Where(p => p != list)
            .Where(p => !before.TryGetValue(p, out var b) || !after.TryGetValue(p, out var a) || a.Hash != b.Hash)
            .Order(StringComparer.Ordinal).ToList();
        return new RenderedEdit(repo.Root, files,
            files.Where(p => !before.ContainsKey(p)).ToList(),
            files.Where(p => !after.ContainsKey(p)).ToList(),
            listBefore.Except(listAfter).Union(listAfter.Except(listBefore)).ToList());
    }

    private static void Edit(TempRepository repo, string environment, Func<string, string> edit)
    {
        var path = $"env/{environment}.yaml";
        var text = repo.Read(path);
        var edited = edit(text);
        Assert.NotEqual(text, edited);
        repo.Write(path, edited);
    }

    /// <summary>The changed files outside gitops/ENV/.</summary>
    private static IReadOnlyList<string> Outside(RenderedEdit edit, string environment)
    {
        Assert.NotEmpty(edit.Files);
        return edit.Files.Where(p => !p.StartsWith($"gitops/{environment}/", StringComparison.Ordinal)).ToList();
    }

    /// <summary>Exactly these environments' folders changed, and nothing outside environments' folders (but the owned list).</summary>
    private static void AssertNothingShared(RenderedEdit edit, params string[] environments)
    {
        Assert.All(edit.Files, p => Assert.StartsWith("gitops/", p));
        Assert.Equal(environments.Order(StringComparer.Ordinal), edit.Files.Select(p => p.Split('/')[1]).Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>The owned list changed in exactly the lines of the changed files: one line per file, path and hash.</summary>
    private static void AssertListFollows(RenderedEdit edit)
    {
        var paths = edit.ListLines.Where(l => l.Length > 65).Select(l => l[65..]).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(edit.Files, paths);
    }

    /// <summary>
    /// definitions/LakehousePlatform.cs, line for line and attributed to that file (the files' headers name it),
    /// with the definition edits the tests make: a bucket, a job, a component.
    /// </summary>
    private sealed class EditablePlatform : IPlatformDefinition
    {
        private const string File = "/_/definitions/LakehousePlatform.cs";

        public string? ExtraBucket { get; init; }

        public JobSpec? ExtraJob { get; init; }

        public Component? ExtraComponent { get; init; }

        public IReadOnlyList<Workspace> ExtraWorkspaces { get; init; } = [];

        public string Name => new LakehousePlatform().Name;

        public void Define(PlatformBuilder platform, EnvironmentConfig env)
        {
            platform.AddIdentityProvider(env, File, 21);
            platform.Add(new Monitoring("monitoring"), File, 23);
            platform.Add(new ArgoCd("argocd"), File, 25);
            platform.AddObjectStorage(env, ExtraBucket is null ? ["warehouse", "postgres-backups", "mlflow-artifacts", "raw", "logs"] : ["warehouse", "postgres-backups", "mlflow-artifacts", "raw", "logs", ExtraBucket], File, 27);
            platform.AddPostgres(callerFile: File, callerLine: 29);
            platform.Add(new Valkey("valkey"), File, 30);
            platform.AddIcebergCatalog(env, warehouseBucket: "warehouse", File, 31);
            platform.Add(new Trino("trino")
            {
                ValueOverrides = new TrinoValues
                {
                    Worker = new()
                    {
                        GracefulShutdown = new() { Enabled = true, GracePeriodSeconds = 120 },
                        TerminationGracePeriodSeconds = 300,
                    },
                }.ToValues(),
            }, File, 32);
            platform.Add(new Superset("superset"), File, 45);
            platform.Add(new Marquez("lineage"), File, 47);
            platform.Add(new SparkOperator("spark"), File, 48);
            platform.Add(new Mlflow("mlflow"), File, 50);
            platform.AddOrchestrator(env, ExtraJob is null ? Jobs.All : [.. Jobs.All, ExtraJob], "logs", File, 52);
            platform.AddCloudResources(env, null, File, 54);
            platform.Add(new ExternalSecretsOperator("external-secrets"), File, 57);
            platform.AddWorkspace(new Workspace("analytics") { Description = "Reporting and dashboards over the curated tables" }, File, 60);
            platform.AddWorkspace(new Workspace("data-science") { Description = "Feature engineering and model training" }, File, 61);
            foreach (var extra in ExtraWorkspaces)
            {
                platform.AddWorkspace(extra, File, 62);
            }
            if (ExtraComponent is not null)
            {
                platform.Add(ExtraComponent, File, 53);
            }
        }
    }
}
