using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Lakehouse.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lakehouse.CodeFixes;

/// <summary>LH1006: states the port the scheme implies ("https://api.example.com" -> "https://api.example.com:443").</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EndpointPortCodeFix)), Shared]
public sealed class EndpointPortCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("LH1006");

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal
            || literal.Token.Value is not string text || WithPort(text) is not { } fixedText)
        {
            return;
        }
        context.RegisterCodeFix(CodeAction.Create(
            $"Use '{fixedText}'",
            _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal,
                SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(fixedText))))),
            equivalenceKey: "LH1006"), context.Diagnostics);
    }

    /// <summary>The endpoint with its scheme's default port inserted after the host, or null when there is none.</summary>
    internal static string? WithPort(string text)
    {
        var schemeEnd = text.IndexOf("://", System.StringComparison.Ordinal);
        if (schemeEnd <= 0 || EndpointText.DefaultPort(text.Substring(0, schemeEnd)) is not { } port)
        {
            return null;
        }
        var hostStart = schemeEnd + 3;
        var slash = text.IndexOf('/', hostStart);
        var hostEnd = slash < 0 ? text.Length : slash;
        return text.Substring(0, hostEnd) + ":" + port + text.Substring(hostEnd);
    }
}
