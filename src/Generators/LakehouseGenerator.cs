using Lakehouse.Generators.Diagnostics;
using Lakehouse.Generators.Generation;
using System.Linq;
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
        // The chart lock (charts.lock.yaml): chart versions for the generated types' documentation.
        var chartLock = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(pair => Flag(pair.Right.GetOptions(pair.Left), "LakehouseChartLock"))
            .Select((pair, ct) => pair.Left.GetText(ct)?.ToString() ?? "")
            .Collect()
            .Select((texts, _) => texts.FirstOrDefault() ?? "");

        var inputs = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select((pair, ct) => GeneratorParser.ReadInput(pair.Left, pair.Right.GetOptions(pair.Left), ct))
            .Where(input => input is not null)
            .Combine(chartLock)
            .Select((pair, _) => ChartLockVersions.Apply(pair.Left!, pair.Right))
            .WithTrackingName(TrackingNames.Inputs);

        var units = inputs
            .Select((input, ct) => GeneratorParser.Parse(input, ct))
            .WithTrackingName(TrackingNames.Units);

        context.RegisterSourceOutput(units.Where(u => u.Types.Count > 0).WithTrackingName(TrackingNames.Sources),
            static (spc, unit) => spc.AddSource(unit.HintName, SourceText.From(SourceEmitter.Emit(unit), System.Text.Encoding.UTF8)));

        context.RegisterSourceOutput(units.SelectMany((u, _) => u.Diagnostics.Items).WithTrackingName(TrackingNames.Diagnostics),
            static (spc, info) => spc.ReportDiagnostic(ToDiagnostic(info)));

        var schema = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(pair => Flag(pair.Right.GetOptions(pair.Left), "LakehouseEnvironmentSchema"))
            .Select((pair, ct) => pair.Left.GetText(ct)?.ToString() ?? "")
            .Collect()
            .Select((texts, _) => texts.FirstOrDefault() ?? "");

        var environments = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(pair => Flag(pair.Right.GetOptions(pair.Left), "LakehouseEnvironment"))
            .Select((pair, ct) => (Path: pair.Left.Path.Replace('\\', '/'), Text: pair.Left.GetText(ct)?.ToString() ?? ""))
            .Combine(schema)
            .Select((pair, _) => EnvironmentChecker.Check(new EnvironmentInput(pair.Left.Path, pair.Left.Text, pair.Right)))
            .WithTrackingName(TrackingNames.Environments);

        context.RegisterSourceOutput(environments.SelectMany((e, _) => e.Diagnostics.Items),
            static (spc, info) => spc.ReportDiagnostic(ToDiagnostic(info)));

        context.RegisterSourceOutput(environments.Collect().SelectMany((all, _) => EnvironmentChecker.SharedTargets(all)),
            static (spc, info) => spc.ReportDiagnostic(ToDiagnostic(info)));

        context.RegisterSourceOutput(environments.Select((e, _) => e.Name).Collect(),
            static (spc, names) =>
            {
                if (names.Length > 0)
                {
                    spc.AddSource("LakehouseEnvironments.g.cs", SourceText.From(EnvironmentAccessorEmitter.Emit(names), System.Text.Encoding.UTF8));
                }
            });
    }

    private static bool Flag(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions options, string name) =>
        options.TryGetValue("build_metadata.AdditionalFiles." + name, out var value) && string.Equals(value, "true", System.StringComparison.OrdinalIgnoreCase);

    private static Diagnostic ToDiagnostic(DiagnosticInfo info)
    {
        var position = new LinePosition(System.Math.Max(0, info.Line - 1), System.Math.Max(0, info.Column - 1));
        var location = Location.Create(info.Path, new TextSpan(0, 0), new LinePositionSpan(position, position));
        return info.Id is "LH1101" or "LH1102"
            ? Diagnostic.Create(DiagnosticCatalogue.ById(info.Id), location, info.Argument0, info.Argument1)
            : Diagnostic.Create(DiagnosticCatalogue.ById(info.Id), location, info.Argument0);
    }
}

/// <summary>Names of the tracked pipeline steps (asserted Cached/Unchanged in the tests).</summary>
public static class TrackingNames
{
    public const string Inputs = "LakehouseInputs";
    public const string Units = "LakehouseUnits";
    public const string Sources = "LakehouseSources";
    public const string Diagnostics = "LakehouseDiagnostics";
    public const string Environments = "LakehouseEnvironments";
}
