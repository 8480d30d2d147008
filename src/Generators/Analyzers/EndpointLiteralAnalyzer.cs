using System;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Lakehouse.Generators.Diagnostics;
using Lakehouse.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Lakehouse.Generators.Analyzers;

/// <summary>
/// LH1001: an IP literal, in any notation (IpNotation), flowing into an Endpoint, or into any parameter,
/// property, field, constant or local named like a host, URL, URI, endpoint, server or address. LH1006: an Endpoint.Parse literal without scheme or port.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EndpointLiteralAnalyzer : DiagnosticAnalyzer
{
    private static readonly Regex AddressName = new("(host|url|uri|endpoint|server|address)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticCatalogue.IpLiteral, DiagnosticCatalogue.IncompleteEndpoint);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(AnalyzeArgument, OperationKind.Argument);
        context.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
        context.RegisterSyntaxNodeAction(AnalyzeVariable, SyntaxKind.VariableDeclarator);
        context.RegisterSyntaxNodeAction(AnalyzeProperty, SyntaxKind.PropertyDeclaration);
    }

    // Fields, constants, locals and properties named like a host, initialised with a literal.
    private static void AnalyzeVariable(SyntaxNodeAnalysisContext context)
    {
        var declarator = (VariableDeclaratorSyntax)context.Node;
        ReportDeclared(context, declarator.Identifier.ValueText, declarator.Initializer?.Value);
    }

    private static void AnalyzeProperty(SyntaxNodeAnalysisContext context)
    {
        var property = (PropertyDeclarationSyntax)context.Node;
        ReportDeclared(context, property.Identifier.ValueText, property.Initializer?.Value ?? property.ExpressionBody?.Expression);
    }

    private static void ReportDeclared(SyntaxNodeAnalysisContext context, string name, ExpressionSyntax? value)
    {
        if (value is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
            && AddressName.IsMatch(name) && Literals.FindIp(literal.Token.ValueText, name) is { } ip)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticCatalogue.IpLiteral, value.GetLocation(), ip));
        }
    }

    private static void AnalyzeArgument(OperationAnalysisContext context)
    {
        var argument = (IArgumentOperation)context.Operation;
        if (argument.Parameter is null || Constant(argument.Value) is not { } text)
        {
            return;
        }
        var method = argument.Parameter.ContainingSymbol as IMethodSymbol;
        var onEndpoint = ModelSymbols.Is(method?.ContainingType, ModelSymbols.Endpoint);
        if (Literals.FindIp(text, argument.Parameter.Name) is { } ip && (onEndpoint || AddressName.IsMatch(argument.Parameter.Name)))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticCatalogue.IpLiteral, argument.Value.Syntax.GetLocation(), ip));
            return;
        }
        if (onEndpoint && method!.Name == "Parse" && argument.Parameter.Ordinal == 0 && EndpointText.Problem(text) is { } problem)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticCatalogue.IncompleteEndpoint, argument.Value.Syntax.GetLocation(), text, problem));
        }
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        var name = assignment.Target switch
        {
            IPropertyReferenceOperation p => p.Property.Name,
            IFieldReferenceOperation f => f.Field.Name,
            _ => null,
        };
        if (name is not null && AddressName.IsMatch(name) && Constant(assignment.Value) is { } text && Literals.FindIp(text, name) is { } ip)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticCatalogue.IpLiteral, assignment.Value.Syntax.GetLocation(), ip));
        }
    }

    private static string? Constant(IOperation value) =>
        value.ConstantValue is { HasValue: true, Value: string s } ? s : null;
}

/// <summary>What is missing from an endpoint literal ("scheme://dns-name:port[/path]"), or null.</summary>
internal static class EndpointText
{
    public static string? Problem(string text)
    {
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return "has no scheme (expected scheme://dns-name:port)";
        }
        var rest = text.Substring(schemeEnd + 3);
        var slash = rest.IndexOf('/');
        var authority = slash < 0 ? rest : rest.Substring(0, slash);
        if (authority.IndexOf('@') >= 0)
        {
            return "carries credentials; use a SecretRef";
        }
        var colon = authority.LastIndexOf(':');
        return colon < 0 ? "has no port (expected scheme://dns-name:port)" : null;
    }

    /// <summary>The port a scheme implies, for the code fix that states it.</summary>
    public static int? DefaultPort(string scheme) => scheme switch
    {
        "https" or "grpcs" => 443,
        "http" or "grpc" => 80,
        "postgresql" => 5432,
        "redis" or "rediss" => 6379,
        "thrift" => 9083,
        _ => null,
    };
}
