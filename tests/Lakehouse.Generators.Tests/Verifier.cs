using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Lakehouse.Generators.Tests;

/// <summary>
/// Runs analyzers and code fixes with the Roslyn testing library against the running runtime's own
/// assemblies (no reference-assembly download), plus minimal stand-ins for the model types.
/// </summary>
internal static class Verifier
{
    /// <summary>Stand-ins for the Lakehouse.Model types the analyzers match by metadata name.</summary>
    public const string ModelStubs = """
        namespace Lakehouse.Model
        {
            public sealed class Endpoint
            {
                public Endpoint(string scheme, string host, int port) { }
                public static Endpoint Parse(string value) => null!;
                public static Endpoint InCluster(string scheme, string service, string @namespace, int port) => null!;
            }
            public sealed class SecretRef { public SecretRef(string secretName, string key) { } }
            public sealed class ContainerImage { public ContainerImage(string repository, string tag) { } }
        }
        namespace Lakehouse.Model.Configuration
        {
            public sealed class EnvironmentConfig { public string Name { get; init; } = ""; }
        }
        """;

    private static readonly ImmutableArray<MetadataReference> RuntimeReferences =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f is "netstandard.dll" or "mscorlib.dll"))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();

    public static async Task Analyze<TAnalyzer>(string source, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { TestCode = source };
        Configure(test.TestState);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    public static async Task Fix<TAnalyzer, TFix>(string source, string fixedSource, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier> { TestCode = source, FixedCode = fixedSource };
        Configure(test.TestState);
        Configure(test.FixedState);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    public static DiagnosticResult Diagnostic(string id) => new(id, DiagnosticSeverity.Error);

    private static void Configure(SolutionState state)
    {
        state.ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        state.AdditionalReferences.AddRange(RuntimeReferences);
        state.Sources.Add(("ModelStubs.cs", ModelStubs));
    }
}
