using System.Globalization;
using YamlDotNet.Serialization;

namespace Lakehouse.Model.Data;

/// <summary>
/// The dbt project generated from the data declarations: one model per <see cref="DbtModel"/>, every other
/// declared table a source, every quality check a test (generic not_null and unique, singular tests for row
/// count, freshness and SQL assertions). Files are keyed by their path in the project; the orchestrator
/// ships them in a ConfigMap with the profile (<see cref="Jobs.DbtRuns.Profile"/>) generated for each environment.
/// </summary>
/// <remarks>The project's and profile's name is the platform's (<see cref="Files"/>), so a renamed platform renames it.</remarks>
public sealed record DbtProject(IReadOnlyList<Table> Tables, IReadOnlyList<DbtModel> Models, IReadOnlyList<TableChecks> Checks)
{
    /// <summary>Projects are equal when they hold the same declarations (each catalog builds its project anew).</summary>
    public bool Equals(DbtProject? other) =>
        other is not null && Tables.SequenceEqual(other.Tables) && Models.SequenceEqual(other.Models) && Checks.SequenceEqual(other.Checks);

    public override int GetHashCode() => HashCode.Combine(Tables.Count, Models.Count, Checks.Count);

    public DbtModel? ModelOf(Table table) => Models.FirstOrDefault(m => m.Target.Equals(table));

    /// <summary>How dbt selects the tests of a table: the model, or the source.</summary>
    public string TestSelector(Table table) => ModelOf(table) is { } model ? model.Name : $"source:{table.Namespace}.{table.Name}";

    /// <summary>Every file of the project but the profile, path -> content, in path order.</summary>
    /// <param name="name">Project and profile name: a Python identifier (the platform's name, '-' as '_').</param>
    public IReadOnlyList<(string Path, string Content)> Files(string name)
    {
        var files = new List<(string, string)>
        {
            ("dbt_project.yml", Yaml(new Dictionary<string, object>
            {
                ["name"] = name,
                ["version"] = "1.0.0",
                ["config-version"] = 2,
                ["profile"] = name,
                ["model-paths"] = new[] { "models" },
                ["test-paths"] = new[] { "tests" },
                ["macro-paths"] = new[] { "macros" },
                ["flags"] = new Dictionary<string, object> { ["send_anonymous_usage_stats"] = false },
                // Every model an Iceberg table of Parquet files (dbt-trino passes properties to CREATE TABLE ... WITH).
                ["models"] = new Dictionary<string, object>
                {
                    [name] = new Dictionary<string, object>
                    {
                        ["+materialized"] = "table",
                        ["+properties"] = new Dictionary<string, object> { ["format"] = "'PARQUET'" },
                    },
                },
            })),
            // The schema a model names is used as is (dbt would otherwise prefix the profile's schema).
            ("macros/generate_schema_name.sql",
                "{% macro generate_schema_name(custom_schema_name, node) -%}\n" +
                "    {{ custom_schema_name if custom_schema_name is not none else target.schema }}\n" +
                "{%- endmacro %}\n"),
        };
        foreach (var model in Models)
        {
            files.Add(($"models/{model.Target.Namespace}/{model.Name}.sql",
                $"{{{{ config(schema='{model.Target.Namespace}') }}}}\n{Jinja(model.Select)}\n"));
        }
        files.Add(("models/sources.yml", Yaml(new Dictionary<string, object>
        {
            ["version"] = 2,
            ["sources"] = Sources().ToList(),
        })));
        if (Models.Count > 0)
        {
            files.Add(("models/models.yml", Yaml(new Dictionary<string, object>
            {
                ["version"] = 2,
                ["models"] = Models.Select(m => (object)new Dictionary<string, object>
                {
                    ["name"] = m.Name,
                    ["columns"] = ColumnTests(m.Target),
                }).ToList(),
            })));
        }
        foreach (var (table, check, sql) in SingularTests())
        {
            files.Add(($"tests/{table.Namespace}__{table.Name}__{check.Label.Replace('-', '_')}.sql", sql + "\n"));
        }
        return [.. files.OrderBy(f => f.Item1, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Each singular test's SQL with its tables written out (catalog.namespace.table), as Trino runs it once
    /// dbt has compiled it: what the tests parse with Trino's grammar.
    /// </summary>
    public IReadOnlyList<(string Name, string Sql)> CompiledSql() =>
    [
        .. Models.Select(m => ($"model {m.Name}", m.Select.Text)),
        .. SingularTests().Select(t => ($"test {t.Table.QualifiedName} {t.Check.Label}", Singular(t.Table, t.Check, t.Table.QualifiedName))),
    ];

    private IEnumerable<object> Sources() =>
        Tables.Where(t => ModelOf(t) is null)
            .GroupBy(t => t.Namespace, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (object)new Dictionary<string, object>
            {
                ["name"] = g.Key,
                ["database"] = Table.CatalogName,
                ["schema"] = g.Key,
                ["tables"] = g.Select(t => (object)new Dictionary<string, object> { ["name"] = t.Name, ["columns"] = ColumnTests(t) }).ToList(),
            });

    private List<object> ColumnTests(Table table)
    {
        var checks = Checks.Where(c => c.Table.Equals(table)).SelectMany(c => c.Checks).ToList();
        var columns = checks.OfType<NotNull>().Select(c => c.Column).Concat(checks.OfType<Unique>().Select(c => c.Column))
            .Distinct(StringComparer.Ordinal);
        return [.. columns.Select(column => (object)new Dictionary<string, object>
        {
            ["name"] = column,
            ["data_tests"] = checks.Where(c => c is NotNull n && n.Column == column).Select(_ => (object)"not_null")
                .Concat(checks.Where(c => c is Unique u && u.Column == column).Select(_ => (object)"unique")).ToList(),
        })];
    }

    private IEnumerable<(Table Table, QualityCheck Check, string Sql)> SingularTests() =>
        Checks.SelectMany(c => c.Checks.Where(k => k is RowCount or Freshness or SqlAssertion)
            .Select(k => (c.Table, k, Singular(c.Table, k, Reference(c.Table)))));

    /// <summary>A singular test: a query returning rows only when the check fails.</summary>
    private static string Singular(Table table, QualityCheck check, string relation) => check switch
    {
        RowCount r => $"SELECT count(*) AS row_count FROM {relation} HAVING count(*) < {r.Minimum.ToString(CultureInfo.InvariantCulture)}",
        Freshness f => $"SELECT max({f.Column}) AS newest FROM {relation} HAVING max({f.Column}) IS NULL OR max({f.Column}) < current_timestamp - INTERVAL '{(long)f.MaxAge.TotalMinutes}' MINUTE",
        SqlAssertion a => $"SELECT * FROM {relation} WHERE NOT ({a.Condition})",
        _ => throw new InvalidOperationException($"check {check.Label} of {table.QualifiedName} is a generic test"),
    };

    /// <summary>The model's SELECT with each table hole as a dbt reference.</summary>
    private string Jinja(TableSql sql)
    {
        var text = sql.Text;
        // Longest names first, so no name is replaced inside a longer one.
        foreach (var table in sql.Tables.OrderByDescending(t => t.QualifiedName.Length))
        {
            text = text.Replace(table.QualifiedName, Reference(table), StringComparison.Ordinal);
        }
        return text;
    }

    private string Reference(Table table) =>
        ModelOf(table) is { } model ? $"{{{{ ref('{model.Name}') }}}}" : $"{{{{ source('{table.Namespace}', '{table.Name}') }}}}";

    private static string Yaml(object document) =>
        new SerializerBuilder().DisableAliases().Build().Serialize(document).Replace("\r\n", "\n", StringComparison.Ordinal);
}
