using BenchmarkDotNet.Running;
using Cybercantal.Edge.Benchmarks;

// Harness modes are dispatched by their first argument; anything else goes to BenchmarkDotNet.
return args.Length > 0 && args[0] == "wiegand-harness"
    ? WiegandHarness.Run(args[1..])
    : RunBenchmarks(args);

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(WiegandHarness).Assembly).Run(args);
    return 0;
}
