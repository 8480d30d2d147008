using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Jobs;

namespace Lakehouse.Model.Data;

/// <summary>
/// The rules of the data declarations (LH0170-LH0172): a task names a table only through its declaration, every
/// table a task, check, policy or model refers to is declared in the catalog, and a check names columns the table
/// declares.
/// </summary>
public static class DataChecks
{
    /// <summary>The first broken rule, with its message; null when every reference holds.</summary>
    public static (Rule Rule, string Message)? FirstProblem(DataCatalog catalog, IReadOnlyList<JobSpec> pipelines) =>
        Problems(catalog, pipelines).Cast<(Rule, string)?>().FirstOrDefault();

    public static IEnumerable<(Rule Rule, string Message)> Problems(DataCatalog catalog, IReadOnlyList<JobSpec> pipelines)
    {
        var declared = new HashSet<Table>();
        foreach (var table in catalog.Tables)
        {
            if (catalog.Tables.Count(t => t.QualifiedName == table.QualifiedName) > 1)
            {
                yield return (Rules.UndeclaredTable, $"table {table.QualifiedName} is declared more than once; declare it once and refer to that declaration");
            }
            declared.Add(table);
        }
        string Undeclared(Table t) => $"{t.QualifiedName} is not a table of the data catalog; add its declaration to the catalog's tables";

        foreach (var job in pipelines)
        {
            foreach (var task in job.Tasks)
            {
                var named = task.Tables.Select(t => t.QualifiedName).ToHashSet(StringComparer.OrdinalIgnoreCase);
                foreach (var literal in Texts(task).SelectMany(TableSql.LiteralTableNames).Distinct(StringComparer.Ordinal).Where(n => !named.Contains(n)))
                {
                    yield return (Rules.TableNamedByString, $"job '{job.Name}', task '{task.Name}' names table '{literal}' in a string; " +
                        "write the table's declaration into the SQL instead (TableSql.Of($\"... {Table} ...\"))");
                }
                foreach (var table in task.Tables.Concat(task.Produces).Where(t => !declared.Contains(t)).Distinct())
                {
                    yield return (Rules.UndeclaredTable, $"job '{job.Name}', task '{task.Name}': {Undeclared(table)}");
                }
            }
        }
        foreach (var checks in catalog.Checks)
        {
            if (!declared.Contains(checks.Table))
            {
                yield return (Rules.UndeclaredTable, $"quality checks: {Undeclared(checks.Table)}");
                continue;
            }
            var columns = checks.Table.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var column in checks.Checks.Select(ColumnOf).OfType<string>().Where(c => columns.Count > 0 && !columns.Contains(c)))
            {
                yield return (Rules.UnknownCheckColumn, $"quality check on {checks.Table.QualifiedName} names column '{column}', which the table does not declare ({string.Join(", ", columns)})");
            }
        }
        foreach (var policy in catalog.TableMaintenance.Where(p => !declared.Contains(p.Table)))
        {
            yield return (Rules.UndeclaredTable, $"maintenance policy: {Undeclared(policy.Table)}");
        }
        foreach (var policy in catalog.NamespaceMaintenance.Where(p => !catalog.Tables.Any(t => t.Namespace == p.Namespace)))
        {
            yield return (Rules.UndeclaredTable, $"maintenance policy of namespace '{policy.Namespace}': no declared table is in that namespace");
        }
        foreach (var model in catalog.Models)
        {
            foreach (var table in model.Select.Tables.Append(model.Target).Where(t => !declared.Contains(t)).Distinct())
            {
                yield return (Rules.UndeclaredTable, $"dbt model '{model.Name}': {Undeclared(table)}");
            }
            foreach (var literal in TableSql.LiteralTableNames(model.Select.Text).Where(n => !model.Select.Tables.Any(t => t.QualifiedName == n)))
            {
                yield return (Rules.TableNamedByString, $"dbt model '{model.Name}' names table '{literal}' in a string; write the table's declaration into the SQL instead");
            }
        }
    }

    private static string? ColumnOf(QualityCheck check) => check switch
    {
        NotNull n => n.Column,
        Unique u => u.Column,
        Freshness f => f.Column,
        _ => null,
    };

    /// <summary>The texts of a task that could name a table: SQL, Spark arguments, container commands and environment.</summary>
    private static IEnumerable<string> Texts(TaskSpec task) => task.Match<IEnumerable<string>>(
        spark => spark.Arguments ?? [],
        sql => [sql.Sql],
        container => container.Command.Concat(container.Environment.Select(e => e.Value)),
        dbt => dbt.Arguments);
}
