using Lakehouse.ChartRestore;

namespace Lakehouse.Tests.Review;

/// <summary>
/// A base and a head tree with known changes, and a chart cache holding the fixture chart "demo" at 1.0.0 and
/// 1.1.0 (1.1.0 adds a Service). Between base and head, Application "demo" in dev: chart bump, image tag,
/// replicas, CPU request, value key legacy.mode removed (its ConfigMap goes) and feature.enabled added, the
/// overlay's ConfigMap "extra" replaced by "other", and the chart's Secret data (derived from the image tag)
/// changes. "steady" is the same on both sides; "fresh" exists in head only.
/// </summary>
internal sealed class DiffFixture : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "lakehouse-diff-test-" + Guid.NewGuid().ToString("N"));

    public string Base => Path.Combine(Root, "base");

    public string Head => Path.Combine(Root, "head");

    public ChartCache Cache => new(Path.Combine(Root, "cache"));

    /// <summary>Base64 of the Secret's data on each side: the summary must carry neither.</summary>
    public IReadOnlyList<string> SecretValues { get; } = [Sha256Base64("1.0"), Sha256Base64("1.1")];

    public DiffFixture()
    {
        Chart("1.0.0", withService: false);
        Chart("1.1.0", withService: true);

        Application(Base, "demo", "1.0.0", wave: 1);
        Write(Base, "gitops/apps/demo/values.yaml", "replicas: 1\nimage:\n  repository: nginx\n  tag: \"1.0\"\nresources:\n  requests:\n    cpu: 100m\nlegacy:\n  mode: true\n");
        Overlay(Base, "demo", "extra");
        Application(Head, "demo", "1.1.0", wave: 1);
        Write(Head, "gitops/apps/demo/values.yaml", "replicas: 3\nimage:\n  repository: nginx\n  tag: \"1.1\"\nresources:\n  requests:\n    cpu: 200m\nfeature:\n  enabled: true\n");
        Overlay(Head, "demo", "other");

        foreach (var side in new[] { Base, Head })
        {
            Application(side, "steady", "1.0.0", wave: 0);
            Write(side, "gitops/apps/steady/values.yaml", "replicas: 2\nimage:\n  repository: busybox\n  tag: \"1.0\"\n");
            Overlay(side, "steady", "steady");
        }
        Application(Head, "fresh", "1.0.0", wave: 2);
        Write(Head, "gitops/apps/fresh/values.yaml", "replicas: 1\nimage:\n  repository: redis\n  tag: \"1.0\"\n");
        Overlay(Head, "fresh", "fresh");
    }

    private void Chart(string version, bool withService)
    {
        var entry = Path.Combine(Root, "cache", "demo", version);
        Write(entry, "chart/Chart.yaml", $"apiVersion: v2\nname: demo\nversion: {version}\n");
        Write(entry, "chart/templates/deployment.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}
            spec:
              replicas: {{ .Values.replicas }}
              selector:
                matchLabels:
                  app: {{ .Release.Name }}
              template:
                metadata:
                  labels:
                    app: {{ .Release.Name }}
                spec:
                  containers:
                    - name: app
                      image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
                      resources:
                        {{- toYaml .Values.resources | nindent 12 }}
            """);
        Write(entry, "chart/templates/secret.yaml", """
            apiVersion: v1
            kind: Secret
            metadata:
              name: {{ .Release.Name }}-token
            data:
              token: {{ .Values.image.tag | sha256sum | b64enc }}
            """);
        Write(entry, "chart/templates/legacy.yaml", """
            {{- if (.Values.legacy).mode }}
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-legacy
            data:
              mode: "on"
            {{- end }}
            """);
        if (withService)
        {
            Write(entry, "chart/templates/service.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: {{ .Release.Name }}
                spec:
                  selector:
                    app: {{ .Release.Name }}
                  ports:
                    - port: 80
                """);
        }
        Write(entry, ".digest", "sha256:fixture\n");
    }

    private static void Application(string side, string component, string version, int wave) =>
        Write(side, $"gitops/clusters/dev/application-{component}.yaml", $"""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: fixture-dev-{component}
              namespace: argocd
              labels:
                lakehouse.io/environment: dev
                lakehouse.io/component: {component}
              annotations:
                argocd.argoproj.io/sync-wave: "{wave}"
            spec:
              project: fixture-dev-{component}
              destination:
                server: https://kubernetes.default.svc
                namespace: {component}
              sources:
                - repoURL: https://charts.example.com/
                  chart: demo
                  targetRevision: {version}
                  helm:
                    releaseName: {component}
                    valueFiles:
                      - $values/gitops/apps/{component}/values.yaml
                - repoURL: https://git.example.com/fixture.git
                  targetRevision: main
                  ref: values
                - repoURL: https://git.example.com/fixture.git
                  targetRevision: main
                  path: gitops/apps/{component}/overlays/dev

            """);

    private static void Overlay(string side, string component, string configMap)
    {
        Write(side, $"gitops/apps/{component}/base/kustomization.yaml", $"apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - configmap-{configMap}.yaml\n");
        Write(side, $"gitops/apps/{component}/base/configmap-{configMap}.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {configMap}\n  namespace: {component}\ndata:\n  a: b\n");
        Write(side, $"gitops/apps/{component}/overlays/dev/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\n");
    }

    private static void Write(string folder, string relative, string text)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.EndsWith('\n') ? text : text + "\n");
    }

    private static string Sha256Base64(string text) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))));

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
