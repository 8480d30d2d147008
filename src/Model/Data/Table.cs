using System.Text.RegularExpressions;

namespace Lakehouse.Model.Data;

/// <summary>
/// An Iceberg table of the lakehouse, declared once: its namespace, name, columns (or the dbt model that
/// produces it) and partitioning. Jobs, maintenance and quality checks refer to this declaration, never to
/// the table's name as a string (<see cref="TableSql"/>, LH0170): renaming a table is one edit.
/// </summary>
public sealed partial record Table
{
    /// <summary>The Iceberg catalog's name in Trino and Spark SQL alike (Trino.Catalog, SparkOperator.CatalogName).</summary>
    public const string CatalogName = "iceberg";

    /// <param name="namespace">Iceberg namespace (Trino schema): lower-case SQL identifier.</param>
    /// <param name="name">Table name: lower-case SQL identifier.</param>
    public Table(string @namespace, string name)
    {
        foreach (var (what, value) in new[] { ("namespace", @namespace), ("name", name) })
        {
            if (!Identifier().IsMatch(value))
            {
                throw new ArgumentException($"table {what} '{value}' must be a lower-case SQL identifier ([a-z][a-z0-9_]*, at most 63 characters)");
            }
        }
        Namespace = @namespace;
        Name = name;
    }

    public string Namespace { get; }

    public string Name { get; }

    /// <summary>Columns with Trino types; empty when a dbt model produces the table (<see cref="DbtModel"/>).</summary>
    public IReadOnlyList<Column> Columns { get; init; } = [];

    /// <summary>Iceberg partition transforms in Trino's syntax ("day(at)", "bucket(id, 16)").</summary>
    public IReadOnlyList<string> Partitioning { get; init; } = [];

    /// <summary>catalog.namespace.name, as Trino and Spark SQL name the table.</summary>
    public string QualifiedName => $"{CatalogName}.{Namespace}.{Name}";

    /// <summary>namespace.name, as Iceberg's Spark procedures take the table argument.</summary>
    public string NamespacedName => $"{Namespace}.{Name}";

    /// <summary>A DNS label naming tasks about this table ("bronze-events").</summary>
    public string Label => $"{Namespace}-{Name}".Replace('_', '-');

    /// <summary>
    /// Trino DDL creating the namespace and the table when absent: Parquet files, the declared partitioning.
    /// Only for tables with declared columns.
    /// </summary>
    public string CreateStatements()
    {
        if (Columns.Count == 0)
        {
            throw new InvalidOperationException($"table {QualifiedName} declares no columns; the dbt model that produces it creates it");
        }
        var properties = new List<string> { "format = 'PARQUET'" };
        if (Partitioning.Count > 0)
        {
            properties.Add($"partitioning = ARRAY[{string.Join(", ", Partitioning.Select(p => $"'{p}'"))}]");
        }
        return $"CREATE SCHEMA IF NOT EXISTS {CatalogName}.{Namespace}; " +
               $"CREATE TABLE IF NOT EXISTS {QualifiedName} ({string.Join(", ", Columns.Select(c => $"{c.Name} {c.Type}"))}) " +
               $"WITH ({string.Join(", ", properties)})";
    }

    public override string ToString() => QualifiedName;

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    internal static partial Regex Identifier();
}

/// <summary>A column: lower-case SQL identifier and a Trino type ("BIGINT", "TIMESTAMP(6) WITH TIME ZONE").</summary>
public sealed record Column
{
    public Column(string name, string type)
    {
        if (!Table.Identifier().IsMatch(name))
        {
            throw new ArgumentException($"column name '{name}' must be a lower-case SQL identifier");
        }
        Name = name;
        Type = type;
    }

    public string Name { get; }

    public string Type { get; }
}
