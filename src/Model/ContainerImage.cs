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
            throw new ArgumentException($"image '{repository}' must be pinned to a tag other than 'latest'", nameof(tag));
        }
        Repository = repository;
        Tag = tag;
    }

    public override string ToString() => $"{Repository}:{Tag}";
}
