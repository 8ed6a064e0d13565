using BenchmarkDotNet.Running;
using Cybercantal.Edge.Benchmarks;

// Harness modes take over when named first; everything else goes to BenchmarkDotNet
// (e.g. --filter '*AccessDecision*' --job short).
if (args.Length > 0 && args[0].StartsWith(AccessDecisionHarness.Mode, StringComparison.Ordinal))
{
    return AccessDecisionHarness.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(AccessDecisionHarness).Assembly).Run(args);
return 0;
