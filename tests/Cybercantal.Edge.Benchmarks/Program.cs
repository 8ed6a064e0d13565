using BenchmarkDotNet.Running;
using Cybercantal.Edge.Benchmarks;

// First argument picks a harness mode; anything else goes to BenchmarkDotNet.
return args is ["pcsc-harness", .. var rest]
    ? await PcscHarness.RunAsync(rest)
    : RunBenchmarks(args);

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(PcscHarness).Assembly).Run(args);
    return 0;
}
