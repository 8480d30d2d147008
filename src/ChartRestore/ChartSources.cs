using Lakehouse.Model.Versions;
using YamlDotNet.RepresentationModel;

namespace Lakehouse.ChartRestore;

/// <summary>Why a chart could not be obtained, in words that name where it was looked for.</summary>
public sealed class ChartNotFoundException(string message) : Exception(message);

/// <summary>Where locked charts come from: a local mirror, or each chart's own repository.</summary>
public interface IChartSource
{
    /// <summary>The archive of <paramref name="chart"/> at <paramref name="version"/>; throws <see cref="ChartNotFoundException"/>.</summary>
    Task<byte[]> FetchAsync(LockedChart chart, string version, CancellationToken cancel);
}

/// <summary>A Helm repository's index.yaml: the archive URL of a chart version (its first `urls` entry).</summary>
internal sealed class HelmIndex
{
    private readonly YamlMappingNode? _entries;

    private HelmIndex(YamlMappingNode? entries) => _entries = entries;

    public static HelmIndex Parse(string indexText)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(indexText));
        return new HelmIndex(stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
            && root.Children.TryGetValue(new YamlScalarNode("entries"), out var entries) ? entries as YamlMappingNode : null);
    }

    public string? ArchiveUrl(string name, string version)
    {
        if (_entries is null || !_entries.Children.TryGetValue(new YamlScalarNode(name), out var list) || list is not YamlSequenceNode versions)
        {
            return null;
        }
        foreach (var entry in versions.OfType<YamlMappingNode>())
        {
            if (entry.Children.TryGetValue(new YamlScalarNode("version"), out var v) && v is YamlScalarNode { Value: var found } && found == version
                && entry.Children.TryGetValue(new YamlScalarNode("urls"), out var urls) && urls is YamlSequenceNode { Children.Count: > 0 } u
                && u.Children[0] is YamlScalarNode { Value: { Length: > 0 } url })
            {
                return url;
            }
        }
        return null;
    }
}

/// <summary>
/// A mirror: a Helm repository in a local folder (index.yaml + archives), read the way a Helm client reads a
/// repository. It makes no network request: an archive URL that is not a file of the mirror is refused.
/// </summary>
public sealed class MirrorSource(string folder) : IChartSource
{
    public const string Variable = "LAKEHOUSE_CHART_MIRROR";

    private HelmIndex? _index;

    public string Folder { get; } = Path.GetFullPath(folder);

    public Task<byte[]> FetchAsync(LockedChart chart, string version, CancellationToken cancel)
    {
        var index = Path.Combine(Folder, "index.yaml");
        if (!File.Exists(index))
        {
            throw new ChartNotFoundException($"the mirror {Folder} has no index.yaml");
        }
        // Read once per restore: the mirror does not change under it.
        _index ??= HelmIndex.Parse(File.ReadAllText(index));
        var url = _index.ArchiveUrl(chart.Name, version)
            ?? throw new ChartNotFoundException($"the mirror {Folder} has no {chart.Name} {version} in its index.yaml");
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && !absolute.IsFile)
        {
            throw new ChartNotFoundException($"the mirror's index names {url} for {chart.Name} {version}, outside the mirror");
        }
        var path = Path.GetFullPath(absolute?.IsFile == true ? absolute.LocalPath : Path.Combine(Folder, url));
        if (!File.Exists(path))
        {
            throw new ChartNotFoundException($"the mirror's index names {url} for {chart.Name} {version}, which is not in {Folder}");
        }
        return Task.FromResult(File.ReadAllBytes(path));
    }
}

/// <summary>
/// Each chart's own repository, as a user's machine with internet reaches it: GET &lt;repository&gt;/index.yaml,
/// then the archive its `urls` names (relative to the repository, or absolute). Git charts are not fetched
/// here: a chart folder in Git has no vendored subcharts until `helm dependency build` runs, so its content
/// would not be the locked content; they come from a mirror (docs/charts.md).
/// </summary>
public sealed class RepositorySource(HttpClient http) : IChartSource
{
    public async Task<byte[]> FetchAsync(LockedChart chart, string version, CancellationToken cancel)
    {
        if (chart.IsGit)
        {
            throw new ChartNotFoundException($"{chart.Name} {version} is a chart in Git ({chart.Source}, {chart.GitPath}); Git charts are restored from a mirror only (set {MirrorSource.Variable})");
        }
        var repository = new Uri(chart.Source.EndsWith('/') ? chart.Source : chart.Source + "/");
        var index = new Uri(repository, "index.yaml");
        var indexText = System.Text.Encoding.UTF8.GetString(await Get(index, cancel));
        var url = HelmIndex.Parse(indexText).ArchiveUrl(chart.Name, version)
            ?? throw new ChartNotFoundException($"{index} lists no {chart.Name} {version}");
        return await Get(new Uri(repository, url), cancel);
    }

    private async Task<byte[]> Get(Uri uri, CancellationToken cancel)
    {
        try
        {
            using var response = await http.GetAsync(uri, cancel);
            if (!response.IsSuccessStatusCode)
            {
                throw new ChartNotFoundException($"GET {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            return await response.Content.ReadAsByteArrayAsync(cancel);
        }
        catch (HttpRequestException e)
        {
            throw new ChartNotFoundException($"GET {uri} failed: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new ChartNotFoundException($"GET {uri} timed out");
        }
    }
}
