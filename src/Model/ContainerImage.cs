using Lakehouse.Model.Diagnostics;

namespace Lakehouse.Model;

/// <summary>A container image pinned to a tag that is not 'latest'.</summary>
public sealed record ContainerImage
{
    public string Repository { get; }
    public string Tag { get; }

    public ContainerImage(string repository, string tag)
    {
        if (string.IsNullOrWhiteSpace(tag) || tag == "latest")
        {
            // No location here: the render places it at the definition line of the component (LH0011).
            throw new RuleViolationException(new Diagnostic(Rules.UnpinnedVersion, SourceLocation.None,
                $"image '{repository}' must be pinned to a tag other than 'latest' (found '{tag}')"));
        }
        Repository = repository;
        Tag = tag;
    }

    public override string ToString() => $"{Repository}:{Tag}";
}
