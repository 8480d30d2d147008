using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Lakehouse.Model.Data;

/// <summary>
/// SQL whose tables are holes filled by their declarations: <c>TableSql.Of($"INSERT INTO {Silver.Orders} SELECT ... FROM {Bronze.Orders}")</c>.
/// The text names each table as Trino and Spark do (catalog.namespace.name) and the statement knows the
/// tables it touches, so the data checks see which declared tables a task uses (LH0170, LH0171).
/// A bucket of the platform's object store is a hole too (<see cref="BucketPath"/>), resolved per environment.
/// </summary>
public sealed partial record TableSql(string Text, IReadOnlyList<Table> Tables)
{
    public static TableSql Of(TableSqlHandler sql) => sql.Build();

    /// <summary>The object-store buckets the text names, by purpose ("raw").</summary>
    public IReadOnlyList<string> Buckets => [.. BucketToken().Matches(Text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    /// <summary>The text with each bucket hole replaced by the environment's bucket name.</summary>
    public static string ResolveBuckets(string text, Func<string, string> bucket) =>
        BucketToken().Replace(text, m => bucket(m.Groups[1].Value));

    /// <summary>Names of the form catalog.namespace.table written into a text as literals (not through a hole).</summary>
    public static IReadOnlyList<string> LiteralTableNames(string text) =>
        [.. QualifiedLiteral().Matches(text).Select(m => m.Value.ToLowerInvariant()).Distinct(StringComparer.Ordinal)];

    internal static string BucketHole(string purpose) => $"${{bucket:{purpose}}}";

    [GeneratedRegex(@"\$\{bucket:([a-z0-9-]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex BucketToken();

    // The catalog name as a whole word followed by two identifiers: what a hand-written table name looks like.
    [GeneratedRegex(@"(?<![A-Za-z0-9_.])iceberg\.[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex QualifiedLiteral();
}

/// <summary>A prefix in one of the platform's buckets, named by purpose; the environment decides the bucket's name.</summary>
/// <param name="Purpose">The bucket's purpose as declared on the object store ("raw").</param>
/// <param name="Prefix">Key prefix inside the bucket, without a leading '/'.</param>
public sealed record BucketPath(string Purpose, string Prefix)
{
    /// <summary>s3a://BUCKET/PREFIX, the bucket a hole resolved per environment.</summary>
    public override string ToString() => $"s3a://{TableSql.BucketHole(Purpose)}/{Prefix}";
}

/// <summary>Builds a <see cref="TableSql"/> from an interpolated string: tables and bucket paths are holes; other values are formatted invariantly.</summary>
[InterpolatedStringHandler]
public ref struct TableSqlHandler
{
    private readonly StringBuilder _text;
    private readonly List<Table> _tables;

    public TableSqlHandler(int literalLength, int formattedCount)
    {
        _text = new StringBuilder(literalLength + formattedCount * 24);
        _tables = [];
    }

    public readonly void AppendLiteral(string value) => _text.Append(value);

    public readonly void AppendFormatted(Table table)
    {
        _text.Append(table.QualifiedName);
        if (!_tables.Contains(table))
        {
            _tables.Add(table);
        }
    }

    public readonly void AppendFormatted(BucketPath path) => _text.Append(path.ToString());

    public readonly void AppendFormatted<T>(T value) where T : IFormattable => _text.Append(value.ToString(null, CultureInfo.InvariantCulture));

    public readonly void AppendFormatted(string value) => _text.Append(value);

    internal readonly TableSql Build() => new(_text.ToString(), _tables);
}
