using System.Diagnostics;
using System.Globalization;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Agent.Usage;
using Cybercantal.Edge.Agent.Usage.Pcs;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cybercantal.Edge.Benchmarks;

/// <summary>
/// Load harness for the usage queue: <c>usage-queue-harness [--decisions N]</c>. Reports, with Stopwatch
/// timestamps and percentiles: what the <see cref="BadgePipeline.Decided"/> handler now costs the reader's
/// thread (one enqueue); the round trip enqueue -> worker -> drained with no tracker (the latency the queue
/// adds before a copier's relay step, plus one wake-up of the waiter); and the same round trip for desk taps
/// that write usage.db (a real SQLite file, synchronous=FULL: the work that used to run on the reader's thread).
/// </summary>
internal static class UsageQueueHarness
{
    public const string Mode = "usage-queue-harness";

    public static async Task<int> RunAsync(string[] args)
    {
        var decisions = int.Parse(Option(args, "--decisions") ?? "20000", CultureInfo.InvariantCulture);
        // The tests' usage site (shared source): its desk reader gives pc-os-01's seat to whoever taps.
        var site = UsageTestSite.Create();
        var reader = site.Readers.Single(r => r.Id == UsageTestSite.DeskReader);
        var tap = new BadgeDecision(reader, null, null, UsageTestSite.Alice, AccessDecision.Grant(0, GrantBasis.CommonArea), "SF-001", "SF-001", BenchmarkSite.TuesdayMorning);

        // 1. The handler on the reader's thread: an enqueue, nothing else (worker running, no tracker).
        var enqueue = new long[decisions];
        using (var worker = new UsageWorker(null, null, null, null, new NullJournal(), NullLogger<UsageWorker>.Instance, capacity: decisions + 1))
        {
            await worker.StartAsync(CancellationToken.None).ConfigureAwait(false);
            for (var i = 0; i < decisions; i++)
            {
                var start = Stopwatch.GetTimestamp();
                worker.Enqueue(tap);
                enqueue[i] = Stopwatch.GetTimestamp() - start;
            }

            await worker.DrainedAsync().ConfigureAwait(false);
            await worker.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        // 2. Round trip with no tracker: the queue's own latency.
        var hop = await RoundTripsAsync(new UsageWorker(null, null, null, null, new NullJournal(), NullLogger<UsageWorker>.Instance), tap, decisions).ConfigureAwait(false);

        // 3. Round trip of desk taps (seat taken, then released: one usage.db write each).
        var directory = Directory.CreateTempSubdirectory("cybercantal-usage-queue-");
        double[] seat;
        using (var state = new UsageStateStore(Path.Combine(directory.FullName, "usage.db")))
        {
            var tracker = new PcSessionTracker(site, new AccessStore(new AccessSnapshotBuilder().Build()), state, new NullJournal(), TimeProvider.System, NullLogger<PcSessionTracker>.Instance);
            seat = await RoundTripsAsync(new UsageWorker(null, null, null, tracker, new NullJournal(), NullLogger<UsageWorker>.Instance), tap, Math.Min(decisions, 2000)).ConfigureAwait(false);
        }

        directory.Delete(recursive: true);
        Array.Sort(enqueue);
        var ticksToMicroseconds = 1_000_000.0 / Stopwatch.Frequency;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Usage queue harness (.NET {Environment.Version}, {Environment.ProcessorCount} cores)
              Decided handler (enqueue) on the reader's thread: p50 {enqueue[enqueue.Length / 2] * ticksToMicroseconds:F2} us, p99 {enqueue[(int)(enqueue.Length * 0.99)] * ticksToMicroseconds:F2} us
              enqueue -> worker -> drained, no tracker ({hop.Length} runs): p50 {Quantile(hop, 0.5):F1} us, p99 {Quantile(hop, 0.99):F1} us
              enqueue -> desk seat written to usage.db -> drained ({seat.Length} runs): p50 {Quantile(seat, 0.5):F1} us, p99 {Quantile(seat, 0.99):F1} us
            """));
        return 0;
    }

    private static async Task<double[]> RoundTripsAsync(UsageWorker worker, BadgeDecision tap, int count)
    {
        using (worker)
        {
            await worker.StartAsync(CancellationToken.None).ConfigureAwait(false);
            var timings = new double[count];
            for (var i = 0; i < count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                worker.Enqueue(tap);
                await worker.DrainedAsync().ConfigureAwait(false);
                timings[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }

            await worker.StopAsync(CancellationToken.None).ConfigureAwait(false);
            Array.Sort(timings);
            return timings;
        }
    }

    private static double Quantile(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * quantile))];

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
