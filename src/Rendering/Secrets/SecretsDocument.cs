using System.Text;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Renderers;
using Lakehouse.Rendering.Review.Graph;
using Lakehouse.Rendering.Tree;

namespace Lakehouse.Rendering.Secrets;

/// <summary>
/// docs/secrets/ENV.md: what an operator must put into one environment's external store, generated from the
/// declarations (the only values the platform cannot generate or template itself). One file per environment, so a
/// change to one environment changes only its own list; written and drift-checked like docs/graph/ENV.md
/// (<see cref="GraphFiles.IsEnvironmentDocument"/>).
/// </summary>
public sealed class SecretsDocument : IRenderer
{
    public const string Folder = "docs/secrets";

    public static string For(string environment) => $"{Folder}/{environment}.md";

    public void Render(PlatformRender platform, GitOpsLayout layout, GitOpsTree tree)
    {
        foreach (var environment in platform.Environments)
        {
            tree.Add(For(environment.Name), Text(environment));
        }
    }

    public static string Text(EnvironmentRender environment)
    {
        var inventory = environment.Secrets;
        var text = new StringBuilder();
        text.Append(GraphFiles.Marker).Append("; do not edit. Change definitions/ or env/ and run 'dotnet build'. -->\n");
        text.Append($"# Secrets of environment `{environment.Name}`: what an operator puts into the store\n\n");
        text.Append($"Store ({environment.SourceFile}, `secrets:`): {(inventory.StoreDescription.Length > 0 ? inventory.StoreDescription : "none")}.\n\n");
        text.Append($"The platform declares {inventory.Secrets.Count} Secrets (docs/secrets.md); {inventory.Generated.Count} values in them are generated once by the ")
            .Append("External Secrets Operator and the rest are templated from those and from the entries below. ")
            .Append("Only these entries must be put into the store, before the Applications that read them sync:\n\n");
        if (inventory.Store.Count == 0)
        {
            text.Append("None: every value is generated or templated.\n");
            return text.ToString();
        }
        text.Append("| store key | property | what to put there | embedded in (namespace/Secret) |\n|---|---|---|---|\n");
        foreach (var entry in inventory.Store)
        {
            text.Append($"| `{entry.Key}` | `{entry.Property}` | {entry.Value.Description.Replace("|", "\\|", StringComparison.Ordinal)} | {string.Join(", ", entry.EmbeddedIn)} |\n");
        }
        return text.ToString();
    }
}
