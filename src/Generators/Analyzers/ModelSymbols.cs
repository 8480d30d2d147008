using Microsoft.CodeAnalysis;

namespace Lakehouse.Generators.Analyzers;

/// <summary>The model types the analyzers reason about, matched by metadata name.</summary>
internal static class ModelSymbols
{
    public const string Endpoint = "Lakehouse.Model.Endpoint";
    public const string ContainerImage = "Lakehouse.Model.ContainerImage";
    public const string SecretRef = "Lakehouse.Model.SecretRef";
    public const string EnvironmentConfig = "Lakehouse.Model.Configuration.EnvironmentConfig";
    public const string ConsumerWiring = "Lakehouse.Model.ConsumerWiring";
    public const string Contract = "Lakehouse.Model.Contracts.IContract";

    public static bool Is(ITypeSymbol? type, string metadataName) =>
        type is not null && type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) == metadataName;
}
