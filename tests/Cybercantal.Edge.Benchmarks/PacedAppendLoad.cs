using System.Diagnostics;
using Cybercantal.Edge.Agent.Journal;

namespace Cybercantal.Edge.Benchmarks;

/// <summary>
/// A steady append load on a real journal: one producer thread appends at a fixed rate while a monitor notes,
/// for every record, the delay from its <c>Append()</c> call to the moment the journal reported it durable.
/// Used by <c>journal-harness</c> (offered-rate phase) and <c>journal-retention-harness</c>.
/// </summary>
internal sealed class PacedAppendLoad
{
    private PacedAppendLoad(int capacity)
    {
        AppendedAt = new long[capacity];
        CallTicks = new long[capacity];
        DuringCommit = new bool[capacity];
        DurableDelay = new long[capacity];
    }

    /// <summary>Records appended (the arrays are valid up to this count).</summary>
    public int Count { get; private set; }

    /// <summary>Stopwatch timestamp of each Append call.</summary>
    public long[] AppendedAt { get; }

    /// <summary>Duration of each Append call, in Stopwatch ticks.</summary>
    public long[] CallTicks { get; }

    /// <summary>Whether the writer was inside a transaction when the call started.</summary>
    public bool[] DuringCommit { get; }

    /// <summary>Append call to durable, in Stopwatch ticks.</summary>
    public long[] DurableDelay { get; }

    /// <summary>Bytes the producer thread allocated over the whole load.</summary>
    public long ProducerAllocatedBytes { get; private set; }

    /// <summary>From the first append to the last record durable.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>
    /// Appends <paramref name="entry"/> <paramref name="rate"/> times a second until <paramref name="maxRecords"/>
    /// were appended or <paramref name="stop"/> is cancelled, then waits until every appended record is durable.
    /// </summary>
    public static async Task<PacedAppendLoad> RunAsync(SqliteJournal journal, JournalEntry entry, int rate, int maxRecords, CancellationToken stop = default)
    {
        var load = new PacedAppendLoad(maxRecords);
        var firstSequence = journal.LastSequence + 1;
        var appended = 0;
        using var producerDone = new CancellationTokenSource();

        var monitor = Task.Run(async () =>
        {
            var seen = firstSequence - 1;
            while (true)
            {
                // Read "done" before the count: once the producer is done, the count is final.
                var done = producerDone.IsCancellationRequested;
                var last = firstSequence + Volatile.Read(ref appended) - 1;
                if (done && seen >= last)
                {
                    return;
                }

                try
                {
                    await journal.WaitDurableAsync(seen + 1, done ? CancellationToken.None : producerDone.Token);
                }
                catch (OperationCanceledException)
                {
                    continue;
                }

                var now = Stopwatch.GetTimestamp();
                var durable = Math.Min(journal.DurableSequence, firstSequence + Volatile.Read(ref appended) - 1);
                for (var s = seen + 1; s <= durable; s++)
                {
                    load.DurableDelay[s - firstSequence] = now - load.AppendedAt[s - firstSequence];
                }

                seen = Math.Max(seen, durable);
            }
        }, CancellationToken.None);

        var producer = new Thread(() =>
        {
            var start = Stopwatch.GetTimestamp();
            var ticksPerRecord = (double)Stopwatch.Frequency / rate;
            var before = GC.GetAllocatedBytesForCurrentThread();
            var i = 0;
            while (i < maxRecords && !stop.IsCancellationRequested)
            {
                // Paced in 1 ms bursts rather than spinning, so the producer does not steal the writer's core.
                var due = Math.Min(maxRecords, (int)((Stopwatch.GetTimestamp() - start) / ticksPerRecord) + 1);
                for (; i < due; i++)
                {
                    load.DuringCommit[i] = journal.IsCommitting;
                    var t0 = Stopwatch.GetTimestamp();
                    load.AppendedAt[i] = t0;
                    journal.Append(entry);
                    load.CallTicks[i] = Stopwatch.GetTimestamp() - t0;
                    Volatile.Write(ref appended, i + 1);
                }

                Thread.Sleep(1);
            }

            load.ProducerAllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            load.Count = i;
        })
        { Name = "harness-producer", IsBackground = true };
        var stopwatch = Stopwatch.StartNew();
        producer.Start();
        producer.Join();
        await producerDone.CancelAsync();
        await monitor;
        load.Elapsed = stopwatch.Elapsed;
        return load;
    }
}
