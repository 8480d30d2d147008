using System.Text.Json.Nodes;
using Lakehouse.Model;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Rendering;

/// <summary>Each Application's AppProject allows exactly its component's needs; the root has its own project.</summary>
public class ProjectTests
{
    private static JsonObject Read(IReadOnlyDictionary<string, string> files, string path) => YamlFiles.Read(files[path])!.AsObject();

    public static TheoryData<string> Environments() => new("dev", "staging", "prod", "aws");

    [Theory]
    [MemberData(nameof(Environments))]
    public void Each_application_has_its_own_project_allowing_exactly_its_namespaces_repositories_and_cluster_kinds(string env)
    {
        var files = Render.ReferenceTree.Files;
        var environment = Render.Reference.Platform!.Environments.Single(e => e.Name == env);
        foreach (var component in environment.Components)
        {
            var application = Read(files, $"gitops/{env}/cluster/application-lakehouse-{env}-{component.Name}.yaml");
            var projectName = (string)application["spec"]!["project"]!;
            Assert.Equal($"lakehouse-{env}-{component.Name}", projectName);
            var project = Read(files, $"gitops/{env}/cluster/appproject-{projectName}.yaml")["spec"]!;
            Assert.Equal(
                component.Spec.ClusterResources.Select(k => $"{k.Group}/{k.Kind}").Append("/Namespace").Order(StringComparer.Ordinal),
                project["clusterResourceWhitelist"]!.AsArray().Select(k => $"{(string)k!["group"]!}/{(string)k["kind"]!}").Order(StringComparer.Ordinal));
            Assert.Equal(
                new[] { component.Spec.Chart.RepositoryUrl, environment.Config.GitOps.Repository }.Distinct().Order(StringComparer.Ordinal),
                project["sourceRepos"]!.AsArray().Select(r => (string)r!));
            var destinations = project["destinations"]!.AsArray().Select(d => (string)d!["namespace"]!).ToList();
            Assert.Contains(component.Spec.Namespace, destinations);
            Assert.All(destinations, ns => Assert.Contains(component.Spec.Manifests.Select(m => m.Namespace).Append(component.Spec.Namespace), n => n == ns));
        }
    }

    [Theory]
    [InlineData("prod", new[] { "argocd", "external-secrets", "minio-operator", "monitoring", "postgres-operator", "spark" })]
    [InlineData("staging", new[] { "argocd", "external-secrets", "monitoring", "object-storage", "postgres-operator", "spark" })]
    public void Only_components_whose_charts_bind_cluster_roles_may_create_cluster_role_bindings(string env, string[] expected)
    {
        var prefix = $"gitops/{env}/cluster/appproject-lakehouse-{env}-";
        var binders = Render.ReferenceTree.Files
            .Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal) && f.Value.Contains("kind: ClusterRoleBinding", StringComparison.Ordinal))
            .Select(f => f.Key[prefix.Length..^".yaml".Length])
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, binders);
    }

    [Fact]
    public void A_cluster_kind_one_component_declares_is_allowed_to_that_component_only()
    {
        var outcome = RenderPipeline.Render(new TestPlatform((p, _) =>
        {
            p.Add(new ClusterScoped("binder"));
            p.Add(new StubComponent("plain"));
        }), Fixtures.ReferenceEnvironments);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        Assert.Contains("kind: ClusterRoleBinding", outcome.Tree!.Files["gitops/dev/cluster/appproject-lakehouse-dev-binder.yaml"]);
        Assert.DoesNotContain("ClusterRoleBinding", outcome.Tree.Files["gitops/dev/cluster/appproject-lakehouse-dev-plain.yaml"]);
        Assert.Contains("project: lakehouse-dev-plain", outcome.Tree.Files["gitops/dev/cluster/application-lakehouse-dev-plain.yaml"]);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_root_application_has_its_own_project_syncing_applications_and_projects_into_argo_cds_namespace_only(string env)
    {
        var files = Render.ReferenceTree.Files;
        var root = Read(files, $"gitops/{env}/bootstrap/application-lakehouse-{env}-root.yaml");
        var projectName = (string)root["spec"]!["project"]!;
        Assert.NotEqual("default", projectName);
        var project = Read(files, $"gitops/{env}/bootstrap/appproject-{projectName}.yaml")["spec"]!;
        Assert.Empty(project["clusterResourceWhitelist"]!.AsArray());
        Assert.Equal(["argoproj.io/Application", "argoproj.io/AppProject"],
            project["namespaceResourceWhitelist"]!.AsArray().Select(k => $"{(string)k!["group"]!}/{(string)k["kind"]!}"));
        var destination = Assert.Single(project["destinations"]!.AsArray())!;
        Assert.Equal((string)root["spec"]!["destination"]!["namespace"]!, (string)destination["namespace"]!);
        Assert.Equal([(string)root["spec"]!["source"]!["repoURL"]!], project["sourceRepos"]!.AsArray().Select(r => (string)r!));
        // What the root syncs is only Applications and AppProjects.
        var kustomization = Read(files, $"gitops/{env}/cluster/kustomization.yaml");
        Assert.All(kustomization["resources"]!.AsArray().Select(r => (string)r!),
            r => Assert.True(r.StartsWith("application-", StringComparison.Ordinal) || r.StartsWith("appproject-", StringComparison.Ordinal), r));
    }

    private sealed record ClusterScoped(string Name) : Component(Name)
    {
        public override ComponentSpec Describe(ComponentContext context) => new StubComponent(Name).Describe(context) with
        {
            ClusterResources = [new GroupKind("rbac.authorization.k8s.io", "ClusterRole"), new GroupKind("rbac.authorization.k8s.io", "ClusterRoleBinding")],
        };
    }
}
