using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lakehouse.Tests.Hydration.Checks;

/// <summary>
/// No rendered value carries a template error: Go's formatting of a missing value (%!s(&lt;nil&gt;),
/// %!d(string=...)) or text/template's &lt;no value&gt;. Secret data is read decoded from base64, where
/// such a value otherwise hides (Airflow's broker URL Secret built from an unset Redis password).
/// </summary>
internal static partial class TemplateErrorCheck
{
    public const string Name = "template-errors";

    [GeneratedRegex(@"%!\w\([^)]*\)|<no value>")]
    private static partial Regex Marker();

    public static IEnumerable<Finding> Check(IEnumerable<Manifest> objects)
    {
        foreach (var o in objects.Where(o => o.Kind != "CustomResourceDefinition"))
        {
            var decoded = o.Kind == "Secret" && o.Group.Length == 0
                ? (o.Body["data"] as JsonObject ?? []).Select(p => (Path: $"data.{p.Key}", Text: Decode((string?)p.Value)))
                : [];
            foreach (var (path, text) in Strings(o.Body, "").Concat(decoded))
            {
                if (Marker().Match(text) is { Success: true } m)
                {
                    yield return new Finding(Name, o.Application.Component, o.Id, $"{path} holds the template error '{m.Value}'");
                }
            }
        }
    }

    private static string Decode(string? base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64 ?? ""));
        }
        catch (FormatException)
        {
            return "";
        }
    }

    private static IEnumerable<(string, string)> Strings(JsonNode? node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value, path.Length == 0 ? p.Key : $"{path}.{p.Key}")),
        JsonArray a => a.SelectMany((n, i) => Strings(n, $"{path}[{i}]")),
        JsonValue v when v.TryGetValue<string>(out var s) => [(path, s)],
        _ => [],
    };
}
