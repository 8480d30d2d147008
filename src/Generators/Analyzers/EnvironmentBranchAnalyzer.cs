using System.Collections.Immutable;
using Lakehouse.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Lakehouse.Generators.Analyzers;

/// <summary>
/// LH1005: code that decides on EnvironmentConfig.Name (comparisons, switches, patterns, string tests).
/// Configuration belongs in env/; definitions read values, never the environment's name.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EnvironmentBranchAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticCatalogue.EnvironmentBranch);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(AnalyzePropertyReference, OperationKind.PropertyReference);
    }

    private static void AnalyzePropertyReference(OperationAnalysisContext context)
    {
        var reference = (IPropertyReferenceOperation)context.Operation;
        if (reference.Property.Name != "Name" || !ModelSymbols.Is(reference.Property.ContainingType, ModelSymbols.EnvironmentConfig))
        {
            return;
        }
        var decision = DecisionOn(reference);
        if (decision is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticCatalogue.EnvironmentBranch, decision.Syntax.GetLocation()));
        }
    }

    /// <summary>The operation that decides on the name, if the name is used to decide.</summary>
    private static IOperation? DecisionOn(IOperation name)
    {
        var parent = name.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }
        return parent switch
        {
            IBinaryOperation binary when binary.OperatorKind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals => binary,
            ISwitchOperation @switch => @switch.Value.Syntax is { } ? @switch : null,
            ISwitchExpressionOperation expression => expression,
            IIsPatternOperation pattern => pattern,
            IInvocationOperation invocation when invocation.TargetMethod.ContainingType.SpecialType == SpecialType.System_String
                && invocation.TargetMethod.Name is "Equals" or "StartsWith" or "EndsWith" or "Contains" => invocation,
            IArgumentOperation { Parent: IInvocationOperation call } when call.TargetMethod.ContainingType.SpecialType == SpecialType.System_String
                && call.TargetMethod.Name is "Equals" => call,
            _ => null,
        };
    }
}
