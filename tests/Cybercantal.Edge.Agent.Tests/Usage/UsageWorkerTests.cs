using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Agent.Usage;
using Cybercantal.Edge.Agent.Usage.Rooms;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cybercantal.Edge.Agent.Tests.Usage;

public sealed class UsageWorkerTests : IDisposable
{
    private static readonly DateTimeOffset BookingStart = AccessTestSite.Local(2026, 11, 30, 14, 0);

    private readonly TemporaryUsageState _usage = new();
    private readonly RecordingJournal _journal = new();
    private readonly SiteConfiguration _site = UsageTestSite.Create();
    private readonly FakeTimeProvider _time = new(BookingStart.AddMinutes(-5));
    private readonly RoomUseTracker _rooms;

    public UsageWorkerTests()
    {
        var store = UsageTestSite.Store(new BookingRecord("SF-001", "salle-reunion", BookingStart, BookingStart.AddHours(2)));
        _rooms = new RoomUseTracker(_site, store, _usage.Store, _journal, UsageTestSite.Options(), _time, NullLogger<RoomUseTracker>.Instance);
        _rooms.RecoverAfterRestart();
    }

    public void Dispose()
    {
        _rooms.Dispose();
        _usage.Dispose();
    }

    [Fact]
    public async Task Queued_decisions_reach_the_trackers_in_arrival_order_and_drained_waits_for_them()
    {
        using var worker = Worker();
        await worker.StartAsync(CancellationToken.None);

        Assert.True(worker.Enqueue(Tap(BookingStart.AddMinutes(-5))));
        Assert.True(worker.Enqueue(Tap(BookingStart.AddMinutes(40))));
        await worker.DrainedAsync(Hang());

        // Check-in first, then the holder's second badge at the same reader ends the use.
        Assert.Equal([JournalRecordKind.RoomCheckIn, JournalRecordKind.RoomUseEnded], _journal.Entries.Select(e => e.Kind));
        var ended = Assert.Single(_journal.OfKind(JournalRecordKind.RoomUseEnded));
        Assert.Equal(("badge-out", "2700"), (UsageDetail.Parse(ended.Detail)["reason"], UsageDetail.Parse(ended.Detail)["seconds"]));
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_full_queue_drops_the_decision_at_once_and_journals_a_usage_fault()
    {
        using var worker = Worker(capacity: 1);

        // Not started: nothing reads the queue, so the second decision finds it full.
        Assert.True(worker.Enqueue(Tap(BookingStart.AddMinutes(-5))));
        Assert.False(worker.Enqueue(Tap(BookingStart.AddMinutes(1))));

        var fault = Assert.Single(_journal.OfKind(JournalRecordKind.UsageFault));
        var detail = UsageDetail.Parse(fault.Detail);
        Assert.Equal(("queue", "QueueFull", "lecteur-reunion", "SF-001"), (detail["source"], detail["fault"], fault.ReaderId, fault.MemberId));
        Assert.Equal(1, worker.Dropped);
        var drained = worker.DrainedAsync(Hang());
        Assert.False(drained.IsCompleted);

        await worker.StartAsync(CancellationToken.None);
        await drained;
        Assert.Single(_journal.OfKind(JournalRecordKind.RoomCheckIn));
        Assert.Empty(_journal.OfKind(JournalRecordKind.RoomUseEnded));
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Stopping_hands_what_is_already_queued_to_the_trackers()
    {
        using var worker = Worker();
        Assert.True(worker.Enqueue(Tap(BookingStart.AddMinutes(-5))));

        await worker.StartAsync(CancellationToken.None);
        await worker.StopAsync(CancellationToken.None);

        Assert.Single(_journal.OfKind(JournalRecordKind.RoomCheckIn));
        Assert.True(worker.DrainedAsync().IsCompletedSuccessfully);
    }

    [Fact]
    public void Draining_an_empty_queue_completes_at_once()
    {
        using var worker = Worker();

        Assert.True(worker.DrainedAsync().IsCompletedSuccessfully);
    }

    // A guard against a hung test, not a timing assertion.
    private static CancellationToken Hang() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private UsageWorker Worker(int capacity = UsageWorker.DefaultCapacity) =>
        new(null, null, _rooms, null, _journal, NullLogger<UsageWorker>.Instance, capacity);

    private Agent.Badges.BadgeDecision Tap(DateTimeOffset at) =>
        UsageTestSite.Decision(_site, "lecteur-reunion", UsageTestSite.Alice, "SF-001", at);
}
