using System.Collections.Immutable;
using System.Linq;
using Lakehouse.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Lakehouse.Generators.Analyzers;

/// <summary>
/// LH1210: <c>platform.Wire(consumer).To&lt;T&gt;(provider)</c> where T is not a contract interface. C# infers
/// <c>To(adhoc)</c> as <c>To&lt;Trino&gt;</c>, which compiles (Trino is an IContract) but wires a need no
/// component declares; the render says the same as LH0120. The message names a contract the type offers.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WiringContractAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticCatalogue.WiringNotContract);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(Analyze, OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name != "To" || method.TypeArguments.Length != 1 || !ModelSymbols.Is(method.ContainingType, ModelSymbols.ConsumerWiring))
        {
            return;
        }
        var type = method.TypeArguments[0];
        if (IsContract(type))
        {
            return;
        }
        var offered = type.AllInterfaces.Where(IsContract).Select(i => i.Name).OrderBy(n => n, System.StringComparer.Ordinal).FirstOrDefault() ?? "IContract";
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticCatalogue.WiringNotContract, invocation.Syntax.GetLocation(), type.Name, offered));
    }

    /// <summary>An interface deriving from IContract, not IContract itself (as Wiring.IsContract says at render time).</summary>
    private static bool IsContract(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Interface && !ModelSymbols.Is(type, ModelSymbols.Contract)
        && type.AllInterfaces.Any(i => ModelSymbols.Is(i, ModelSymbols.Contract));
}
