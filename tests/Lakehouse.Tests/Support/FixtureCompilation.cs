using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Lakehouse.Tests.Support;

/// <summary>
/// Compiles C# fixtures with Roslyn against the runtime and Lakehouse.Model, for claims of the form "this does
/// not compile" (closed hierarchies: catalog backends, task kinds).
/// </summary>
internal static class FixtureCompilation
{
    private static readonly MetadataReference[] References =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(Lakehouse.Model.Component).Assembly.Location))
            .ToArray();

    /// <summary>The distinct ids of the errors compiling <paramref name="sources"/> as one library reports.</summary>
    public static IReadOnlyList<string> Errors(params string[] sources)
    {
        var compilation = CSharpCompilation.Create("Fixture",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest))),
            References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).Distinct().ToList();
    }
}
