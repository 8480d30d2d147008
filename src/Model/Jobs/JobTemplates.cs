using System.Reflection;
using Scriban;
using Scriban.Runtime;

namespace Lakehouse.Model.Jobs;

/// <summary>The orchestrators' code templates (embedded .sbn files), parsed once.</summary>
internal static class JobTemplates
{
    private static readonly Lazy<Template> AirflowDag = new(() => Load("airflow-dag.py.sbn"));
    private static readonly Lazy<Template> DagsterDefinitions = new(() => Load("dagster-definitions.py.sbn"));

    public static string RenderAirflowDag(ScriptObject model) => Render(AirflowDag.Value, model);

    public static string RenderDagsterDefinitions(ScriptObject model) => Render(DagsterDefinitions.Value, model);

    private static string Render(Template template, ScriptObject model)
    {
        var context = new TemplateContext { StrictVariables = true, NewLine = "\n" };
        context.PushGlobal(model);
        return template.Render(context).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static Template Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Lakehouse.Model.Jobs.Templates.{name}")
            ?? throw new InvalidOperationException($"template {name} is not embedded");
        using var reader = new StreamReader(stream);
        var template = Template.Parse(reader.ReadToEnd(), name);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"template {name}: {string.Join("; ", template.Messages)}");
        }
        return template;
    }
}
