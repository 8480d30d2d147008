using System;
using System.Collections.Immutable;
using Lakehouse.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Lakehouse.Generators.Analyzers;

/// <summary>LH1004: using or naming a vendor cloud SDK namespace (Amazon.*, Azure.*, Google.Cloud.*).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CloudSdkAnalyzer : DiagnosticAnalyzer
{
    private static readonly string[] Vendors = ["Amazon", "Azure", "Google.Cloud"];

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticCatalogue.CloudSdk);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(AnalyzeUsing, SyntaxKind.UsingDirective);
        context.RegisterSyntaxNodeAction(AnalyzeQualifiedName, SyntaxKind.QualifiedName, SyntaxKind.AliasQualifiedName);
    }

    internal static bool IsVendor(string name)
    {
        var plain = name.StartsWith("global::", StringComparison.Ordinal) ? name.Substring(8) : name;
        foreach (var vendor in Vendors)
        {
            if (plain == vendor || plain.StartsWith(vendor + ".", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static void AnalyzeUsing(SyntaxNodeAnalysisContext context)
    {
        var directive = (UsingDirectiveSyntax)context.Node;
        if (directive.Name is { } name && IsVendor(name.ToString()))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticCatalogue.CloudSdk, directive.GetLocation(), name.ToString()));
        }
    }

    private static void AnalyzeQualifiedName(SyntaxNodeAnalysisContext context)
    {
        // Only the outermost name; never inside a using directive (reported there) or a namespace's own name.
        if (context.Node.Parent is QualifiedNameSyntax or AliasQualifiedNameSyntax or BaseNamespaceDeclarationSyntax
            || context.Node.FirstAncestorOrSelf<UsingDirectiveSyntax>() is not null)
        {
            return;
        }
        var text = context.Node.ToString();
        if (IsVendor(text))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticCatalogue.CloudSdk, context.Node.GetLocation(), text));
        }
    }
}
