using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lakehouse.CodeFixes;

/// <summary>LH1004: removes a using directive of a vendor cloud SDK namespace.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveCloudSdkUsingCodeFix)), Shared]
public sealed class RemoveCloudSdkUsingCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("LH1004");

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span) is not UsingDirectiveSyntax directive)
        {
            return;
        }
        context.RegisterCodeFix(CodeAction.Create(
            $"Remove 'using {directive.Name}'",
            _ => Task.FromResult(context.Document.WithSyntaxRoot(root.RemoveNode(directive, SyntaxRemoveOptions.KeepNoTrivia)!)),
            equivalenceKey: "LH1004"), context.Diagnostics);
    }
}
