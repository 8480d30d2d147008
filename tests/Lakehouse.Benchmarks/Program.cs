using BenchmarkDotNet.Running;
using Lakehouse.Benchmarks;

// 'scale ...' runs the scale workload, 'tree ...' renders or checks a synthetic tree through the host
// (the crash tests' subject), 'edit-loop ...' times README's regenerate command after edits; anything else goes to BenchmarkDotNet (e.g. --filter '*').
return args.FirstOrDefault() switch
{
    "scale" => ScaleCommand.Run(args[1..]),
    "tree" => TreeCommand.Run(args[1..]),
    "edit-loop" => EditLoopCommand.Run(args[1..]),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(ScaleCommand).Assembly).Run(args);
    return 0;
}
