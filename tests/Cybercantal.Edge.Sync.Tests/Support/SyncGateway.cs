using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Sync;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Sync.Tests.Support;

/// <summary>The agent's real sync parts (journal file, hub link, outbox) in-process, as a gateway runs them.</summary>
internal sealed class SyncGateway : IAsyncDisposable
{
    private SyncGateway(string site, SqliteJournal journal, SyncStateFile state, HubConnection connection, JournalOutbox outbox)
    {
        Site = site;
        Journal = journal;
        State = state;
        Connection = connection;
        Outbox = outbox;
    }

    public string Site { get; }

    public SqliteJournal Journal { get; }

    public SyncStateFile State { get; }

    public HubConnection Connection { get; }

    public JournalOutbox Outbox { get; }

    public static HubSyncOptions TestOptions() => new()
    {
        BacklogBytesPerSecond = 0,
        BatchRecords = 500,
        FlushInterval = TimeSpan.FromMilliseconds(20),
        AckTimeout = TimeSpan.FromSeconds(3),
        KeepAlive = TimeSpan.FromSeconds(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ReconnectMinDelay = TimeSpan.FromMilliseconds(100),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(800),
    };

    public static string WriteCredentialFile(string directory, string secret = RunningHub.Secret)
    {
        var path = Path.Combine(directory, "hub-password");
        File.WriteAllText(path, secret + "\n");
        return path;
    }

    public static SyncGateway Create(string directory, string site, Uri broker, HubSyncOptions? options = null, string? credentialFile = null)
    {
        options ??= TestOptions();
        var time = TimeProvider.System;
        var journal = new SqliteJournal(Options.Create(new JournalOptions { DatabasePath = Path.Combine(directory, site + "-journal.db"), FlushInterval = TimeSpan.FromMilliseconds(5) }), time);
        var state = new SyncStateFile(Path.Combine(directory, site + "-sync-state"));
        var hub = new HubConnectionConfiguration { Broker = broker, Tls = false, CredentialFile = credentialFile ?? WriteCredentialFile(directory) };
        var connection = new HubConnection(site, hub, options, state, [], time);
        var outbox = new JournalOutbox(connection, new SqliteOutboxSource(journal, time), state, options, time);
        return new SyncGateway(site, journal, state, connection, outbox);
    }

    public void Start()
    {
        Connection.Start();
        Outbox.Start();
    }

    public long Append(int count)
    {
        var last = 0L;
        for (var i = 0; i < count; i++)
        {
            last = Journal.Append(JournalStressCommand.ExpectedEntry(Journal.LastSequence + 1));
        }

        return last;
    }

    /// <summary>Waits (polling a condition, not timing logic) until the hub acknowledged <paramref name="sequence"/>.</summary>
    public async Task WaitAckedAsync(long sequence, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Outbox.Acked < sequence)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Site}: the hub acknowledged {Outbox.Acked}, expected {sequence} within {timeout} ({Outbox.Figures})");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Outbox.DisposeAsync();
        await Connection.DisposeAsync();
        await Journal.DisposeAsync();
    }
}
