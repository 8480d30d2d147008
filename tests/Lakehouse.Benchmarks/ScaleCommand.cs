using System.Diagnostics;
using System.Globalization;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Kubernetes;
using Lakehouse.Rendering.Pipeline;
using Lakehouse.Rendering.Renderers;
using Lakehouse.Rendering.Tree;

namespace Lakehouse.Benchmarks;

/// <summary>
/// scale --components N --environments E --out DIR [--profile] [--keep-platform]: renders the synthetic platform through
/// the real pipeline and tree writer and prints wall time (whole process), files, bytes and peak memory.
/// </summary>
internal static class ScaleCommand
{
    public static int Run(string[] args)
    {
        var components = int.Parse(Option(args, "--components") ?? "1000", CultureInfo.InvariantCulture);
        var environments = int.Parse(Option(args, "--environments") ?? "3", CultureInfo.InvariantCulture);
        var output = Option(args, "--out") ?? Path.Combine(Path.GetTempPath(), $"lakehouse-scale-{components}x{environments}");
        var profile = args.Contains("--profile");

        var phases = new List<(string Phase, double Ms, double CpuMs, long Allocated, double Peak)>();
        var clock = Stopwatch.StartNew();
        var allocated = GC.GetTotalAllocatedBytes();
        // CPU time (every thread, GC included) does not depend on how busy the machine is, unlike wall time.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        void Mark(string phase)
        {
            var now = GC.GetTotalAllocatedBytes();
            var cpuNow = Process.GetCurrentProcess().TotalProcessorTime;
            phases.Add((phase, clock.Elapsed.TotalMilliseconds, (cpuNow - cpu).TotalMilliseconds, now - allocated, profile ? PeakMegabytes() : 0));
            allocated = now;
            cpu = cpuNow;
            clock.Restart();
        }

        var definition = new SyntheticPlatform(components);
        var configs = SyntheticPlatform.Environments(environments);
        Mark("build environments");
        var diagnostics = new List<Diagnostic>();
        var layout = new GitOpsLayout();
        var tree = new GitOpsTree();
        // As the render host does (RenderPipeline, keepPlatform: false): each environment rendered as soon as it is
        // evaluated, its objects let go. --keep-platform evaluates every environment first and then runs each renderer
        // over all of them (the pipeline's other mode, which the review commands and tests use).
        if (args.Contains("--keep-platform"))
        {
            var platform = PlatformEvaluator.Evaluate(definition, configs, diagnostics);
            if (platform is null)
            {
                diagnostics.ForEach(d => Console.Error.WriteLine(d));
                return 1;
            }
            Mark("evaluate + validate");
            foreach (var renderer in RenderPipeline.Renderers)
            {
                renderer.Render(platform, layout, tree);
                Mark($"render {renderer.GetType().Name}");
            }
        }
        else
        {
            if (PlatformEvaluator.Evaluate(definition, configs, diagnostics, consume: environment =>
                    RenderPipeline.RenderInto(new PlatformRender(definition.Name, [environment]), layout, tree)) is null)
            {
                diagnostics.ForEach(d => Console.Error.WriteLine(d));
                return 1;
            }
            Mark("evaluate + validate + render");
        }
        var writer = new TreeWriter(output, layout.OwnedList);
        var result = writer.Write(tree);
        Mark("compare + write");
        if (!result.Succeeded)
        {
            result.Errors.ToList().ForEach(d => Console.Error.WriteLine(d));
            return 1;
        }

        var bytes = tree.Bytes.Values.Sum(b => (long)b.Length);
        var process = Process.GetCurrentProcess();
        var wall = DateTime.Now - process.StartTime;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scale: {components} components x {environments} environments: wall {wall.TotalMilliseconds:F0} ms (whole process), " +
            $"{tree.Bytes.Count + 1} files ({result.Written.Count} written, {result.Unchanged} unchanged, {result.Deleted.Count} deleted), " +
            $"{bytes / 1048576.0:F1} MB, peak memory {PeakMegabytes():F0} MB, cpu {process.TotalProcessorTime.TotalMilliseconds:F0} ms, out {output}"));
        if (profile)
        {
            foreach (var (phase, ms, cpuMs, phaseBytes, peak) in phases)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {phase,-32} {ms,8:F1} ms {cpuMs,8:F0} ms cpu {phaseBytes / 1048576.0,8:F1} MB allocated, peak so far {peak,5:F0} MB"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  GC: {GC.CollectionCount(0)} gen0, {GC.CollectionCount(1)} gen1, {GC.CollectionCount(2)} gen2, paused {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms, allocated {GC.GetTotalAllocatedBytes() / 1048576} MB; " +
                $"JIT: {System.Runtime.JitInfo.GetCompiledMethodCount()} methods, {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F0} ms; " +
                $"JSON metadata by reflection: {ManifestSerializer.ReflectedTypes.Count} types"));
            foreach (var type in ManifestSerializer.ReflectedTypes.Select(t => t.FullName).Order(StringComparer.Ordinal))
            {
                Console.WriteLine($"    by reflection: {type}");
            }
        }
        return 0;
    }

    /// <summary>Peak resident set size (VmHWM) on Linux, else the peak working set.</summary>
    private static double PeakMegabytes()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }
        return Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
