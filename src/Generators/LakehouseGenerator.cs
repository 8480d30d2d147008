using Microsoft.CodeAnalysis;

namespace Lakehouse.Generators;

/// <summary>Entry point of the incremental generator; the pipeline is wired in later work.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class LakehouseGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
