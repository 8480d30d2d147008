using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Text;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Versions;

namespace Lakehouse.Tests.Charts;

/// <summary>Chart archives, mirrors, locks and a loopback Helm repository built inside a test's own folder.</summary>
internal sealed class ChartFixtures : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "lakehouse-charts-" + Guid.NewGuid().ToString("N"));

    public ChartFixtures() => Directory.CreateDirectory(Root);

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>A chart archive: entries under the top folder &lt;name&gt;/, as `helm package` writes them.</summary>
    public static byte[] Archive(string name, string version, params (string Path, string Text)[] extra)
    {
        var files = new List<(string, string)> { ("Chart.yaml", $"apiVersion: v2\nname: {name}\nversion: {version}\n"), ("values.yaml", "replicas: 1\n") };
        files.AddRange(extra);
        return Tar(files.Select(f => Entry(TarEntryType.RegularFile, $"{name}/{f.Item1}", f.Item2)).ToArray());
    }

    /// <summary>A .tgz of raw entries (fixtures that break the extraction rules).</summary>
    public static byte[] Tar(params PaxTarEntry[] entries)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                tar.WriteEntry(entry);
            }
        }
        return buffer.ToArray();
    }

    public static PaxTarEntry Entry(TarEntryType type, string name, string? text = null, string? link = null)
    {
        var entry = new PaxTarEntry(type, name);
        if (text is not null)
        {
            entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        }
        if (link is not null)
        {
            entry.LinkName = link;
        }
        return entry;
    }

    /// <summary>A Helm repository folder: index.yaml naming each archive by a relative URL.</summary>
    public string Mirror(string folder, params (string Name, string Version, byte[] Archive)[] charts)
    {
        var dir = PathOf(folder);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "index.yaml"), Index(charts.Select(c => (c.Name, c.Version, $"{c.Name}-{c.Version}.tgz"))));
        foreach (var (name, version, archive) in charts)
        {
            File.WriteAllBytes(Path.Combine(dir, $"{name}-{version}.tgz"), archive);
        }
        return dir;
    }

    public static string Index(IEnumerable<(string Name, string Version, string Url)> charts)
    {
        var text = new StringBuilder("apiVersion: v1\nentries:\n");
        foreach (var group in charts.GroupBy(c => c.Name))
        {
            text.Append($"  {group.Key}:\n");
            foreach (var (name, version, url) in group)
            {
                text.Append($"  - name: {name}\n    version: {version}\n    urls:\n    - {url}\n");
            }
        }
        return text.ToString();
    }

    /// <summary>Writes and parses a lock; the test fails on any diagnostic.</summary>
    public ChartLock Lock(string text)
    {
        File.WriteAllText(PathOf(ChartLock.FileName), text);
        var diagnostics = new List<Diagnostic>();
        var chartLock = ChartLock.Parse(ChartLock.FileName, text, diagnostics);
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
        return chartLock!;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>An HttpClient that fails every request and counts them: proof that a restore made none.</summary>
internal sealed class NoNetwork : HttpMessageHandler
{
    private int _requests;

    public int Requests => _requests;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        throw new HttpRequestException($"no network in this test: {request.RequestUri}");
    }
}

/// <summary>A Helm repository on 127.0.0.1 (HttpListener, loopback only), serving fixed paths and logging requests.</summary>
internal sealed class LoopbackRepository : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, byte[]> _files;
    private readonly Task _serving;

    public List<string> Requested { get; } = [];

    public string BaseUrl { get; }

    public LoopbackRepository(Dictionary<string, byte[]> files)
    {
        _files = files;
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20000, 60000);
            BaseUrl = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(BaseUrl);
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 20)
            {
            }
        }
        _serving = Task.Run(Serve);
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var path = context.Request.Url!.AbsolutePath;
            lock (Requested)
            {
                Requested.Add(path);
            }
            if (_files.TryGetValue(path, out var bytes))
            {
                context.Response.StatusCode = 200;
                await context.Response.OutputStream.WriteAsync(bytes);
            }
            else
            {
                context.Response.StatusCode = 404;
            }
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
