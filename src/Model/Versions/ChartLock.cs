using System.Text.RegularExpressions;
using Lakehouse.Model.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lakehouse.Model.Versions;

/// <summary>
/// The repository's chart lock (charts.lock.yaml): every chart the platform may deploy, each at the versions
/// the repository allows with the digest of their content, and every image's default tag. It is the only
/// place a chart version or a default image tag is written; env/ may pick another locked version per
/// environment. The restore (Lakehouse.ChartRestore) brings each locked chart version into the chart cache.
/// </summary>
public sealed partial record ChartLock(string Path, IReadOnlyDictionary<string, LockedChart> Charts, IReadOnlyDictionary<string, LockedImage> Images)
{
    /// <summary>The lock's file name, in the repository root beside env/.</summary>
    public const string FileName = "charts.lock.yaml";

    /// <summary>The digest of a locked version that could not be obtained when the lock was written.</summary>
    public const string Unverified = "unverified";

    /// <summary>Reads the lock under <paramref name="root"/>; a missing or malformed lock is an LH0070 diagnostic.</summary>
    public static ChartLock? Load(string root, List<Diagnostic> diagnostics)
    {
        var file = System.IO.Path.Combine(root, FileName);
        if (!File.Exists(file))
        {
            diagnostics.Add(new Diagnostic(Rules.InvalidChartLock, new SourceLocation(FileName, 0, 0),
                $"no {FileName} in the repository root: the chart lock names every chart and image version the platform deploys (docs/charts.md)"));
            return null;
        }
        return Parse(FileName, File.ReadAllText(file), diagnostics);
    }

    /// <summary>Parses lock text; every problem is located at its key or value in <paramref name="path"/>.</summary>
    public static ChartLock? Parse(string path, string text, List<Diagnostic> diagnostics)
    {
        var before = diagnostics.Count;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            diagnostics.Add(new Diagnostic(Rules.InvalidChartLock, At(path, e.Start), $"invalid YAML: {e.InnerException?.Message ?? e.Message}"));
            return null;
        }
        var reader = new Reader(path, diagnostics);
        var root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        if (root is null)
        {
            diagnostics.Add(new Diagnostic(Rules.InvalidChartLock, new SourceLocation(path, 1, 1), "the lock is a map with 'charts' and 'images'"));
            return null;
        }
        var charts = new SortedDictionary<string, LockedChart>(StringComparer.Ordinal);
        var images = new SortedDictionary<string, LockedImage>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            switch (key)
            {
                case "lockVersion":
                    if (reader.Scalar(value, key) is { } v && v != "1")
                    {
                        reader.Error(value, $"lockVersion '{v}' is not supported (expected 1)");
                    }
                    break;
                case "charts":
                    foreach (var (name, node) in reader.Map(value, key))
                    {
                        if (reader.Chart(name, node) is { } chart)
                        {
                            charts[chart.Name] = chart;
                        }
                    }
                    break;
                case "images":
                    foreach (var (name, node) in reader.Map(value, key))
                    {
                        if (reader.Image(name, node) is { } image)
                        {
                            images[image.Key] = image;
                        }
                    }
                    break;
                default:
                    reader.Error(keyNode, $"unknown key '{key}' (allowed: lockVersion, charts, images)");
                    break;
            }
        }
        return diagnostics.Count > before ? null : new ChartLock(path, charts, images);
    }

    /// <summary>Every locked chart version, in name and version order: what the restore brings into the cache.</summary>
    public IEnumerable<(LockedChart Chart, LockedVersion Version)> Entries =>
        Charts.Values.SelectMany(c => c.Versions.Select(v => (c, v)));

    internal static SourceLocation At(string path, Mark mark) => new(path, (int)mark.Line, (int)mark.Column);

    // Semantic version without ranges or wildcards, as HelmChart requires.
    [GeneratedRegex(@"^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$", RegexOptions.CultureInvariant)]
    internal static partial Regex ExactVersion();

    [GeneratedRegex(@"^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    private sealed class Reader(string path, List<Diagnostic> diagnostics)
    {
        public void Error(YamlNode node, string message) =>
            diagnostics.Add(new Diagnostic(Rules.InvalidChartLock, At(path, node.Start), message));

        public string? Scalar(YamlNode node, string what)
        {
            if (node is YamlScalarNode { Value: { Length: > 0 } s })
            {
                return s;
            }
            Error(node, $"{what}: a value is expected");
            return null;
        }

        public IEnumerable<(YamlScalarNode Key, YamlNode Value)> Map(YamlNode node, string what)
        {
            if (node is not YamlMappingNode map)
            {
                Error(node, $"{what}: a map is expected");
                return [];
            }
            return map.Children.Select(c => ((YamlScalarNode)c.Key, c.Value));
        }

        public LockedChart? Chart(YamlScalarNode nameNode, YamlNode node)
        {
            var name = nameNode.Value ?? "";
            if (!NamePattern().IsMatch(name))
            {
                Error(nameNode, $"chart name '{name}' must be a chart name (lower case letters, digits, '-')");
            }
            string? repository = null, git = null, gitPath = null, version = null;
            YamlNode? versionNode = null;
            var versions = new List<LockedVersion>();
            foreach (var (keyNode, value) in Map(node, $"charts.{name}"))
            {
                var key = keyNode.Value ?? "";
                switch (key)
                {
                    case "repository": repository = Url(value, $"charts.{name}.repository"); break;
                    case "git": git = Url(value, $"charts.{name}.git"); break;
                    case "path": gitPath = Scalar(value, $"charts.{name}.path"); break;
                    case "version": version = Scalar(value, $"charts.{name}.version"); versionNode = value; break;
                    case "locked":
                        foreach (var (v, digestNode) in Map(value, $"charts.{name}.locked"))
                        {
                            if (Version(name, v, digestNode) is { } locked)
                            {
                                versions.Add(locked);
                            }
                        }
                        break;
                    default:
                        Error(keyNode, $"charts.{name}: unknown key '{key}' (allowed: repository, git, path, version, locked)");
                        break;
                }
            }
            if ((repository is null) == (git is null))
            {
                Error(nameNode, $"charts.{name}: give either 'repository' (a Helm repository) or 'git' with 'path' (a chart in a Git repository)");
                return null;
            }
            if (git is not null && (gitPath is null || !git.EndsWith(".git", StringComparison.Ordinal)))
            {
                Error(nameNode, $"charts.{name}: a Git chart needs the clone URL ending in .git and 'path', its folder in the repository");
                return null;
            }
            if (version is null || versionNode is null)
            {
                Error(nameNode, $"charts.{name}: 'version' (what every environment deploys unless env/ picks another locked version) is missing");
                return null;
            }
            if (!versions.Any(v => v.Version == version))
            {
                Error(versionNode, $"charts.{name}.version: '{version}' is not locked; add '{version}: <digest>' under charts.{name}.locked");
                return null;
            }
            return new LockedChart(name, repository ?? git!, gitPath, version, versions.OrderBy(v => v.Version, StringComparer.Ordinal).ToList(), At(path, nameNode.Start));
        }

        private LockedVersion? Version(string chart, YamlScalarNode versionNode, YamlNode digestNode)
        {
            var version = versionNode.Value ?? "";
            if (!ExactVersion().IsMatch(version))
            {
                Error(versionNode, $"charts.{chart}.locked: '{version}' is not an exact version (no range, no wildcard)");
                return null;
            }
            var digest = Scalar(digestNode, $"charts.{chart}.locked.{version}");
            if (digest is null)
            {
                return null;
            }
            if (digest != Unverified && !DigestPattern().IsMatch(digest))
            {
                Error(digestNode, $"charts.{chart}.locked.{version}: '{digest}' is neither 'sha256:<64 hex digits>' nor '{Unverified}'");
                return null;
            }
            return new LockedVersion(version, digest == Unverified ? null : digest, At(path, versionNode.Start));
        }

        private string? Url(YamlNode node, string what)
        {
            var text = Scalar(node, what);
            if (text is null)
            {
                return null;
            }
            // Plain http only on the loopback interface: a local test repository, never a remote one.
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !(uri.Scheme == "https" || (uri.Scheme == "http" && uri.IsLoopback)))
            {
                Error(node, $"{what}: '{text}' must be an https:// URL");
                return null;
            }
            return text;
        }

        public LockedImage? Image(YamlScalarNode keyNode, YamlNode node)
        {
            var key = keyNode.Value ?? "";
            var text = Scalar(node, $"images.{key}");
            if (text is null)
            {
                return null;
            }
            var colon = text.LastIndexOf(':');
            if (colon <= text.LastIndexOf('/') || colon == text.Length - 1)
            {
                Error(node, $"images.{key}: '{text}' must be repository:tag");
                return null;
            }
            var tag = text[(colon + 1)..];
            if (tag == "latest")
            {
                diagnostics.Add(new Diagnostic(Rules.UnpinnedVersion, At(path, node.Start), $"images.{key}: '{text}' is not pinned; use a tag other than 'latest'"));
                return null;
            }
            return new LockedImage(key, text[..colon], tag, At(path, node.Start));
        }
    }
}
