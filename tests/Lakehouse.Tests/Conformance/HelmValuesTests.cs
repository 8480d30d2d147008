using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lakehouse.Model;
using Lakehouse.Tests.Support;
using NJsonSchema;
using YamlDotNet.RepresentationModel;

namespace Lakehouse.Tests.Conformance;

/// <summary>
/// Every Helm value the components set exists in the real chart: as a key of its values.yaml, as a key
/// documented in a comment inside its parent's block, or in its values.schema.json. Where the chart
/// ships a schema, the values Helm would compute (defaults merged with ours) validate against it.
/// </summary>
public class HelmValuesTests
{
    /// <summary>Upstream folder per chart name (the tenant and operator charts are renamed there).</summary>
    private static readonly Dictionary<string, string> ChartFolders = new(StringComparer.Ordinal)
    {
        ["trino"] = "trino",
        ["polaris"] = "polaris",
        ["tenant"] = "minio-tenant",
        ["operator"] = "minio-operator",
        ["kube-prometheus-stack"] = "kube-prometheus-stack",
        ["cloudnative-pg"] = "cloudnative-pg",
        ["cluster"] = "cnpg-cluster",
        ["valkey"] = "valkey",
        ["seaweedfs"] = "seaweedfs",
        ["spark-operator"] = "spark-operator",
        ["marquez"] = "marquez",
        ["airflow"] = "airflow",
        ["mlflow"] = "mlflow",
    };

    /// <summary>Charts not in ../shared/upstream: which published values file their keys were checked against.</summary>
    private static readonly Dictionary<string, string> PublishedValuesOnly = new(StringComparer.Ordinal)
    {
        ["argo-cd"] = "argoproj/argo-helm charts/argo-cd/values.yaml at chart 10.1.1",
        ["superset"] = "apache/superset helm/superset/values.yaml (stored commit 002f5bd59aa6; Chart.yaml 0.22.8)",
        ["dagster"] = "dagster-io/dagster helm/dagster/schema (the pydantic models its values.schema.json is generated from; 1.x line, see docs/components.md)",
    };

    /// <summary>
    /// Subcharts a chart configures under their alias (kube-prometheus-stack's grafana block): a key the
    /// parent's values.yaml does not show is looked up in the subchart's own upstream values.yaml.
    /// </summary>
    private static readonly Dictionary<(string Chart, string Alias), string> Subcharts = new()
    {
        [("kube-prometheus-stack", "grafana")] = "grafana",
    };

    /// <summary>
    /// Subchart keys whose chart is not in ../shared/upstream, with the published values file they were checked against.
    /// </summary>
    private static readonly Dictionary<string, string> PublishedSubchartKeys = new(StringComparer.Ordinal)
    {
        ["kube-state-metrics.resources"] = "prometheus-community/helm-charts charts/kube-state-metrics/values.yaml (top-level resources)",
        ["prometheus-node-exporter.resources"] = "prometheus-community/helm-charts charts/prometheus-node-exporter/values.yaml (top-level resources)",
    };

    /// <summary>
    /// Maps whose keys are the user's to choose: Kubernetes objects the charts pass through with toYaml,
    /// and chart maps keyed by names (Trino's catalogs: catalog name to properties file).
    /// </summary>
    private static readonly HashSet<string> OpenMaps = new(StringComparer.Ordinal)
    {
        "resources", "securityContext", "containerSecurityContext", "podSecurityContext", "affinity",
        "nodeSelector", "labels", "annotations", "catalogs",
        // Airflow's config: sections of airflow.cfg, each a map of its options.
        "config",
    };

    public static TheoryData<string, string> ComponentsByEnvironment()
    {
        var data = new TheoryData<string, string>();
        foreach (var env in Render.Reference.Platform!.Environments)
        {
            foreach (var component in env.Components)
            {
                data.Add(component.Name, env.Name);
            }
        }
        return data;
    }

    private static (Lakehouse.Model.ComponentSpec Spec, string Folder) Find(string component, string environment)
    {
        var spec = Render.Reference.Platform!.Environments.Single(e => e.Name == environment)
            .Components.Single(c => c.Name == component).Spec;
        if (PublishedValuesOnly.TryGetValue(spec.Chart.Name, out var checkedAgainst))
        {
            Assert.Skip($"chart {spec.Chart.Name} {spec.Chart.Version} is not in ../shared/upstream; keys checked against {checkedAgainst} (docs/components.md)");
        }
        Assert.True(ChartFolders.TryGetValue(spec.Chart.Name, out var folder), $"no upstream folder known for chart {spec.Chart.Name}");
        return (spec, Path.Combine("charts", folder));
    }

    [Theory]
    [MemberData(nameof(ComponentsByEnvironment))]
    public void Every_value_path_exists_in_the_upstream_chart(string component, string environment)
    {
        var (spec, folder) = Find(component, environment);
        var valuesPath = Paths.RequireUpstream(Path.Combine(folder, "values.yaml"));
        var text = File.ReadAllText(valuesPath);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var upstream = (YamlMappingNode)stream.Documents[0].RootNode;
        var schemaPath = Path.Combine(Paths.Upstream, folder, "values.schema.json");
        var schema = File.Exists(schemaPath) ? JsonNode.Parse(File.ReadAllText(schemaPath)) : null;
        var missing = new List<string>();
        Check(spec.Values, upstream, "", text.Split('\n'), schema, missing);
        missing.RemoveAll(path => PublishedSubchartKeys.ContainsKey(path) || InSubchart(spec, path));
        Assert.True(missing.Count == 0, $"{spec.Chart.Name} {spec.Chart.Version} has no value(s): {string.Join(", ", missing)}");
    }

    /// <summary>True when the subchart's own values.yaml has the rest of the path below its alias.</summary>
    private static bool InSubchart(ComponentSpec spec, string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0 || !Subcharts.TryGetValue((spec.Chart.Name, path[..dot]), out var folder))
        {
            return false;
        }
        var text = File.ReadAllText(Paths.RequireUpstream(Path.Combine("charts", folder, "values.yaml")));
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var missing = new List<string>();
        var leaf = new JsonObject();
        var node = leaf;
        var parts = path[(dot + 1)..].Split('.');
        foreach (var part in parts[..^1])
        {
            var child = new JsonObject();
            node[part] = child;
            node = child;
        }
        node[parts[^1]] = true;
        Check(leaf, (YamlMappingNode)stream.Documents[0].RootNode, "", text.Split('\n'), null, missing);
        return missing.Count == 0;
    }

    [Fact]
    public void A_subchart_key_is_checked_against_the_subchart()
    {
        var spec = new ComponentSpec
        {
            Namespace = "monitoring",
            Chart = new HelmChart("https://prometheus-community.github.io/helm-charts", "kube-prometheus-stack", "88.5.3"),
            Values = new JsonObject(),
            Metrics = new NoMetrics("test"),
            Probes = new NoProbes("a probe of the conformance harness, never deployed"),
        };
        Assert.True(InSubchart(spec, "grafana.sidecar.resources"));
        Assert.False(InSubchart(spec, "grafana.sidecar.resourcez"));
        Assert.False(InSubchart(spec, "alertmanager.resources"));
    }

    [Fact]
    public void The_path_check_catches_a_misspelled_key()
    {
        var text = File.ReadAllText(Paths.RequireUpstream("charts/trino/values.yaml"));
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var missing = new List<string>();
        Check(new JsonObject { ["server"] = new JsonObject { ["wrokers"] = 3 }, ["auth"] = new JsonObject { ["passwordAuthSecret"] = "x" } },
            (YamlMappingNode)stream.Documents[0].RootNode, "", text.Split('\n'), null, missing);
        Assert.Equal(["server.wrokers"], missing);
    }

    [Theory]
    [MemberData(nameof(ComponentsByEnvironment))]
    public async Task Values_validate_against_the_chart_schema_where_one_exists(string component, string environment)
    {
        var (spec, folder) = Find(component, environment);
        var schemaPath = Path.Combine(Paths.Upstream, folder, "values.schema.json");
        Assert.SkipUnless(Directory.Exists(Paths.Upstream), $"upstream data is absent at {Paths.Upstream} (set LAKEHOUSE_UPSTREAM)");
        Assert.SkipUnless(File.Exists(schemaPath), $"chart {spec.Chart.Name} {spec.Chart.Version} ships no values.schema.json");
        var defaults = YamlFiles.Read(File.ReadAllText(Path.Combine(Paths.Upstream, folder, "values.yaml")))!.AsObject();
        var effective = HelmMerge.Effective(defaults, spec.Values);
        var schema = await ChartSchema(schemaPath);
        var errors = schema.Validate(effective.ToJsonString());
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    /// <summary>
    /// A chart's values.schema.json for NJsonSchema, which evaluates neither if/then nor const (draft 6/7):
    /// each {"if": X, "then": Y} becomes the equivalent {"anyOf": [{"not": X}, Y]} and each {"const": C}
    /// {"enum": [C]} (mlflow's schema relies on both).
    /// </summary>
    private static async Task<JsonSchema> ChartSchema(string path)
    {
        var node = JsonNode.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken))!;
        RewriteConditionals(node);
        return await JsonSchema.FromJsonAsync(node.ToJsonString(), TestContext.Current.CancellationToken);
    }

    private static void RewriteConditionals(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o.ToList())
                {
                    RewriteConditionals(child);
                }
                if (o["const"] is JsonNode constant && o["enum"] is null)
                {
                    o.Remove("const");
                    o["enum"] = new JsonArray(constant.DeepClone());
                }
                if (o["if"] is JsonNode condition && o["then"] is JsonNode consequence && o["else"] is null)
                {
                    o.Remove("if");
                    o.Remove("then");
                    o["anyOf"] = new JsonArray(new JsonObject { ["not"] = condition.DeepClone() }, consequence.DeepClone());
                }
                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    RewriteConditionals(child);
                }
                break;
        }
    }

    [Fact]
    public async Task A_conditional_in_a_chart_schema_is_enforced()
    {
        var schema = await ChartSchema(Paths.RequireUpstream("charts/mlflow/values.schema.json"));
        var defaults = YamlFiles.Read(File.ReadAllText(Paths.RequireUpstream("charts/mlflow/values.yaml")))!.AsObject();
        var both = HelmMerge.Effective(defaults, new JsonObject
        {
            ["backendStore"] = new JsonObject { ["postgres"] = new JsonObject { ["enabled"] = true }, ["mysql"] = new JsonObject { ["enabled"] = true } },
        });
        Assert.NotEmpty(schema.Validate(both.ToJsonString()));
        var one = HelmMerge.Effective(defaults, new JsonObject { ["backendStore"] = new JsonObject { ["postgres"] = new JsonObject { ["enabled"] = true } } });
        Assert.Empty(schema.Validate(one.ToJsonString()));
    }

    private static void Check(JsonObject ours, YamlMappingNode upstream, string prefix, string[] lines, JsonNode? schema, List<string> missing)
    {
        foreach (var (key, value) in ours)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (upstream.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                if (OpenMaps.Contains(key))
                {
                    continue;
                }
                if (value is JsonObject map && child is YamlMappingNode { Children.Count: > 0 } childMap)
                {
                    Check(map, childMap, path, lines, schema, missing);
                }
                // Scalars, lists and empty maps upstream are open: what goes inside is the chart's free-form input.
                continue;
            }
            if (DocumentedInComment(upstream, key, lines) || InSchema(schema, path))
            {
                continue;
            }
            missing.Add(path);
        }
    }

    /// <summary>A key shown as a commented example inside its parent's block ("#existingSecret: true").</summary>
    private static bool DocumentedInComment(YamlMappingNode parent, string key, string[] lines)
    {
        var pattern = new Regex($@"^\s*#+\s*-?\s*{Regex.Escape(key)}:");
        var indent = (int)parent.Start.Column - 1;
        // The block runs from the parent's first key to the next line indented less (comments included).
        for (var i = Math.Max(0, (int)parent.Start.Line - 1); i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (trimmed.Length > 0 && !trimmed.StartsWith('#') && line.Length - trimmed.Length < indent)
            {
                break;
            }
            if (pattern.IsMatch(line))
            {
                return true;
            }
        }
        return false;
    }

    private static bool InSchema(JsonNode? schema, string path)
    {
        var node = schema;
        foreach (var part in path.Split('.'))
        {
            node = node?["properties"]?[part];
            if (node is null)
            {
                return false;
            }
        }
        return true;
    }
}
