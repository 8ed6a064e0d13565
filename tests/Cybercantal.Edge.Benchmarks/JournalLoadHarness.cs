using System.Diagnostics;
using System.Globalization;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Options;
using static Cybercantal.Edge.Benchmarks.HarnessStatistics;

namespace Cybercantal.Edge.Benchmarks;

/// <summary>
/// <c>journal-harness [--db PATH] [--seconds N] [--rate N] [--producers N]</c>: load figures of the SQLite journal on a
/// real file. Phase 1 saturates it (producers append as fast as the writer absorbs, bounded backlog) and reports
/// sustained durable appends/s. Phase 2 offers a fixed rate and reports append-to-durable delay p50/p99 and the
/// latency of the Append call itself, split by whether the writer was committing at that moment.
/// </summary>
public static class JournalLoadHarness
{
    private const long MaxBacklog = 100_000;

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var directory = Path.Combine(Path.GetTempPath(), "cybercantal-journal-harness-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var path = Path.Combine(directory, "journal.db");
        var seconds = 10;
        var rate = 20_000;
        var producers = 2;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--db": path = args[i + 1]; break;
                case "--seconds": seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--rate": rate = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--producers": producers = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default:
                    await Console.Error.WriteLineAsync($"journal-harness: unexpected argument '{args[i]}'.");
                    return 2;
            }
        }

        var options = new JournalOptions { DatabasePath = path };
        Console.WriteLine($"journal-harness: {path}, flush interval {options.FlushInterval.TotalMilliseconds} ms, max batch {options.MaxBatch}, synchronous=FULL, {Environment.ProcessorCount} cores");
        await using (var journal = new SqliteJournal(Options.Create(options), TimeProvider.System))
        {
            await SaturateAsync(journal, seconds, producers);
            await OfferedRateAsync(journal, seconds, rate);
        }

        if (!args.Contains("--db"))
        {
            Directory.Delete(directory, recursive: true);
        }

        return 0;
    }

    private static async Task SaturateAsync(SqliteJournal journal, int seconds, int producers)
    {
        var entry = Entry();
        var startDurable = journal.DurableSequence;
        var startBatches = journal.CommittedBatches;
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        var workers = Enumerable.Range(0, producers).Select(_ => Task.Run(async () =>
        {
            while (stopwatch.Elapsed < deadline)
            {
                for (var i = 0; i < 256; i++)
                {
                    journal.Append(entry);
                }

                var backlog = journal.LastSequence - journal.DurableSequence;
                if (backlog > MaxBacklog)
                {
                    await journal.WaitDurableAsync(journal.LastSequence - (MaxBacklog / 2));
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var durable = journal.DurableSequence - startDurable;
        var elapsed = stopwatch.Elapsed;
        var batches = journal.CommittedBatches - startBatches;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        Console.WriteLine($"phase 1 (saturation, {producers} producers, {elapsed.TotalSeconds:F1} s): {durable / elapsed.TotalSeconds:N0} durable appends/s sustained, {batches} commits ({(batches == 0 ? 0 : durable / batches):N0} records/commit, {batches / elapsed.TotalSeconds:N0} fsync-commits/s); process CPU {cpu.TotalMicroseconds / Math.Max(1, durable):F2} us/record (producers + writer)");
        await journal.WaitDurableAsync(journal.LastSequence);
    }

    private static async Task OfferedRateAsync(SqliteJournal journal, int seconds, int rate)
    {
        var total = (int)Math.Min((long)rate * seconds, 50_000_000);
        var load = await PacedAppendLoad.RunAsync(journal, Entry(), rate, total);
        var durableDelay = load.DurableDelay.AsSpan(0, load.Count);
        var callTicks = load.CallTicks.AsSpan(0, load.Count);
        var committingCalls = load.CallTicks.Where((_, i) => i < load.Count && load.DuringCommit[i]).ToArray();
        Console.WriteLine($"phase 2 (offered {rate:N0}/s for {seconds} s, {load.Count:N0} records, {load.Elapsed.TotalSeconds:F1} s):");
        Console.WriteLine($"  append -> durable: p50 {Ms(Percentile(durableDelay, 0.50))} ms, p99 {Ms(Percentile(durableDelay, 0.99))} ms, p99.9 {Ms(Percentile(durableDelay, 0.999))} ms, max {Ms(Percentile(durableDelay, 1.0))} ms");
        Console.WriteLine($"  Append() call, all: p50 {Us(Percentile(callTicks, 0.50))} us, p99 {Us(Percentile(callTicks, 0.99))} us, p99.9 {Us(Percentile(callTicks, 0.999))} us, max {Us(Percentile(callTicks, 1.0))} us");
        if (committingCalls.Length > 0)
        {
            Console.WriteLine($"  Append() call while the writer commits ({committingCalls.Length:N0} calls): p50 {Us(Percentile(committingCalls, 0.50))} us, p99 {Us(Percentile(committingCalls, 0.99))} us, max {Us(committingCalls.Max())} us");
        }

        Console.WriteLine($"  producer thread allocated {load.ProducerAllocatedBytes:N0} bytes for {load.Count:N0} appends ({(double)load.ProducerAllocatedBytes / load.Count:F2} B/append amortized, queue growth only)");
    }

    /// <summary>A typical access-decision entry (what the door path appends).</summary>
    internal static JournalEntry Entry()
    {
        _ = Credential.TryFromWiegand(CredentialKind.Wiegand26, 123, 45_678, out var credential);
        return new JournalEntry(JournalRecordKind.AccessDecision)
        {
            DoorId = "door-entree",
            ReaderId = "reader-entree",
            Credential = credential,
            MemberId = "M0042",
            Granted = true,
            Basis = GrantBasis.Lease,
            Detail = "harness",
        };
    }
}
