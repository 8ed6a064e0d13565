using BenchmarkDotNet.Running;
using Cybercantal.Edge.Benchmarks;

// Harness modes (load runs on real files, devices and edges, reporting percentiles) are picked by the
// first argument; anything else goes to BenchmarkDotNet.
return args.FirstOrDefault() switch
{
    "journal-harness" => await JournalLoadHarness.RunAsync(args[1..]),
    JournalRetentionHarness.Mode => await JournalRetentionHarness.RunAsync(args[1..]),
    "wiegand-harness" => WiegandHarness.Run(args[1..]),
    AccessDecisionHarness.Mode => AccessDecisionHarness.Run(args[1..]),
    DoorPathHarness.Mode => await DoorPathHarness.RunAsync(args[1..]),
    "pcsc-harness" => await PcscHarness.RunAsync(args[1..]),
    PcscDoorHarness.Mode => await PcscDoorHarness.RunAsync(args[1..]),
    Pn532Harness.Mode => await Pn532Harness.RunAsync(args[1..]),
    SnmpHarness.Mode => await SnmpHarness.RunAsync(args[1..]),
    UsageQueueHarness.Mode => await UsageQueueHarness.RunAsync(args[1..]),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(JournalLoadHarness).Assembly).Run(args);
    return 0;
}
