using System.Text.RegularExpressions;
using Lakehouse.Model;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Corpus;

/// <summary>
/// One bad (or good) input: how to break a copy of the repository, which definitions to run, and the
/// error that must come out. <see cref="Expected"/> is "ok" or "path(line,col): LHnnnn", "path(line): LHnnnn"
/// (any column), "path: LHnnnn" (a path without a line: a folder or a whole file), or
/// "@marker: LHnnnn" for the line marked "// at:marker" in <see cref="FaultyDefinitions"/>.
/// </summary>
internal sealed record CorpusCase(string Name, string Description, Action<TempRepository> Arrange, string Expected, Func<IPlatformDefinition>? Definition = null)
{
    public bool ExpectsError => Expected != "ok";

    public override string ToString() => Name;
}

/// <summary>An error line as the host prints it: path, optional (line,col), rule.</summary>
internal sealed partial record ErrorLine(string Path, int Line, int Column, string Rule)
{
    [GeneratedRegex(@"^(?<path>[^\s()]*?)(\((?<line>\d+)(,(?<col>\d+))?\))?: (error )?(?<rule>LH\d{4})\b")]
    private static partial Regex Pattern();

    public static ErrorLine? Parse(string text)
    {
        var m = Pattern().Match(text);
        if (!m.Success)
        {
            return null;
        }
        var path = m.Groups["path"].Value;
        var line = m.Groups["line"].Success ? int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        if (path.StartsWith('@'))
        {
            line = FaultyDefinitions.LineOf(path[1..]);
            path = FaultyDefinitions.File;
        }
        var col = m.Groups["col"].Success ? int.Parse(m.Groups["col"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return new ErrorLine(path == "lakehouse" ? "" : path, line, col, m.Groups["rule"].Value);
    }

    /// <summary>Same file, line and rule; the column too when the expectation names one.</summary>
    public bool Satisfies(ErrorLine expected) =>
        Path == expected.Path && Line == expected.Line && Rule == expected.Rule && (expected.Column == 0 || Column == expected.Column);
}
