using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Cybercantal.Edge.Agent.Journal;
using Microsoft.Extensions.Options;
using static Cybercantal.Edge.Benchmarks.HarnessStatistics;

namespace Cybercantal.Edge.Benchmarks;

/// <summary>
/// <c>journal-retention-harness [--records N] [--template PATH] [--rate N] [--seconds N] [--batches 1000,5000]</c>:
/// journal retention on a real file. A template journal of N records (default 1,000,000) is written once through
/// <c>Append()</c>, the first two thirds stamped past the retention, and kept at PATH for the next runs; the hub
/// ack is set at 90 % of the records, so exactly the old two thirds are eligible. Each phase works on a fresh copy:
/// (a) every <see cref="SqliteJournal.DeleteOldAsync"/> batch timed, the journal otherwise idle; (c) one run of the
/// real <see cref="JournalRetentionWorker"/> deleting the whole backlog, idle; (b) append -> durable of a steady
/// append load, first alone, then while the worker deletes the backlog, side by side on the same file.
/// </summary>
internal static class JournalRetentionHarness
{
    public const string Mode = "journal-retention-harness";

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var records = 1_000_000;
        var rate = 2_000;
        var seconds = 10;
        int[] batches = [1000, 5000];
        var template = Path.Combine(Path.GetTempPath(), "cybercantal-journal-retention-template.db");
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--records": records = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--template": template = args[i + 1]; break;
                case "--rate": rate = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--batches": batches = [.. args[i + 1].Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture))]; break;
                default:
                    await Console.Error.WriteLineAsync($"{Mode}: unexpected argument '{args[i]}'.");
                    return 2;
            }
        }

        var old = records / 3 * 2;
        var acknowledged = records / 10 * 9;
        if (!File.Exists(template))
        {
            await BuildTemplateAsync(template, records, old);
        }

        var retention = new JournalOptions().Retention;
        Console.WriteLine($"{Mode}: template {template} ({new FileInfo(template).Length / 1048576.0:F0} MB, {records:N0} records, 1..{old:N0} older than {retention.TotalDays:F0} days, hub ack {acknowledged:N0}), {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        var directory = Directory.CreateTempSubdirectory("cybercantal-journal-retention-");
        try
        {
            foreach (var batch in batches)
            {
                await TimeBatchesAsync(Copy(template, directory, "batches-" + batch), batch, acknowledged, old);
            }

            foreach (var batch in batches)
            {
                await WorkerIdleAsync(Copy(template, directory, "worker-" + batch), batch, acknowledged);
            }

            foreach (var batch in batches)
            {
                await UnderLoadAsync(Copy(template, directory, "load-" + batch), batch, acknowledged, rate, seconds);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }

        Console.WriteLine($"load average at the end {LoadAverage()}");
        return 0;
    }

    /// <summary>Writes the template through the journal itself, stamping the first <paramref name="old"/> records past the retention.</summary>
    private static async Task BuildTemplateAsync(string template, int records, int old)
    {
        var building = template + ".building";
        File.Delete(building);
        var clock = new ShiftedTimeProvider { Offset = -(new JournalOptions().Retention + TimeSpan.FromDays(10)) };
        var entry = JournalLoadHarness.Entry();
        var stopwatch = Stopwatch.StartNew();
        await using (var journal = new SqliteJournal(Options.Create(new JournalOptions { DatabasePath = building }), clock))
        {
            for (var i = 0; i < records; i++)
            {
                if (i == old)
                {
                    clock.Offset = TimeSpan.Zero;
                }

                journal.Append(entry);
                if ((i & 4095) == 0 && journal.LastSequence - journal.DurableSequence > 100_000)
                {
                    await journal.WaitDurableAsync(journal.LastSequence - 50_000);
                }
            }

            await journal.WaitDurableAsync(journal.LastSequence);
        }

        File.Move(building, template);
        Console.WriteLine($"template written in {stopwatch.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>(a) The worker's loop, each DeleteOldAsync call timed (queueing to the writer thread, delete, commit).</summary>
    private static async Task TimeBatchesAsync(string path, int batch, long acknowledged, int old)
    {
        var options = RetentionOptions(path, batch);
        await using var journal = new SqliteJournal(Options.Create(options), TimeProvider.System);
        var cutoff = DateTimeOffset.UtcNow - options.Retention;
        var times = new List<long>();
        long deleted = 0;
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            var count = await journal.DeleteOldAsync(acknowledged, cutoff, batch);
            times.Add(Stopwatch.GetTimestamp() - start);
            deleted += count;
            if (count < batch)
            {
                break;
            }
        }

        stopwatch.Stop();
        var first = journal.ReadAfter(0, 1)[0].Sequence;
        var span = CollectionsMarshal.AsSpan(times);
        Console.WriteLine($"(a) batch {batch,5}: {times.Count} batches, {deleted:N0} deleted (first record left: {first:N0}{(first == old + 1 ? ", as expected" : $", EXPECTED {old + 1:N0}")}), per batch p50 {Ms(Percentile(span, 0.5))} ms, p99 {Ms(Percentile(span, 0.99))} ms, max {Ms(Percentile(span, 1.0))} ms; {stopwatch.Elapsed.TotalSeconds:F1} s in all; WAL {FileSize(path + "-wal")}");
    }

    /// <summary>(c) One run of the real worker deleting the whole backlog, nothing else going on.</summary>
    private static async Task WorkerIdleAsync(string path, int batch, long acknowledged)
    {
        var options = RetentionOptions(path, batch);
        await using var journal = new SqliteJournal(Options.Create(options), TimeProvider.System);
        using var worker = new JournalRetentionWorker(journal, Options.Create(options), TimeProvider.System, [], new FixedAcknowledgement(acknowledged));
        var stopwatch = Stopwatch.StartNew();
        var result = await worker.RunOnceAsync();
        stopwatch.Stop();
        Console.WriteLine($"(c) batch {batch,5}, idle journal: worker run {stopwatch.Elapsed.TotalSeconds:F2} s for {result.Deleted:N0} records in {result.Batches} batches ({result.Deleted / stopwatch.Elapsed.TotalSeconds:N0} records/s)");
    }

    /// <summary>(b) A steady append load alone, then the same load while the worker deletes the backlog.</summary>
    private static async Task UnderLoadAsync(string path, int batch, long acknowledged, int rate, int seconds)
    {
        var options = RetentionOptions(path, batch);
        await using var journal = new SqliteJournal(Options.Create(options), TimeProvider.System);
        using var worker = new JournalRetentionWorker(journal, Options.Create(options), TimeProvider.System, [], new FixedAcknowledgement(acknowledged));
        var entry = JournalLoadHarness.Entry();

        var alone = await PacedAppendLoad.RunAsync(journal, entry, rate, rate * seconds);

        using var retentionDone = new CancellationTokenSource();
        long retentionStart = 0;
        long retentionEnd = 0;
        var run = Task.Run(async () =>
        {
            // The load is steady before the run starts; it stops when the run ends.
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            retentionStart = Stopwatch.GetTimestamp();
            try
            {
                return await worker.RunOnceAsync();
            }
            finally
            {
                retentionEnd = Stopwatch.GetTimestamp();
                await retentionDone.CancelAsync();
            }
        });
        var during = await PacedAppendLoad.RunAsync(journal, entry, rate, rate * 1200, retentionDone.Token);
        var result = await run;

        var duringDelays = new List<long>();
        var duringCalls = new List<long>();
        for (var i = 0; i < during.Count; i++)
        {
            if (during.AppendedAt[i] >= retentionStart && during.AppendedAt[i] <= retentionEnd)
            {
                duringDelays.Add(during.DurableDelay[i]);
                duringCalls.Add(during.CallTicks[i]);
            }
        }

        var quiet = alone.DurableDelay.AsSpan(0, alone.Count);
        var loaded = CollectionsMarshal.AsSpan(duringDelays);
        var runSeconds = (retentionEnd - retentionStart) / (double)Stopwatch.Frequency;
        Console.WriteLine($"(b) batch {batch,5}, {rate:N0} appends/s: worker run {runSeconds:F2} s for {result.Deleted:N0} records in {result.Batches} batches under the load");
        Console.WriteLine($"    append -> durable, no retention   ({alone.Count,6:N0} records): {Summary(quiet)}");
        Console.WriteLine($"    append -> durable, retention runs ({loaded.Length,6:N0} records): {Summary(loaded)}");
        var calls = CollectionsMarshal.AsSpan(duringCalls);
        Console.WriteLine($"    ratio with / without: p50 x{Ratio(loaded, quiet, 0.5)}, p99 x{Ratio(loaded, quiet, 0.99)}; Append() call during the run p50 {Us(Percentile(calls, 0.5))} us, p99 {Us(Percentile(calls, 0.99))} us, max {Us(Percentile(calls, 1.0))} us");
    }

    private static JournalOptions RetentionOptions(string path, int batch) =>
        new() { DatabasePath = path, RetentionBatch = batch, QuickCheckOnOpen = false };

    private static string Copy(string template, DirectoryInfo directory, string name)
    {
        var path = Path.Combine(directory.FullName, name + ".db");
        File.Copy(template, path);
        return path;
    }

    private static string Summary(ReadOnlySpan<long> ticks) =>
        $"p50 {Ms(Percentile(ticks, 0.5))} ms, p99 {Ms(Percentile(ticks, 0.99))} ms, p99.9 {Ms(Percentile(ticks, 0.999))} ms, max {Ms(Percentile(ticks, 1.0))} ms";

    private static string Ratio(ReadOnlySpan<long> with, ReadOnlySpan<long> without, double quantile) =>
        ((double)Percentile(with, quantile) / Math.Max(1, Percentile(without, quantile))).ToString("F2", CultureInfo.InvariantCulture);

    private static string FileSize(string path) =>
        File.Exists(path) ? $"{new FileInfo(path).Length / 1048576.0:F1} MB" : "none";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
