namespace Lakehouse.Model.Data;

/// <summary>
/// A dbt model (dbt-trino) materialising <paramref name="Target"/> as an Iceberg table in Parquet from a
/// SELECT over declared tables: <c>new DbtModel(Gold.DailyRevenue, TableSql.Of($"SELECT ... FROM {Silver.Orders}"))</c>.
/// In the generated project each table hole becomes <c>{{ source(...) }}</c>, or <c>{{ ref(...) }}</c> when
/// another model produces that table, so dbt knows the lineage between models.
/// </summary>
/// <param name="Target">The declared table the model produces (its namespace is the model's schema, its name the model's).</param>
/// <param name="Select">The model's SELECT.</param>
public sealed record DbtModel(Table Target, TableSql Select)
{
    /// <summary>The model's name in dbt (the target table's name).</summary>
    public string Name => Target.Name;
}
