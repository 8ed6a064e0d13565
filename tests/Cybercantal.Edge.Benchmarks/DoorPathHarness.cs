using System.Diagnostics;
using System.Globalization;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Benchmarks;

/// <summary>
/// The door path as the badge pipeline runs it (decide against a 250,000-badge store, then journal the
/// decision on the real SQLite journal), timed one event at a time, in two phases of the same run: a quiet
/// journal, then a journal sustaining 20,000 appends/s from another thread with group commits going on.
/// Shows that a door never waits for the disk: the two distributions should match.
/// </summary>
internal static class DoorPathHarness
{
    public const string Mode = "door-path-harness";

    public static async Task<int> RunAsync(string[] args)
    {
        var events = int.Parse(Option(args, "--events") ?? "200000", CultureInfo.InvariantCulture);
        var backgroundRate = int.Parse(Option(args, "--background-rate") ?? "20000", CultureInfo.InvariantCulture);
        var directory = Directory.CreateTempSubdirectory("cybercantal-door-path-");
        try
        {
            var storePath = Path.Combine(directory.FullName, "access.db");
            Console.WriteLine("Generating the store (100,000 members, 250,000 badges, 10,000 rights)...");
            AccessStoreGenerator.Generate(AccessStoreDatabase.Open(storePath));
            var store = new AccessStore(AccessStoreDatabase.Open(storePath));
            store.Reload();
            var site = BenchmarkSite.Create();
            var engine = new AccessDecisionEngine(site, store);
            var door = site.Door("open-space");

            await using var journal = new SqliteJournal(
                Options.Create(new JournalOptions { DatabasePath = Path.Combine(directory.FullName, "journal.db") }),
                TimeProvider.System);

            Measure(engine, door, journal, 50_000); // warm-up: tiered compilation settles
            var quiet = Measure(engine, door, journal, events);

            using var stop = new CancellationTokenSource();
            var durableBefore = journal.DurableSequence;
            var background = Task.Factory.StartNew(() => Produce(journal, backgroundRate, stop.Token), TaskCreationOptions.LongRunning);
            var loadedStart = Stopwatch.GetTimestamp();
            var loaded = Measure(engine, door, journal, events);
            var loadedSeconds = Stopwatch.GetElapsedTime(loadedStart).TotalSeconds;
            await stop.CancelAsync();
            var produced = await background;
            await journal.WaitDurableAsync(journal.LastSequence);
            var durablePerSecond = (journal.DurableSequence - durableBefore) / Stopwatch.GetElapsedTime(loadedStart).TotalSeconds;

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $$"""
                Door path harness: decide + journal append, {{events:N0}} events per phase, paced ~10,000/s
                  quiet journal:        p50 {{quiet.P50:F2}} us, p99 {{quiet.P99:F2}} us, p99.9 {{quiet.P999:F2}} us, max {{quiet.Max:F0}} us
                  journal under load:   p50 {{loaded.P50:F2}} us, p99 {{loaded.P99:F2}} us, p99.9 {{loaded.P999:F2}} us, max {{loaded.Max:F0}} us
                  ratio loaded/quiet:   p50 x{{loaded.P50 / quiet.P50:F2}}, p99 x{{loaded.P99 / quiet.P99:F2}}
                  background: {{produced / loadedSeconds:N0}} appends/s offered, {{durablePerSecond:N0}} records/s made durable during the loaded phase
                """));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private static (double P50, double P99, double P999, double Max) Measure(AccessDecisionEngine engine, Agent.Sites.DoorConfiguration door, SqliteJournal journal, int events)
    {
        var timings = new long[events];
        var now = BenchmarkSite.TuesdayMorning;
        for (var i = 0; i < events; i++)
        {
            var credential = AccessStoreGenerator.BadgeCredential((int)((uint)(i * 2654435761u) % AccessStoreGenerator.DefaultBadges));
            var start = Stopwatch.GetTimestamp();
            var decision = engine.Decide(credential, door, now);
            journal.Append(new JournalEntry(JournalRecordKind.AccessDecision)
            {
                DoorId = door.Id,
                Credential = credential,
                Granted = decision.Granted,
                Reason = decision.Reason,
                Basis = decision.Basis,
            });
            timings[i] = Stopwatch.GetTimestamp() - start;

            // ~10 events per millisecond: a busy site's worth many times over, without starving the writer of a core.
            if (i % 10 == 9)
            {
                Thread.Sleep(1);
            }
        }

        Array.Sort(timings);
        return (Us(timings, 0.5), Us(timings, 0.99), Us(timings, 0.999), Us(timings, 1.0));
    }

    private static long Produce(SqliteJournal journal, int perSecond, CancellationToken stop)
    {
        var perMillisecond = Math.Max(1, perSecond / 1000);
        var start = Stopwatch.GetTimestamp();
        long produced = 0;
        while (!stop.IsCancellationRequested)
        {
            // Catch up to the offered rate in 1 ms bursts, then yield the core.
            var due = (long)(Stopwatch.GetElapsedTime(start).TotalMilliseconds * perMillisecond);
            for (; produced < due; produced++)
            {
                journal.Append(new JournalEntry(JournalRecordKind.DoorStateChanged) { DoorId = "porte-entree", Detail = "open" });
            }

            Thread.Sleep(1);
        }

        return produced;
    }

    private static double Us(long[] sorted, double quantile) =>
        sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Length) - 1)] * 1_000_000.0 / Stopwatch.Frequency;

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
