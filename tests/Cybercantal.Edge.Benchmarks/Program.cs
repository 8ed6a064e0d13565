using BenchmarkDotNet.Running;
using Cybercantal.Edge.Benchmarks;

// Harness modes (long-running load runs on real files) are picked by the first argument;
// anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "journal-harness")
{
    return await JournalLoadHarness.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(JournalLoadHarness).Assembly).Run(args);
return 0;
