using Microsoft.CodeAnalysis;

namespace Lakehouse.Generators.Diagnostics;

/// <summary>
/// Every compile-time rule, with a stable ID (LH1xxx), in one place. The render-time rules (LH0xxx)
/// live in Lakehouse.Model.Diagnostics.Rules; both are documented in docs/diagnostics.md.
/// </summary>
internal static class DiagnosticCatalogue
{
    private const string HelpRoot = "https://github.com/lakehouse-gitops/lakehouse/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor IpLiteral = Rule(
        "LH1001", "Lakehouse.Network", "No IP address: endpoints are DNS names",
        "'{0}' is an IP address; use the service's DNS name");

    public static readonly DiagnosticDescriptor SecretLiteral = Rule(
        "LH1002", "Lakehouse.Security", "No secret value in code: use a SecretRef",
        "{0}; keep it in a Kubernetes Secret and reference it with SecretRef");

    public static readonly DiagnosticDescriptor UnpinnedImage = Rule(
        "LH1003", "Lakehouse.Supply", "Images are pinned to a tag that is not 'latest'",
        "image '{0}' {1}; pin a version tag");

    public static readonly DiagnosticDescriptor CloudSdk = Rule(
        "LH1004", "Lakehouse.Portability", "S3-compatible APIs only: no vendor cloud SDK",
        "'{0}' is a vendor cloud SDK; the platform reaches storage through S3-compatible APIs only");

    public static readonly DiagnosticDescriptor EnvironmentBranch = Rule(
        "LH1005", "Lakehouse.Configuration", "No branching on the environment name",
        "definitions branch on the environment name; put what differs in env/<name>.yaml and read it from the configuration");

    public static readonly DiagnosticDescriptor IncompleteEndpoint = Rule(
        "LH1006", "Lakehouse.Network", "An endpoint has a scheme, a DNS name and a port",
        "endpoint '{0}' {1}");

    public static readonly DiagnosticDescriptor UnreadableSchema = Rule(
        "LH1101", "Lakehouse.Generation", "Chart values schema can be read",
        "chart values file '{0}' cannot be read: {1}");

    public static readonly DiagnosticDescriptor UnreadableCrd = Rule(
        "LH1102", "Lakehouse.Generation", "Custom resource definition can be read",
        "custom resource definition file '{0}' cannot be read: {1}");

    public static readonly DiagnosticDescriptor EnvironmentUnknownKey = Rule(
        "LH1201", "Lakehouse.Configuration", "Environment files use only the keys of the schema", "{0}");

    public static readonly DiagnosticDescriptor EnvironmentInvalidValue = Rule(
        "LH1202", "Lakehouse.Configuration", "Environment values have the schema's type, range and pattern", "{0}");

    public static readonly DiagnosticDescriptor EnvironmentIpLiteral = Rule(
        "LH1203", "Lakehouse.Network", "No IP address in environment files", "{0}");

    public static readonly DiagnosticDescriptor EnvironmentSecretLiteral = Rule(
        "LH1204", "Lakehouse.Security", "No secret value in environment files", "{0}");

    public static readonly DiagnosticDescriptor EnvironmentInvalidYaml = Rule(
        "LH1205", "Lakehouse.Configuration", "Environment files are valid YAML", "invalid YAML: {0}");

    public static readonly DiagnosticDescriptor EnvironmentLeftoverSection = Rule(
        "LH1206", "Lakehouse.Configuration", "No section of a backend that is not chosen", "{0}");

    public static readonly DiagnosticDescriptor EnvironmentSharedTarget = Rule(
        "LH1207", "Lakehouse.Configuration", "Each environment has its own cluster server and domain", "{0}");

    public static readonly DiagnosticDescriptor WiringNotContract = Rule(
        "LH1210", "Lakehouse.Wiring", "A wiring names a contract interface",
        "To<{0}>: '{0}' is not a contract interface; name the contract the need is of, e.g. To<{1}>(...)");

    /// <summary>The descriptor of a rule by its ID, for diagnostics carried through the pipeline as plain data.</summary>
    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "LH1101" => UnreadableSchema,
        "LH1102" => UnreadableCrd,
        "LH1201" => EnvironmentUnknownKey,
        "LH1202" => EnvironmentInvalidValue,
        "LH1203" => EnvironmentIpLiteral,
        "LH1204" => EnvironmentSecretLiteral,
        "LH1206" => EnvironmentLeftoverSection,
        "LH1207" => EnvironmentSharedTarget,
        _ => EnvironmentInvalidYaml,
    };

    private static DiagnosticDescriptor Rule(string id, string category, string title, string message) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: title + ".", helpLinkUri: HelpRoot + id.ToLowerInvariant());
}
