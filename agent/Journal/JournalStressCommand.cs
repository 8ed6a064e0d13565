using System.Globalization;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Journal;

/// <summary>
/// <c>cybercantal-agent journal-stress --db PATH [--rate N] [--duration-ms N]</c>: the crash-test child.
/// Appends records continuously (content derived from the sequence number, see <see cref="ExpectedEntry"/>)
/// and prints <c>durable &lt;seq&gt;</c> on stdout each time durability advances, so a parent that SIGKILLs it
/// can check that every sequence reported durable survived.
/// </summary>
public static class JournalStressCommand
{
    private static readonly string[] Doors = ["door-entree", "door-atelier", "door-salle-visio", "door-local-technique"];

    /// <summary>The entry the stress child appends as sequence <paramref name="sequence"/>.</summary>
    public static JournalEntry ExpectedEntry(long sequence)
    {
        _ = Credential.TryFromWiegand(CredentialKind.Wiegand26, (uint)(sequence % 256), (uint)(sequence % 65_536), out var credential);
        var granted = sequence % 3 != 0;
        return new JournalEntry(sequence % 2 == 0 ? JournalRecordKind.AccessDecision : JournalRecordKind.DoorStateChanged)
        {
            DoorId = Doors[sequence % Doors.Length],
            ReaderId = "reader-" + (sequence % 2).ToString(CultureInfo.InvariantCulture),
            Credential = credential,
            MemberId = "M" + (sequence % 1000).ToString("D4", CultureInfo.InvariantCulture),
            Granted = granted,
            Reason = granted ? DenyReason.None : DenyReason.OutOfHours,
            Basis = granted ? GrantBasis.Lease : GrantBasis.None,
            Detail = "stress:" + sequence.ToString(CultureInfo.InvariantCulture),
        };
    }

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? path = null;
        var rate = 5_000;
        var durationMs = 0L;
        for (var i = 0; i < args.Length; i++)
        {
            var hasValue = i + 1 < args.Length;
            switch (args[i])
            {
                case "--db" when hasValue:
                    path = args[++i];
                    break;
                case "--rate" when hasValue && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out rate):
                    i++;
                    break;
                case "--duration-ms" when hasValue && long.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out durationMs):
                    i++;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"journal-stress: unexpected argument '{args[i]}'. Usage: journal-stress --db PATH [--rate N (records/s, 0 = unlimited)] [--duration-ms N]").ConfigureAwait(false);
                    return 2;
            }
        }

        if (path is null)
        {
            await Console.Error.WriteLineAsync("journal-stress: --db PATH is required.").ConfigureAwait(false);
            return 2;
        }

        using var loggerFactory = LoggerFactory.Create(builder => builder.AddSimpleConsole().AddFilter(level => level >= LogLevel.Information)
            .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace));
        SqliteJournal journal;
        try
        {
            journal = new SqliteJournal(Options.Create(new JournalOptions { DatabasePath = path }), TimeProvider.System, loggerFactory.CreateLogger<SqliteJournal>());
        }
        catch (JournalStorageException exception)
        {
            await Console.Error.WriteLineAsync("journal-stress: " + exception.Message).ConfigureAwait(false);
            return 1;
        }

        await using (journal.ConfigureAwait(false))
        {
            var stdout = Console.Out;
            await stdout.WriteLineAsync("ready " + journal.DurableSequence.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
            await stdout.FlushAsync().ConfigureAwait(false);
            using var stop = new CancellationTokenSource();
            var reporter = ReportDurableAsync(journal, stdout, stop.Token);
            await AppendAsync(journal, rate, durationMs).ConfigureAwait(false);
            await journal.WaitDurableAsync(journal.LastSequence).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await reporter.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Expected: the reporter waits for a sequence that is never appended.
            }

            await stdout.WriteLineAsync("durable " + journal.DurableSequence.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
            await stdout.FlushAsync().ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task AppendAsync(SqliteJournal journal, int rate, long durationMs)
    {
        var time = TimeProvider.System;
        var start = time.GetTimestamp();
        long appended = 0;
        while (true)
        {
            var elapsed = time.GetElapsedTime(start);
            if (durationMs > 0 && elapsed.TotalMilliseconds >= durationMs)
            {
                return;
            }

            var target = rate > 0 ? (long)(elapsed.TotalSeconds * rate) + 1 : appended + 1_000;
            while (appended < target)
            {
                // Single producer: the next sequence is known before appending, so the content can embed it.
                var expected = journal.LastSequence + 1;
                var sequence = journal.Append(ExpectedEntry(expected));
                if (sequence != expected)
                {
                    throw new InvalidOperationException($"Journal assigned {sequence}, expected {expected}.");
                }

                appended++;
            }

            if (rate > 0)
            {
                await Task.Delay(1).ConfigureAwait(false);
            }
            else if (journal.LastSequence - journal.DurableSequence > 50_000)
            {
                await journal.WaitDurableAsync(journal.LastSequence - 25_000).ConfigureAwait(false);
            }
        }
    }

    private static async Task ReportDurableAsync(SqliteJournal journal, TextWriter stdout, CancellationToken cancellationToken)
    {
        var reported = journal.DurableSequence;
        while (true)
        {
            await journal.WaitDurableAsync(reported + 1, cancellationToken).ConfigureAwait(false);
            reported = journal.DurableSequence;
            await stdout.WriteLineAsync("durable " + reported.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
