using System.Linq;

namespace Lakehouse.Generators.Generation;

/// <summary>
/// Charts ship some CRDs as templates wrapped in whole-line directives (`{{- if .Values.crds.install }}` ...
/// `{{- end }}`, `{{- with .Values.crds.annotations }}`). The schema is plain YAML between them: drop the
/// directive lines (and nothing else) so the CRD parses as it would render with the chart's defaults.
/// </summary>
internal static class TemplateDirectives
{
    public static string Strip(string text)
    {
        if (!text.Contains("{{"))
        {
            return text;
        }
        var lines = text.Replace("\r\n", "\n").Split('\n')
            .Select(line => IsDirective(line) ? "" : line);
        return string.Join("\n", lines);
    }

    private static bool IsDirective(string line)
    {
        var trimmed = line.Trim();
        return trimmed.StartsWith("{{", System.StringComparison.Ordinal) && trimmed.EndsWith("}}", System.StringComparison.Ordinal);
    }
}
