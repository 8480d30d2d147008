using System.Collections.Immutable;
using Lakehouse.Generators.Diagnostics;
using Lakehouse.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Lakehouse.Generators.Analyzers;

/// <summary>
/// LH1002: a string literal shaped like a credential (private key, cloud access key ID, token, URL with
/// credentials), or any literal given to a parameter or property named like a credential.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SecretLiteralAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticCatalogue.SecretLiteral);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(AnalyzeLiteral, OperationKind.Literal);
        context.RegisterOperationAction(AnalyzeArgument, OperationKind.Argument);
        context.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
    }

    private static void AnalyzeLiteral(OperationAnalysisContext context)
    {
        if (context.Operation.ConstantValue is { HasValue: true, Value: string text } && Literals.FindSecret(text) is { } kind)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticCatalogue.SecretLiteral, context.Operation.Syntax.GetLocation(), kind));
        }
    }

    private static void AnalyzeArgument(OperationAnalysisContext context)
    {
        var argument = (IArgumentOperation)context.Operation;
        if (argument.Parameter is { } parameter)
        {
            ReportNamed(context, parameter.Name, argument.Value);
        }
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        var name = assignment.Target switch
        {
            IPropertyReferenceOperation p => p.Property.Name,
            IFieldReferenceOperation f => f.Field.Name,
            ILocalReferenceOperation l => l.Local.Name,
            _ => null,
        };
        if (name is not null)
        {
            ReportNamed(context, name, assignment.Value);
        }
    }

    private static void ReportNamed(OperationAnalysisContext context, string name, IOperation value)
    {
        if (value.ConstantValue is { HasValue: true, Value: string { Length: > 0 } text }
            && Literals.IsSecretName(name) && Literals.FindSecret(text) is null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticCatalogue.SecretLiteral, value.Syntax.GetLocation(), $"'{name}' holds a credential"));
        }
    }
}
