using BenchmarkDotNet.Running;
using Lakehouse.Benchmarks;

// 'scale ...' runs the scale workload; anything else goes to BenchmarkDotNet (e.g. --filter '*').
return args.FirstOrDefault() == "scale"
    ? ScaleCommand.Run(args[1..])
    : RunBenchmarks(args);

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(ScaleCommand).Assembly).Run(args);
    return 0;
}
