namespace Lakehouse.Model.Data;

/// <summary>
/// One data-quality check of a table, run by dbt as a test (docs/data-operations.md): the generic tests
/// not_null and unique, and singular tests (a query returning the failing rows) for the others. A check
/// fails the quality task that runs after the table's producing task, which stops every downstream task.
/// </summary>
public abstract record QualityCheck
{
    private protected QualityCheck()
    {
    }

    /// <summary>A DNS-label-friendly name of the check, unique per table ("not-null-id").</summary>
    public abstract string Label { get; }
}

/// <summary>The table holds at least <paramref name="Minimum"/> rows.</summary>
public sealed record RowCount(long Minimum) : QualityCheck
{
    public override string Label => "row-count";
}

/// <summary>No row has NULL in <paramref name="Column"/> (dbt's generic not_null test).</summary>
public sealed record NotNull(string Column) : QualityCheck
{
    public override string Label => $"not-null-{Column.Replace('_', '-')}";
}

/// <summary>No two rows share a value of <paramref name="Column"/> (dbt's generic unique test).</summary>
public sealed record Unique(string Column) : QualityCheck
{
    public override string Label => $"unique-{Column.Replace('_', '-')}";
}

/// <summary>The newest <paramref name="Column"/> (a timestamp) is at most <paramref name="MaxAge"/> old.</summary>
public sealed record Freshness(string Column, TimeSpan MaxAge) : QualityCheck
{
    public override string Label => $"fresh-{Column.Replace('_', '-')}";
}

/// <summary>
/// Every row satisfies <paramref name="Condition"/>, a Trino boolean expression over the table's columns
/// ("amount >= 0"); <paramref name="Name"/> says what it asserts ("non-negative-amount").
/// </summary>
public sealed record SqlAssertion(string Name, string Condition) : QualityCheck
{
    public override string Label => Name;
}

/// <summary>The checks of one declared table.</summary>
public sealed record TableChecks(Table Table, IReadOnlyList<QualityCheck> Checks);
