using System;
using System.Collections.Immutable;
using Lakehouse.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Lakehouse.Generators.Analyzers;

/// <summary>LH1003: a ContainerImage without a tag or tagged 'latest', or an image string ending in ':latest'.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ImageTagAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticCatalogue.UnpinnedImage);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(AnalyzeCreation, OperationKind.ObjectCreation);
        context.RegisterOperationAction(AnalyzeLiteral, OperationKind.Literal);
    }

    private static void AnalyzeCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!ModelSymbols.Is(creation.Type, ModelSymbols.ContainerImage) || creation.Arguments.Length < 2)
        {
            return;
        }
        var repository = creation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string r } ? r : "(image)";
        var tag = creation.Arguments[1].Value;
        if (tag.ConstantValue is { HasValue: true, Value: string t } && (t.Length == 0 || t == "latest"))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticCatalogue.UnpinnedImage, tag.Syntax.GetLocation(),
                repository, t.Length == 0 ? "has no tag" : "is tagged 'latest'"));
        }
    }

    private static void AnalyzeLiteral(OperationAnalysisContext context)
    {
        if (context.Operation.ConstantValue is { HasValue: true, Value: string text }
            && text.EndsWith(":latest", StringComparison.Ordinal) && text.IndexOf(' ') < 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticCatalogue.UnpinnedImage, context.Operation.Syntax.GetLocation(),
                text.Substring(0, text.Length - ":latest".Length), "is tagged 'latest'"));
        }
    }
}
