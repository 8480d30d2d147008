using System.Collections.Immutable;
using Lakehouse.Generators.Diagnostics;
using Lakehouse.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Lakehouse.Generators.Analyzers;

/// <summary>
/// LH1002: a string literal shaped like a credential (private key, cloud access key ID, token, URL or
/// connection string with a password), or a string literal given to anything named like a credential
/// (the rule of <c>CredentialName</c>): a parameter (named or positional argument), a property or field
/// (assigned or initialised, const, static readonly), a local (<c>var password = "hunter2";</c>), an
/// expression-bodied property. Not flagged: nameof(...), empty strings, run-time indirections
/// (<c>${ENV:X}</c>, <c>$(X)</c>, mounted file paths) and the arguments of SecretRef, which names a Secret.
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
        // Declarations are syntax: const fields have no operation tree, and one path for locals, fields
        // and properties keeps the three alike.
        context.RegisterSyntaxNodeAction(AnalyzeVariable, SyntaxKind.VariableDeclarator);
        context.RegisterSyntaxNodeAction(AnalyzeProperty, SyntaxKind.PropertyDeclaration);
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
        if (argument.Parameter is { } parameter
            && !ModelSymbols.Is(parameter.ContainingType, ModelSymbols.SecretRef))
        {
            ReportNamed(context.ReportDiagnostic, parameter.Name, argument.Value.Syntax);
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
            ReportNamed(context.ReportDiagnostic, name, assignment.Value.Syntax);
        }
    }

    private static void AnalyzeVariable(SyntaxNodeAnalysisContext context)
    {
        var declarator = (VariableDeclaratorSyntax)context.Node;
        if (declarator.Initializer is { } initializer)
        {
            ReportNamed(context.ReportDiagnostic, declarator.Identifier.ValueText, initializer.Value);
        }
    }

    private static void AnalyzeProperty(SyntaxNodeAnalysisContext context)
    {
        var property = (PropertyDeclarationSyntax)context.Node;
        var value = property.Initializer?.Value ?? property.ExpressionBody?.Expression;
        if (value is not null)
        {
            ReportNamed(context.ReportDiagnostic, property.Identifier.ValueText, value);
        }
    }

    /// <summary>
    /// A string literal (not a constant built otherwise: nameof and constants are names, not values)
    /// under a credential's name. Literals shaped like a known secret are reported once, by AnalyzeLiteral.
    /// </summary>
    private static void ReportNamed(System.Action<Diagnostic> report, string name, SyntaxNode value)
    {
        if (value is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
            && literal.Token.ValueText is { Length: > 0 } text
            && Literals.IsSecretName(name)
            && !Lakehouse.Model.Checks.CredentialName.IsReference(text)
            && Literals.FindSecret(text) is null)
        {
            report(Diagnostic.Create(DiagnosticCatalogue.SecretLiteral, value.GetLocation(), $"'{name}' holds a credential"));
        }
    }
}
