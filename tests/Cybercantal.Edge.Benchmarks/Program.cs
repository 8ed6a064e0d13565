using BenchmarkDotNet.Running;
using Cybercantal.Edge.Benchmarks;

// Harness modes are picked by the first argument; anything else goes to BenchmarkDotNet.
return args.FirstOrDefault() switch
{
    AccessDecisionHarness.Mode => AccessDecisionHarness.Run(args[1..]),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(AccessDecisionHarness).Assembly).Run(args);
    return 0;
}
