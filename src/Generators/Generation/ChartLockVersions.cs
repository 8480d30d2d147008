using System;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lakehouse.Generators.Generation;

/// <summary>
/// The chart version a generated values type documents comes from the repository's charts.lock.yaml (an
/// AdditionalFiles item with LakehouseChartLock="true", which build/Lakehouse.Generators.props adds), the only
/// place a chart version is written; an explicit LakehouseChartVersion still wins for a chart outside the lock.
/// A malformed lock is left to the render, which reports it at its line (LH0070).
/// </summary>
internal static class ChartLockVersions
{
    public static GeneratorInput Apply(GeneratorInput input, string lockText)
    {
        if (input.Kind == InputKind.CustomResourceDefinition || input.Version.Length > 0 || lockText.Length == 0)
        {
            return input;
        }
        return DefaultVersion(lockText, input.Name) is { } version ? input with { Version = version } : input;
    }

    /// <summary>charts.&lt;name&gt;.version of the lock, or null.</summary>
    public static string? DefaultVersion(string lockText, string chart)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(lockText));
        }
        catch (YamlException)
        {
            return null;
        }
        return stream.Documents.Count > 0
            && stream.Documents[0].RootNode is YamlMappingNode root
            && root.Children.TryGetValue(new YamlScalarNode("charts"), out var charts) && charts is YamlMappingNode byName
            && byName.Children.TryGetValue(new YamlScalarNode(chart), out var entry) && entry is YamlMappingNode fields
            && fields.Children.TryGetValue(new YamlScalarNode("version"), out var version) && version is YamlScalarNode { Value: { Length: > 0 } value }
            ? value
            : null;
    }
}
