namespace Lakehouse.Model.Diagnostics;

/// <summary>A place in a definition or environment file; paths are relative to the repository root, with '/'.</summary>
public sealed record SourceLocation(string Path, int Line, int Column)
{
    public static SourceLocation None { get; } = new("", 0, 0);

    public override string ToString() => Line > 0 ? $"{Path}({Line},{Column})" : Path;
}
