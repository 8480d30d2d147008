using Lakehouse.Generators.Diagnostics;
using Lakehouse.Generators.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Lakehouse.Generators;

/// <summary>
/// Wires the pipeline only: AdditionalFiles (charts' values schemas or values.yaml, CRDs) -> small
/// equatable inputs -> generation units -> sources; diagnostics are a separate output. The work is in
/// <see cref="GeneratorParser"/> and <see cref="SourceEmitter"/>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class LakehouseGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var inputs = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select((pair, ct) => GeneratorParser.ReadInput(pair.Left, pair.Right.GetOptions(pair.Left), ct))
            .Where(input => input is not null)
            .WithTrackingName(TrackingNames.Inputs);

        var units = inputs
            .Select((input, ct) => GeneratorParser.Parse(input!, ct))
            .WithTrackingName(TrackingNames.Units);

        context.RegisterSourceOutput(units.Where(u => u.Types.Count > 0).WithTrackingName(TrackingNames.Sources),
            static (spc, unit) => spc.AddSource(unit.HintName, SourceText.From(SourceEmitter.Emit(unit), System.Text.Encoding.UTF8)));

        context.RegisterSourceOutput(units.SelectMany((u, _) => u.Diagnostics.Items).WithTrackingName(TrackingNames.Diagnostics),
            static (spc, info) => spc.ReportDiagnostic(Diagnostic.Create(
                info.Id == "LH1102" ? DiagnosticCatalogue.UnreadableCrd : DiagnosticCatalogue.UnreadableSchema,
                Location.Create(info.Path, new TextSpan(0, 0), new LinePositionSpan(new LinePosition(info.Line - 1, info.Column - 1), new LinePosition(info.Line - 1, info.Column - 1))),
                info.Argument0, info.Argument1)));
    }
}

/// <summary>Names of the tracked pipeline steps (asserted Cached/Unchanged in the tests).</summary>
public static class TrackingNames
{
    public const string Inputs = "LakehouseInputs";
    public const string Units = "LakehouseUnits";
    public const string Sources = "LakehouseSources";
    public const string Diagnostics = "LakehouseDiagnostics";
}
