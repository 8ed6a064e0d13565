using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Sync;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Agent.Usage;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Cybercantal.Edge.Agent.Tests.Journal;

public sealed class JournalRetentionTests : IDisposable
{
    // Only a guard against a hung test: every wait completes on an event, never on elapsed time.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Flush = TimeSpan.FromMilliseconds(20);

    private readonly TemporaryDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task DeletesOnlyRecordsThatAreBothOldAndAcknowledged()
    {
        await using var journal = Open();
        await AppendAsync(journal, 10, "old");
        _time.Advance(TimeSpan.FromDays(100));
        await AppendAsync(journal, 5, "recent");
        using var retention = Retention(journal, new FixedAcknowledgement(6));

        var result = await retention.RunOnceAsync().WaitAsync(Guard);

        Assert.Equal(6, result.Deleted);
        Assert.Equal(6, result.ThroughSequence);
        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromDays(90), result.Cutoff);
        // The outbox reads after the ack: everything it may still send is there, without a gap.
        Assert.Equal(Enumerable.Range(7, 9).Select(i => (long)i), StoredSequences().ToArray());
        Assert.Equal(Enumerable.Range(7, 9).Select(i => (long)i), journal.ReadAfter(6, 100).Select(r => r.Sequence));
    }

    [Fact]
    public async Task WithoutAHubRecordsAreDeletedByAgeOnly()
    {
        await using var journal = Open();
        await AppendAsync(journal, 10, "old");
        _time.Advance(TimeSpan.FromDays(89));
        await AppendAsync(journal, 5, "younger");
        _time.Advance(TimeSpan.FromDays(2));
        using var retention = Retention(journal, acknowledgement: null);

        var result = await retention.RunOnceAsync().WaitAsync(Guard);

        Assert.Equal(10, result.Deleted);
        Assert.Equal([11L, 12L, 13L, 14L, 15L], StoredSequences());
    }

    [Fact]
    public async Task NothingIsDeletedBeforeTheHubAcknowledgedIt()
    {
        await using var journal = Open();
        await AppendAsync(journal, 10, "old");
        _time.Advance(TimeSpan.FromDays(400));
        using var retention = Retention(journal, new FixedAcknowledgement(0));

        var result = await retention.RunOnceAsync().WaitAsync(Guard);

        Assert.Equal(0, result.Deleted);
        Assert.Equal(10, StoredSequences().Count);
    }

    [Fact]
    public async Task AnAckAheadOfTheJournalNeverDeletesBeyondWhatIsDurable()
    {
        await using var journal = Open();
        await AppendAsync(journal, 3, "old");
        _time.Advance(TimeSpan.FromDays(100));
        journal.Append(Entry("queued, not yet durable"));
        using var retention = Retention(journal, new FixedAcknowledgement(1000));

        var result = await retention.RunOnceAsync().WaitAsync(Guard);

        Assert.Equal(3, result.ThroughSequence);
        _time.Advance(Flush);
        await journal.WaitDurableAsync(4).AsTask().WaitAsync(Guard);
        Assert.Equal([4L], StoredSequences());
    }

    [Fact]
    public async Task TheSequenceContinuesAfterEveryRowWasDeletedAndTheJournalRestarted()
    {
        var journal = Open();
        await AppendAsync(journal, 5, "old");
        _time.Advance(TimeSpan.FromDays(100));
        using (var retention = Retention(journal, new FixedAcknowledgement(5)))
        {
            Assert.Equal(5, (await retention.RunOnceAsync().WaitAsync(Guard)).Deleted);
        }

        Assert.Empty(StoredSequences());
        Assert.Equal(6, journal.Append(Entry("before restart")));
        _time.Advance(Flush);
        await journal.WaitDurableAsync(6).AsTask().WaitAsync(Guard);
        using (var retention = Retention(journal, acknowledgement: null))
        {
            // Record 6 is young: nothing to delete, the high-water mark must still survive the next restart.
            Assert.Equal(0, (await retention.RunOnceAsync().WaitAsync(Guard)).Deleted);
        }

        _time.Advance(TimeSpan.FromDays(100));
        using (var retention = Retention(journal, acknowledgement: null))
        {
            Assert.Equal(1, (await retention.RunOnceAsync().WaitAsync(Guard)).Deleted);
        }

        await journal.DisposeAsync();
        Assert.Empty(StoredSequences());

        await using var reopened = Open();
        Assert.Equal(6, reopened.DurableSequence);
        Assert.Equal(7, reopened.Append(Entry("after restart")));
        _time.Advance(Flush);
        await reopened.WaitDurableAsync(7).AsTask().WaitAsync(Guard);
        Assert.Equal([7L], StoredSequences());
    }

    [Fact]
    public async Task DeletesRunInBoundedBatches()
    {
        await using var journal = Open(o => o.RetentionBatch = 3);
        await AppendAsync(journal, 10, "old");
        _time.Advance(TimeSpan.FromDays(91));
        using var retention = Retention(journal, acknowledgement: null, o => o.RetentionBatch = 3);

        var result = await retention.RunOnceAsync().WaitAsync(Guard);

        Assert.Equal(10, result.Deleted);
        Assert.Equal(4, result.Batches);
        Assert.Empty(StoredSequences());
    }

    [Fact]
    public async Task AppendsDuringARetentionRunAreAllStoredInOrder()
    {
        await using var journal = Open(o => o.FlushInterval = TimeSpan.Zero);
        for (var i = 0; i < 500; i++)
        {
            journal.Append(Entry("old"));
        }

        await journal.WaitDurableAsync(500).AsTask().WaitAsync(Guard);
        _time.Advance(TimeSpan.FromDays(91));
        using var retention = Retention(journal, new FixedAcknowledgement(500), o => o.RetentionBatch = 7);

        var run = retention.RunOnceAsync();
        var appended = new List<long>();
        for (var i = 0; i < 200; i++)
        {
            appended.Add(journal.Append(Entry("during")));
        }

        var result = await run.WaitAsync(Guard);
        await journal.WaitDurableAsync(700).AsTask().WaitAsync(Guard);

        Assert.Equal(500, result.Deleted);
        Assert.Equal(Enumerable.Range(501, 200).Select(i => (long)i), appended);
        Assert.Equal(appended, StoredSequences());
    }

    [Fact]
    public async Task TheWorkerRunsAfterItsStartDelayThenDailyOnTheInjectedClock()
    {
        await using var journal = Open();
        await AppendAsync(journal, 4, "first");
        _time.Advance(TimeSpan.FromDays(90) + TimeSpan.FromHours(1));
        await AppendAsync(journal, 3, "second");
        var logger = new RecordingLogger<JournalRetentionWorker>();
        using var retention = Retention(journal, acknowledgement: null, logger: logger);

        await retention.StartAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.True(SpinWait.SpinUntil(() => retention.Runs == 1, Guard));
        Assert.Equal(4, retention.LastResult!.Deleted);

        _time.Advance(TimeSpan.FromDays(1));
        Assert.True(SpinWait.SpinUntil(() => retention.Runs == 2, Guard));
        Assert.Equal(0, retention.LastResult!.Deleted);

        // One daily timer fires per advance: the next run comes once the second records are old enough.
        _time.Advance(TimeSpan.FromDays(89));
        Assert.True(SpinWait.SpinUntil(() => retention.Runs == 3, Guard));
        Assert.Equal(3, retention.LastResult!.Deleted);
        await retention.StopAsync(CancellationToken.None);

        Assert.Equal(1, logger.Count(1409));
        Assert.Equal(3, logger.Count(1407));
        // Counts only: the run's log line names no member, credential nor door.
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains("door-entree", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SettledBookingsOlderThanTheRetentionAreForgotten()
    {
        await using var journal = Open();
        using var usage = new UsageStateStore(_directory.File("usage.db"));
        usage.Settle("visio|SF-005|1", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromDays(60));
        usage.Settle("visio|SF-006|2", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromDays(31));
        using var retention = Retention(journal, acknowledgement: null, prunables: [usage]);

        var result = await retention.RunOnceAsync().WaitAsync(Guard);

        Assert.Equal(1, result.Pruned);
        Assert.Equal(["visio|SF-006|2"], usage.LoadSettled(DateTimeOffset.MinValue.AddDays(1)));
    }

    [Fact]
    public async Task TheComposedRetentionObeysTheAckPersistedInTheSyncStateFile()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_time)
            .AddJournal(configure: o => o.DatabasePath = _directory.File("journal.db"))
            .AddJournalAcknowledgement(configuration)
            .AddJournalRetention();
        await using (var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }))
        {
            var journal = provider.GetRequiredService<SqliteJournal>();
            await AppendAsync(journal, 8, "old");
            // What the outbox does on each hub ack: persisted next to the journal as "acked N".
            provider.GetRequiredService<SyncStateFile>().SetAcked(5);
            _time.Advance(TimeSpan.FromDays(91));

            var result = await provider.GetRequiredService<JournalRetentionWorker>().RunOnceAsync().WaitAsync(Guard);

            Assert.Equal((5L, 5L), (result.Deleted, result.ThroughSequence));
        }

        Assert.Equal([6L, 7L, 8L], StoredSequences());
        Assert.Contains("acked 5", await File.ReadAllTextAsync(_directory.File("sync-state")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutASyncStateTheComposedRetentionDeletesByAgeOnly()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_time)
            .AddJournal(configure: o => o.DatabasePath = _directory.File("journal.db"))
            .AddJournalRetention();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var journal = provider.GetRequiredService<SqliteJournal>();
        await AppendAsync(journal, 4, "old");
        _time.Advance(TimeSpan.FromDays(91));

        var result = await provider.GetRequiredService<JournalRetentionWorker>().RunOnceAsync().WaitAsync(Guard);

        Assert.Equal(4, result.Deleted);
        Assert.Contains(provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s is JournalRetentionWorker);
    }

    [Theory]
    [InlineData("00:00:00", "Journal:Retention")]
    [InlineData("3651.00:00:00", "Journal:Retention")]
    public void ARetentionOutsideItsRangeIsRefusedAtStart(string retention, string named)
    {
        var options = new JournalOptions { Retention = TimeSpan.Parse(retention, System.Globalization.CultureInfo.InvariantCulture) };

        var result = new JournalOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ABatchOfZeroIsRefusedAtStart()
    {
        var result = new JournalOptionsValidator().Validate(null, new JournalOptions { RetentionBatch = 0 });

        Assert.True(result.Failed);
        Assert.Contains("Journal:RetentionBatch", result.FailureMessage, StringComparison.Ordinal);
    }

    private static JournalEntry Entry(string detail) => new(JournalRecordKind.DoorStateChanged) { DoorId = "door-entree", Detail = detail };

    private async Task AppendAsync(SqliteJournal journal, int count, string detail)
    {
        long last = 0;
        for (var i = 0; i < count; i++)
        {
            last = journal.Append(Entry(detail));
        }

        _time.Advance(Flush);
        await journal.WaitDurableAsync(last).AsTask().WaitAsync(Guard);
    }

    private List<long> StoredSequences()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _directory.File("journal.db"), Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq FROM journal ORDER BY seq";
        using var reader = command.ExecuteReader();
        var sequences = new List<long>();
        while (reader.Read())
        {
            sequences.Add(reader.GetInt64(0));
        }

        return sequences;
    }

    private SqliteJournal Open(Action<JournalOptions>? configure = null)
    {
        var options = new JournalOptions { DatabasePath = _directory.File("journal.db") };
        configure?.Invoke(options);
        return new SqliteJournal(Options.Create(options), _time);
    }

    private JournalRetentionWorker Retention(
        SqliteJournal journal,
        IJournalAcknowledgement? acknowledgement,
        Action<JournalOptions>? configure = null,
        IRetentionPrunable[]? prunables = null,
        RecordingLogger<JournalRetentionWorker>? logger = null)
    {
        var options = new JournalOptions { DatabasePath = journal.DatabasePath };
        configure?.Invoke(options);
        return new JournalRetentionWorker(journal, Options.Create(options), _time, prunables ?? [], acknowledgement, logger);
    }

    private sealed class FixedAcknowledgement(long through) : IJournalAcknowledgement
    {
        public long AcknowledgedThrough => through;
    }
}
