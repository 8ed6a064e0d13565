using System.Globalization;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Sync;

/// <summary>
/// <c>cybercantal-agent sync-stress --db PATH --site ID --broker URI --credential-file FILE [--append N] [--rate N]</c>:
/// the crash-test child of the sync reliability tests (hidden verb). Runs the real <see cref="HubConnection"/>
/// and <see cref="JournalOutbox"/> on a real journal file while appending N more records (content from
/// <see cref="JournalStressCommand.ExpectedEntry"/>), prints <c>ready</c>, then <c>acked &lt;seq&gt;</c> as the hub
/// acknowledges, and <c>done &lt;seq&gt;</c> once the hub holds the whole journal. The parent SIGKILLs it anywhere.
/// </summary>
public static class SyncStressCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? db = null, site = null, broker = null, credentialFile = null;
        var append = 0;
        var rate = 20_000;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--db": db = value; break;
                case "--site": site = value; break;
                case "--broker": broker = value; break;
                case "--credential-file": credentialFile = value; break;
                case "--append": append = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--rate": rate = int.Parse(value, CultureInfo.InvariantCulture); break;
                default:
                    await Console.Error.WriteLineAsync($"sync-stress: unexpected argument '{args[i]}'.").ConfigureAwait(false);
                    return 2;
            }
        }

        if (db is null || site is null || broker is null || credentialFile is null || args.Length % 2 != 0)
        {
            await Console.Error.WriteLineAsync("sync-stress: usage: sync-stress --db PATH --site ID --broker URI --credential-file FILE [--append N] [--rate N]").ConfigureAwait(false);
            return 2;
        }

        using var loggerFactory = LoggerFactory.Create(builder => builder
            .AddFilter(level => level >= LogLevel.Warning)
            .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace));
        var time = TimeProvider.System;
        var options = new HubSyncOptions
        {
            BacklogBytesPerSecond = 0,
            FlushInterval = TimeSpan.FromMilliseconds(20),
            AckTimeout = TimeSpan.FromSeconds(3),
            KeepAlive = TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(100),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
        };
        var brokerUri = new Uri(broker);
        var hub = new HubConnectionConfiguration { Broker = brokerUri, Tls = brokerUri.Scheme == "mqtts", CredentialFile = credentialFile };
        var state = new SyncStateFile(db + ".sync-state");
        var journal = new SqliteJournal(Options.Create(new JournalOptions { DatabasePath = db, FlushInterval = TimeSpan.FromMilliseconds(5) }), time, loggerFactory.CreateLogger<SqliteJournal>());
        await using (journal.ConfigureAwait(false))
        {
            var connection = new HubConnection(site, hub, options, state, [], time, loggerFactory.CreateLogger<HubConnection>());
            await using (connection.ConfigureAwait(false))
            {
                var outbox = new JournalOutbox(connection, new SqliteOutboxSource(journal, time), state, options, time, loggerFactory.CreateLogger<JournalOutbox>());
                await using (outbox.ConfigureAwait(false))
                {
                    var stdout = Console.Out;
                    var acks = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    connection.AckReceived += _ => Interlocked.Exchange(ref acks, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                    connection.Start();
                    outbox.Start();
                    await stdout.WriteLineAsync("ready " + journal.LastSequence.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
                    await stdout.FlushAsync().ConfigureAwait(false);

                    var appending = AppendAsync(journal, append, rate);
                    var reported = -1L;
                    while (true)
                    {
                        var signal = Volatile.Read(ref acks).Task;
                        var acked = outbox.Acked;
                        if (acked != reported)
                        {
                            reported = acked;
                            await stdout.WriteLineAsync("acked " + acked.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
                            await stdout.FlushAsync().ConfigureAwait(false);
                        }

                        if (appending.IsCompleted && acked >= journal.LastSequence)
                        {
                            await appending.ConfigureAwait(false);
                            break;
                        }

                        await Task.WhenAny(signal, Task.Delay(200)).ConfigureAwait(false);
                    }

                    await stdout.WriteLineAsync("done " + outbox.Acked.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
                    await stdout.FlushAsync().ConfigureAwait(false);
                }
            }
        }

        return 0;
    }

    private static async Task AppendAsync(SqliteJournal journal, int count, int rate)
    {
        var start = TimeProvider.System.GetTimestamp();
        var appended = 0;
        while (appended < count)
        {
            var target = Math.Min(count, (long)(TimeProvider.System.GetElapsedTime(start).TotalSeconds * rate) + 1);
            while (appended < target)
            {
                journal.Append(JournalStressCommand.ExpectedEntry(journal.LastSequence + 1));
                appended++;
            }

            await Task.Delay(2).ConfigureAwait(false);
        }
    }
}
