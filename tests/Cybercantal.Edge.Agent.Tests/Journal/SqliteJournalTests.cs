using System.Collections.Concurrent;
using System.Globalization;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Cybercantal.Edge.Agent.Tests.Journal;

public sealed class SqliteJournalTests : IDisposable
{
    // Only a guard against a hung test: every wait below completes on an event, never on elapsed time.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    private readonly TemporaryDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task WaitDurableCompletesOnlyAfterTheCommit()
    {
        await using var journal = Open();

        Assert.Equal(1, journal.Append(Entry("a")));
        Assert.Equal(2, journal.Append(Entry("b")));
        var durable = journal.WaitDurableAsync(2).AsTask();

        Assert.False(durable.IsCompleted);
        Assert.Equal(0, journal.DurableSequence);
        Assert.Empty(journal.ReadAfter(0, 10));

        _time.Advance(TimeSpan.FromMilliseconds(20));
        await durable.WaitAsync(Guard);

        Assert.Equal(2, journal.DurableSequence);
        Assert.Equal(["a", "b"], journal.ReadAfter(0, 10).Select(r => r.Detail));
        Assert.True(IsCompletedSynchronously(journal.WaitDurableAsync(1)));
    }

    [Fact]
    public async Task RecordsAreStampedWithTheInjectedClocks()
    {
        await using var journal = Open();
        var wall = _time.GetUtcNow();
        var mono = _time.GetTimestamp();

        journal.Append(Entry("stamped"));
        _time.Advance(TimeSpan.FromMilliseconds(20));
        await journal.WaitDurableAsync(1).AsTask().WaitAsync(Guard);

        var record = Assert.Single(journal.ReadAfter(0, 10));
        Assert.Equal(wall, record.WallClock);
        Assert.Equal(mono, record.Monotonic);
    }

    [Fact]
    public async Task RecordsWithinOneWindowAreCommittedInOneTransaction()
    {
        await using var journal = Open();
        for (var i = 0; i < 1000; i++)
        {
            journal.Append(Entry("x"));
        }

        _time.Advance(TimeSpan.FromMilliseconds(20));
        await journal.WaitDurableAsync(1000).AsTask().WaitAsync(Guard);

        Assert.Equal(1, journal.CommittedBatches);
    }

    [Fact]
    public async Task ReachingMaxBatchCommitsBeforeTheWindowEndsAndNoTransactionExceedsIt()
    {
        await using var journal = Open(o =>
        {
            o.FlushInterval = TimeSpan.FromSeconds(5);
            o.MaxBatch = 100;
        });
        for (var i = 0; i < 250; i++)
        {
            journal.Append(Entry("x"));
        }

        // No time passes: a full batch alone must start the commit.
        await journal.WaitDurableAsync(100).AsTask().WaitAsync(Guard);

        _time.Advance(TimeSpan.FromSeconds(5));
        await journal.WaitDurableAsync(250).AsTask().WaitAsync(Guard);
        Assert.True(journal.CommittedBatches >= 3, $"250 records in batches of at most 100 need 3 commits, saw {journal.CommittedBatches}.");
    }

    [Fact]
    public async Task SequenceContinuesWithoutGapAcrossReopen()
    {
        await using (var first = Open())
        {
            for (var i = 1; i <= 10; i++)
            {
                Assert.Equal(i, first.Append(Entry("first")));
            }
        }

        await using var second = Open();
        Assert.Equal(10, second.DurableSequence);
        Assert.Equal(10, second.LastSequence);
        Assert.Equal(11, second.Append(Entry("second")));
        _time.Advance(TimeSpan.FromMilliseconds(20));
        await second.WaitDurableAsync(11).AsTask().WaitAsync(Guard);

        var records = second.ReadAfter(0, 100);
        Assert.Equal(Enumerable.Range(1, 11).Select(i => (long)i), records.Select(r => r.Sequence));
        Assert.Equal("second", records[^1].Detail);
    }

    [Fact]
    public async Task DisposeFlushesEverythingQueuedAndCompletesWaiters()
    {
        var journal = Open(o => o.FlushInterval = TimeSpan.FromSeconds(5));
        for (var i = 0; i < 500; i++)
        {
            journal.Append(Entry("queued"));
        }

        var waiter = journal.WaitDurableAsync(500).AsTask();
        var neverAppended = journal.WaitDurableAsync(501).AsTask();
        Assert.False(waiter.IsCompleted);

        await journal.DisposeAsync().AsTask().WaitAsync(Guard);

        await waiter.WaitAsync(Guard);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => neverAppended.WaitAsync(Guard));
        Assert.Throws<ObjectDisposedException>(() => journal.Append(Entry("late")));
        await using var reopened = Open();
        Assert.Equal(500, reopened.DurableSequence);
    }

    [Fact]
    public async Task AppendFromManyThreadsKeepsUniqueGapFreeSequencesInQueueOrder()
    {
        const int Threads = 8;
        const int PerThread = 3000;
        var journal = Open(o => o.FlushInterval = TimeSpan.Zero, TimeProvider.System);
        var assigned = new ConcurrentDictionary<long, string>();
        using var start = new Barrier(Threads);
        var workers = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                var previous = 0L;
                for (var i = 0; i < PerThread; i++)
                {
                    var detail = string.Create(CultureInfo.InvariantCulture, $"t{t}:{i}");
                    var sequence = journal.Append(Entry(detail));
                    Assert.True(sequence > previous, "one thread's sequences must increase");
                    previous = sequence;
                    Assert.True(assigned.TryAdd(sequence, detail), $"sequence {sequence} assigned twice");
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        await Task.WhenAll(workers).WaitAsync(Guard);
        await journal.WaitDurableAsync(Threads * PerThread).AsTask().WaitAsync(Guard);
        await journal.DisposeAsync();

        Assert.Equal(Enumerable.Range(1, Threads * PerThread).Select(i => (long)i), assigned.Keys.Order());
        await using var reopened = Open();
        var stored = ReadAll(reopened);
        Assert.Equal(Threads * PerThread, stored.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            Assert.Equal(i + 1, stored[i].Sequence);
            Assert.Equal(assigned[stored[i].Sequence], stored[i].Detail);
            if (i > 0)
            {
                // Stamped under the same lock that numbers: time never goes backwards along the sequence.
                Assert.True(stored[i].Monotonic >= stored[i - 1].Monotonic, $"monotonic time went backwards at {stored[i].Sequence}");
            }
        }
    }

    [Fact]
    public async Task EveryFieldRoundTripsIncludingCredentialCanonicalText()
    {
        await using var journal = Open();
        Assert.True(Credential.TryFromUid([0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6], out var nfc));
        var decision = new JournalEntry(JournalRecordKind.AccessDecision)
        {
            DoorId = "door-entree",
            ReaderId = "reader-entree",
            Credential = nfc,
            MemberId = "M0042",
            Granted = false,
            Reason = DenyReason.OutOfHours,
            Basis = GrantBasis.None,
            Detail = "schedule",
        };
        var doorState = new JournalEntry(JournalRecordKind.DoorStateChanged) { DoorId = "door-entree", Detail = "open" };
        journal.Append(decision);
        journal.Append(doorState);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        await journal.WaitDurableAsync(2).AsTask().WaitAsync(Guard);

        var records = journal.ReadAfter(0, 10);
        Assert.Equal(decision, records[0].ToEntry());
        Assert.Equal("nfc:04A1B2C3D4E5F6", records[0].CredentialText);
        Assert.Equal(doorState, records[1].ToEntry());
        Assert.Null(records[1].CredentialText);
        Assert.Null(records[1].Granted);
        Assert.Equal(2, journal.ReadAfter(1, 10).Single().Sequence);
        Assert.Single(journal.ReadAfter(0, 1));
    }

    [Fact]
    public async Task FailedCommitsAreLoggedKeptAndRetriedUntilTheyPass()
    {
        var logger = new CapturingLogger<SqliteJournal>();
        await using var journal = Open(
            o =>
            {
                o.FlushInterval = TimeSpan.Zero;
                o.RetryInitialDelay = TimeSpan.FromMilliseconds(1);
                o.RetryMaxDelay = TimeSpan.FromMilliseconds(4);
            },
            TimeProvider.System,
            logger);
        var attempts = 0;
        journal.BeforeCommit = () =>
        {
            if (Interlocked.Increment(ref attempts) <= 3)
            {
                throw new SqliteException("disk I/O error (simulated)", 10);
            }
        };

        for (var i = 0; i < 5; i++)
        {
            journal.Append(Entry("kept"));
        }

        await journal.WaitDurableAsync(5).AsTask().WaitAsync(Guard);

        Assert.Equal(3, logger.Count(1401));
        Assert.Equal(1, logger.Count(1402));
        Assert.Contains(journal.DatabasePath, logger.Entries.First(e => e.EventId.Id == 1401).Message, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), journal.ReadAfter(0, 10).Select(r => r.Sequence));
    }

    [Fact]
    public async Task DisposeWithAPermanentlyFailingDiskEndsAndReportsTheLostRecords()
    {
        var logger = new CapturingLogger<SqliteJournal>();
        var journal = Open(
            o =>
            {
                o.FlushInterval = TimeSpan.FromSeconds(5);
                o.RetryInitialDelay = TimeSpan.FromMilliseconds(1);
                o.ShutdownRetryBudget = TimeSpan.FromMilliseconds(5);
            },
            logger: logger);
        journal.BeforeCommit = () => throw new SqliteException("database or disk is full (simulated)", 13);
        journal.Append(Entry("lost"));
        var waiter = journal.WaitDurableAsync(1).AsTask();

        await journal.DisposeAsync().AsTask().WaitAsync(Guard);

        Assert.Equal(1, logger.Count(1404));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiter.WaitAsync(Guard));
    }

    [Fact]
    public async Task WaitDurableCanBeCancelled()
    {
        await using var journal = Open();
        journal.Append(Entry("a"));
        using var cancellation = new CancellationTokenSource();
        var waiter = journal.WaitDurableAsync(1, cancellation.Token).AsTask();

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter.WaitAsync(Guard));
    }

    [Fact]
    public void AFileThatIsNotADatabaseIsReportedByNameAndLeftUntouched()
    {
        var path = _directory.File("journal.db");
        var garbage = new byte[8192];
        new Random(42).NextBytes(garbage);
        File.WriteAllBytes(path, garbage);

        var exception = Assert.Throws<JournalStorageException>(() => Open());

        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
        Assert.Equal(path, exception.DatabasePath);
        Assert.Equal(garbage, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task ATornDatabaseIsReportedByNameAndNotRecreated()
    {
        var path = _directory.File("journal.db");
        await using (var journal = Open())
        {
            for (var i = 0; i < 3000; i++)
            {
                journal.Append(Entry("payload payload payload payload payload"));
            }
        }

        // Tear the file: overwrite pages in the middle, as a half-written sector run would.
        var length = new FileInfo(path).Length;
        Assert.True(length > 64 * 1024, $"test database too small ({length} bytes)");
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.Position = 4096 * 3;
            var torn = new byte[4096 * 4];
            Array.Fill(torn, (byte)0xA5);
            await stream.WriteAsync(torn);
        }

        var exception = Assert.Throws<JournalStorageException>(() => Open());

        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
        Assert.Equal(length, new FileInfo(path).Length);
    }

    [Fact]
    public async Task AddJournalRegistersOneValidatedSingleton()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddJournal(configure: o => o.DatabasePath = _directory.File("di/journal.db"));
        await using var provider = services.BuildServiceProvider();

        var journal = provider.GetRequiredService<IJournal>();

        Assert.Same(provider.GetRequiredService<SqliteJournal>(), journal);
        Assert.True(File.Exists(_directory.File("di/journal.db")));
    }

    [Theory]
    [InlineData("MaxBatch")]
    [InlineData("FlushInterval")]
    [InlineData("DatabasePath")]
    public void InvalidOptionsAreRejectedNamingTheSetting(string setting)
    {
        var services = new ServiceCollection();
        services.AddJournal(configure: o =>
        {
            switch (setting)
            {
                case "MaxBatch": o.MaxBatch = 0; break;
                case "FlushInterval": o.FlushInterval = TimeSpan.FromMilliseconds(-1); break;
                default: o.DatabasePath = " "; break;
            }
        });
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<JournalOptions>>().Value);

        Assert.Contains("Journal:" + setting, exception.Message, StringComparison.Ordinal);
    }

    private static bool IsCompletedSynchronously(ValueTask task) => task.IsCompletedSuccessfully;

    private static JournalEntry Entry(string detail) => new(JournalRecordKind.DoorStateChanged) { DoorId = "door-entree", Detail = detail };

    private static List<JournalRecord> ReadAll(SqliteJournal journal)
    {
        var all = new List<JournalRecord>();
        while (true)
        {
            var page = journal.ReadAfter(all.Count == 0 ? 0 : all[^1].Sequence, 5000);
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
        }
    }

    private SqliteJournal Open(Action<JournalOptions>? configure = null, TimeProvider? time = null, ILogger<SqliteJournal>? logger = null)
    {
        var options = new JournalOptions { DatabasePath = _directory.File("journal.db") };
        configure?.Invoke(options);
        return new SqliteJournal(Options.Create(options), time ?? _time, logger);
    }
}
