using System.Diagnostics;
using Lakehouse.Model;
using Lakehouse.Model.Diagnostics;

namespace Lakehouse.Rendering.Pipeline;

/// <summary>
/// The line of the definitions an exception came from: the innermost frame of its stack trace that
/// belongs to the definition's assembly. Builds map the repository root to "/_/" (PathMap), so the
/// PDB's paths turn into repository-relative ones, the same as [CallerFilePath] locations.
/// </summary>
internal static class DefinitionLine
{
    public static SourceLocation Of(Exception e, IPlatformDefinition definition)
    {
        var assembly = definition.GetType().Assembly;
        foreach (var frame in new StackTrace(e, fNeedFileInfo: true).GetFrames())
        {
            if (frame.GetMethod()?.DeclaringType?.Assembly == assembly
                && frame.GetFileName() is { Length: > 0 } file
                && frame.GetFileLineNumber() is > 0 and var line)
            {
                return CallerLocation.From(file, line) with { Column = Math.Max(1, frame.GetFileColumnNumber()) };
            }
        }
        return SourceLocation.None;
    }
}
