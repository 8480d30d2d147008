using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Observability;

/// <summary>One label matcher of a vector selector: label, operator (=, !=, =~, !~) and value.</summary>
internal sealed record LabelMatcher(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("op")] string Op,
    [property: JsonPropertyName("value")] string Value)
{
    /// <summary>Whether a series whose label has <paramref name="actual"/> matches; regexes are anchored, as Prometheus anchors them.</summary>
    public bool Holds(string actual) => Op switch
    {
        "=" => actual == Value,
        "!=" => actual != Value,
        "=~" => System.Text.RegularExpressions.Regex.IsMatch(actual, $"^(?:{Value})$"),
        "!~" => !System.Text.RegularExpressions.Regex.IsMatch(actual, $"^(?:{Value})$"),
        _ => throw new InvalidOperationException($"unknown matcher operator {Op}"),
    };
}

/// <summary>A vector selector: metric name (null for a bare {...}) and its matchers.</summary>
internal sealed record VectorSelector(
    [property: JsonPropertyName("metric")] string? Metric,
    [property: JsonPropertyName("matchers")] IReadOnlyList<LabelMatcher> Matchers);

/// <summary>A syntax error's span in the expression.</summary>
internal sealed record SyntaxError([property: JsonPropertyName("from")] int From, [property: JsonPropertyName("to")] int To);

/// <summary>One expression as the Prometheus grammar parsed it.</summary>
internal sealed record ParsedExpression(
    [property: JsonPropertyName("expr")] string Expr,
    [property: JsonPropertyName("errors")] IReadOnlyList<SyntaxError> Errors,
    [property: JsonPropertyName("selectors")] IReadOnlyList<VectorSelector> Selectors,
    [property: JsonPropertyName("functions")] IReadOnlyList<string> Functions);

/// <summary>
/// PromQL parsed by the Prometheus project's own grammar (@prometheus-io/lezer-promql, which Prometheus' web UI
/// parses with), run as `node promql.mjs` from the project's Node test tools (<see cref="NodeTools"/>). One process per batch
/// of expressions.
/// </summary>
internal static class PromQl
{
    public static IReadOnlyList<ParsedExpression> Parse(IReadOnlyList<string> expressions) =>
        JsonSerializer.Deserialize<List<ParsedExpression>>(NodeTools.Run("promql.mjs", JsonSerializer.Serialize(expressions)))!;

    public static ParsedExpression Parse(string expression) => Parse([expression])[0];
}
