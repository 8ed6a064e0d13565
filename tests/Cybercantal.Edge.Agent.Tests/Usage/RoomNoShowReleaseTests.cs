using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Agent.Usage;
using Cybercantal.Edge.Agent.Usage.Rooms;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cybercantal.Edge.Agent.Tests.Usage;

public sealed class RoomNoShowReleaseTests : IDisposable
{
    private readonly TemporaryUsageState _usage = new();
    private readonly RecordingJournal _journal = new();
    private readonly SiteConfiguration _site = UsageTestSite.Create();

    public void Dispose() => _usage.Dispose();

    [Fact]
    public void A_no_show_releases_the_booking_the_holder_is_refused_and_a_restart_keeps_it_released()
    {
        var start = AccessTestSite.Local(2026, 11, 30, 14, 0);
        var booking = new BookingRecord("SF-003", "salle-reunion", start, start.AddHours(1));
        var store = UsageTestSite.Store(booking);
        var engine = new AccessDecisionEngine(_site, store);
        var door = _site.DoorTo("salle-reunion");
        var time = new FakeTimeProvider(start);
        var tracker = new RoomUseTracker(_site, store, _usage.Store, _journal, UsageTestSite.Options(), time, NullLogger<RoomUseTracker>.Instance);
        tracker.RecoverAfterRestart();

        time.Advance(TimeSpan.FromMinutes(9));
        tracker.ScanOnce();
        Assert.True(engine.Decide(UsageTestSite.Chloe, door, time.GetUtcNow()).Granted);

        time.Advance(TimeSpan.FromMinutes(1));
        tracker.ScanOnce();
        Assert.Single(_journal.OfKind(JournalRecordKind.RoomNoShow));
        Assert.Equal(DenyReason.BookingReleased, engine.Decide(UsageTestSite.Chloe, door, time.GetUtcNow()).Reason);

        // A restart: a fresh access store loaded with the booking, a new tracker on the same usage state.
        var storeAfter = UsageTestSite.Store(booking);
        _ = new RoomUseTracker(_site, storeAfter, _usage.Store, new RecordingJournal(), UsageTestSite.Options(), time, NullLogger<RoomUseTracker>.Instance);
        var engineAfter = new AccessDecisionEngine(_site, storeAfter);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(DenyReason.BookingReleased, engineAfter.Decide(UsageTestSite.Chloe, door, time.GetUtcNow()).Reason);

        // Nor does a later snapshot that still carries the booking (the hub's delta before it saw the no-show).
        storeAfter.Publish(UsageTestSite.Store(booking).Current);
        Assert.Equal(DenyReason.BookingReleased, engineAfter.Decide(UsageTestSite.Chloe, door, time.GetUtcNow()).Reason);
    }

    [Fact]
    public void A_checked_in_booking_is_not_released()
    {
        var start = AccessTestSite.Local(2026, 11, 30, 14, 0);
        var store = UsageTestSite.Store(new BookingRecord("SF-001", "salle-reunion", start, start.AddHours(1)));
        var engine = new AccessDecisionEngine(_site, store);
        var time = new FakeTimeProvider(start.AddMinutes(2));
        var tracker = new RoomUseTracker(_site, store, _usage.Store, _journal, UsageTestSite.Options(), time, NullLogger<RoomUseTracker>.Instance);
        tracker.OnDecided(Badge(UsageTestSite.Alice, "SF-001", time));

        time.Advance(TimeSpan.FromMinutes(20));
        tracker.ScanOnce();

        Assert.Empty(_journal.OfKind(JournalRecordKind.RoomNoShow));
        Assert.True(engine.Decide(UsageTestSite.Alice, _site.DoorTo("salle-reunion"), time.GetUtcNow()).Granted);
    }

    [Fact]
    public void Staff_can_force_a_room_use_to_end()
    {
        var start = AccessTestSite.Local(2026, 11, 30, 14, 0);
        var store = UsageTestSite.Store(new BookingRecord("SF-001", "salle-reunion", start, start.AddHours(1)));
        var time = new FakeTimeProvider(start);
        var tracker = new RoomUseTracker(_site, store, _usage.Store, _journal, UsageTestSite.Options(), time, NullLogger<RoomUseTracker>.Instance);
        Assert.False(tracker.ForceEnd("salle-reunion"));
        tracker.OnDecided(Badge(UsageTestSite.Alice, "SF-001", time));
        time.Advance(TimeSpan.FromMinutes(25));

        Assert.True(tracker.ForceEnd("salle-reunion"));

        var detail = UsageDetail.Parse(Assert.Single(_journal.OfKind(JournalRecordKind.RoomUseEnded)).Detail);
        Assert.Equal(("forced-by-staff", "1500"), (detail["reason"], detail["seconds"]));
        Assert.Empty(tracker.OpenUses);
        Assert.Empty(_usage.Store.Load(UsageKinds.Room));
        Assert.False(tracker.ForceEnd("salle-reunion"));
    }

    private BadgeDecision Badge(Credential credential, string memberId, TimeProvider time)
    {
        var reader = _site.Readers.Single(r => r.Id == "lecteur-reunion");
        var door = _site.Doors.Single(d => d.Id == reader.Door);
        return new BadgeDecision(reader, door, _site.Zones.Single(z => z.Id == door.ToZone), credential, AccessDecision.Grant(0, GrantBasis.Booking), memberId, memberId, time.GetUtcNow());
    }
}
