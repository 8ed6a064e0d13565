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

public sealed class RoomUseTrackerTests : IDisposable
{
    private readonly TemporaryUsageState _usage = new();
    private readonly RecordingJournal _journal = new();
    private readonly SiteConfiguration _site = UsageTestSite.Create();

    public void Dispose() => _usage.Dispose();

    [Fact]
    public void The_holders_badge_during_the_booking_checks_in_and_a_second_badge_at_that_reader_ends_the_use()
    {
        var start = AccessTestSite.Local(2026, 11, 30, 14, 0);
        var (tracker, time) = Tracker(start.AddMinutes(-5), new BookingRecord("SF-001", "salle-reunion", start, start.AddHours(2)));

        tracker.OnDecided(Badge("lecteur-reunion", UsageTestSite.Alice, "SF-001", time));
        time.Advance(TimeSpan.FromMinutes(20));
        // A participant coming in does not end the holder's use.
        tracker.OnDecided(Badge("lecteur-reunion", UsageTestSite.Bruno, "SF-002", time));
        time.Advance(TimeSpan.FromMinutes(30));
        tracker.OnDecided(Badge("lecteur-reunion", UsageTestSite.Alice, "SF-001", time));

        var checkIn = Assert.Single(_journal.OfKind(JournalRecordKind.RoomCheckIn));
        Assert.Equal(("porte-salle-reunion", "lecteur-reunion", "SF-001"), (checkIn.DoorId, checkIn.ReaderId, checkIn.MemberId));
        Assert.Equal(UsageDetail.Instant(start), UsageDetail.Parse(checkIn.Detail)["booking-start"]);
        var ended = Assert.Single(_journal.OfKind(JournalRecordKind.RoomUseEnded));
        var detail = UsageDetail.Parse(ended.Detail);
        Assert.Equal(("badge-out", "3000", "salle-reunion"), (detail["reason"], detail["seconds"], detail["zone"]));
        Assert.Empty(tracker.OpenUses);

        time.Advance(TimeSpan.FromMinutes(15));
        tracker.ScanOnce();
        Assert.Empty(_journal.OfKind(JournalRecordKind.RoomNoShow));
    }

    [Fact]
    public void A_use_ends_at_the_booking_end_when_nobody_badges_out()
    {
        var start = AccessTestSite.Local(2026, 11, 30, 9, 0);
        var (tracker, time) = Tracker(start.AddMinutes(2), new BookingRecord("SF-002", "salle-visio", start, start.AddHours(1)));
        tracker.OnDecided(Badge("lecteur-visio", UsageTestSite.Bruno, "SF-002", time));

        for (var minute = 0; minute < 60; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            tracker.ScanOnce();
        }

        var detail = UsageDetail.Parse(Assert.Single(_journal.OfKind(JournalRecordKind.RoomUseEnded)).Detail);
        Assert.Equal(("booking-end", UsageDetail.Instant(start.AddHours(1)), "3480"), (detail["reason"], detail["end"], detail["seconds"]));
        Assert.Empty(_usage.Store.Load(UsageKinds.Room));
    }

    [Fact]
    public void A_booking_with_no_check_in_is_a_no_show_at_ten_minutes_and_only_once()
    {
        var start = AccessTestSite.Local(2026, 11, 30, 14, 0);
        var (tracker, time) = Tracker(start, new BookingRecord("SF-003", "salle-reunion", start, start.AddHours(1)));

        time.Advance(TimeSpan.FromMinutes(9));
        tracker.ScanOnce();
        Assert.Empty(_journal.OfKind(JournalRecordKind.RoomNoShow));

        time.Advance(TimeSpan.FromMinutes(1));
        tracker.ScanOnce();
        tracker.ScanOnce();

        var noShow = Assert.Single(_journal.OfKind(JournalRecordKind.RoomNoShow));
        Assert.Equal("SF-003", noShow.MemberId);
        Assert.Equal(UsageDetail.Instant(start.AddMinutes(10)), UsageDetail.Parse(noShow.Detail)["released"]);

        // After a restart the settled booking is remembered: no second no-show.
        var journalAfter = new RecordingJournal();
        var after = new RoomUseTracker(_site, UsageTestSite.Store(new BookingRecord("SF-003", "salle-reunion", start, start.AddHours(1))), _usage.Store, journalAfter, UsageTestSite.Options(), time, NullLogger<RoomUseTracker>.Instance);
        after.RecoverAfterRestart();
        after.ScanOnce();
        Assert.Empty(journalAfter.OfKind(JournalRecordKind.RoomNoShow));
    }

    [Fact]
    public void Leaving_through_a_door_out_of_the_room_ends_the_use_as_exit_and_a_badge_without_booking_checks_in_nothing()
    {
        var start = AccessTestSite.Local(2026, 11, 30, 14, 0);
        var (tracker, time) = Tracker(start, new BookingRecord("SF-001", "salle-reunion", start, start.AddHours(1)));
        tracker.OnDecided(Badge("lecteur-visio", UsageTestSite.Bruno, "SF-002", time));
        Assert.Empty(tracker.OpenUses);

        tracker.OnDecided(Badge("lecteur-reunion", UsageTestSite.Alice, "SF-001", time));
        time.Advance(TimeSpan.FromMinutes(25));
        var exitDoor = new DoorConfiguration
        {
            Id = "porte-sortie-reunion",
            Name = "Sortie salle",
            FromZone = "salle-reunion",
            ToZone = "open-space",
            Strike = new StrikeConfiguration { Pin = 5, UnlockTime = TimeSpan.FromSeconds(5) },
            AcceptedCredentials = [CredentialKind.Nfc],
        };
        tracker.OnDecided(Badge("lecteur-reunion", UsageTestSite.Alice, "SF-001", time) with { Door = exitDoor });

        Assert.Equal("exit", UsageDetail.Parse(Assert.Single(_journal.OfKind(JournalRecordKind.RoomUseEnded)).Detail)["reason"]);
    }

    [Fact]
    public void An_occupancy_timeout_ends_a_long_use_and_a_crash_leaves_nothing_open()
    {
        var start = AccessTestSite.Local(2026, 11, 30, 8, 0);
        var (tracker, time) = Tracker(start, new BookingRecord("SF-001", "salle-reunion", start, start.AddHours(10)));
        tracker.OnDecided(Badge("lecteur-reunion", UsageTestSite.Alice, "SF-001", time));
        time.Advance(TimeSpan.FromHours(4));
        tracker.ScanOnce();
        Assert.Equal("occupancy-timeout", UsageDetail.Parse(Assert.Single(_journal.OfKind(JournalRecordKind.RoomUseEnded)).Detail)["reason"]);

        tracker.OnDecided(Badge("lecteur-reunion", UsageTestSite.Alice, "SF-001", time));
        Assert.Single(_usage.Store.Load(UsageKinds.Room));
        var journalAfter = new RecordingJournal();
        var after = new RoomUseTracker(_site, UsageTestSite.Store(), _usage.Store, journalAfter, UsageTestSite.Options(), time, NullLogger<RoomUseTracker>.Instance);

        Assert.Equal(1, after.RecoverAfterRestart());
        Assert.Equal("agent-restart-recovered", UsageDetail.Parse(Assert.Single(journalAfter.OfKind(JournalRecordKind.RoomUseEnded)).Detail)["reason"]);
    }

    [Theory]
    // 29 March 2026: booked 01:30 CET to 03:30 CEST, one real hour; no-show at 01:40 CET.
    [InlineData(2026, 3, 29, "2026-03-29T00:40:00.000Z", 3600)]
    // 25 October 2026: booked 01:30 CEST to 02:30 CET, two real hours; no-show at 01:40 CEST.
    [InlineData(2026, 10, 25, "2026-10-24T23:40:00.000Z", 7200)]
    public void Bookings_across_a_summer_time_change_are_timed_in_real_time(int year, int month, int day, string released, long bookedSeconds)
    {
        var start = AccessTestSite.Local(year, month, day, 1, 30);
        var end = AccessTestSite.Local(year, month, day, month == 3 ? 3 : 2, 30);
        Assert.Equal(bookedSeconds, (long)(end - start).TotalSeconds);
        var noShowBooking = new BookingRecord("SF-003", "salle-visio", start, end);
        var usedBooking = new BookingRecord("SF-001", "salle-reunion", start, end);
        var (tracker, time) = Tracker(start, noShowBooking, usedBooking);
        tracker.OnDecided(Badge("lecteur-reunion", UsageTestSite.Alice, "SF-001", time));

        while (time.GetUtcNow() < end.AddMinutes(1))
        {
            time.Advance(TimeSpan.FromMinutes(1));
            tracker.ScanOnce();
        }

        Assert.Equal(released, UsageDetail.Parse(Assert.Single(_journal.OfKind(JournalRecordKind.RoomNoShow)).Detail)["released"]);
        var used = UsageDetail.Parse(Assert.Single(_journal.OfKind(JournalRecordKind.RoomUseEnded)).Detail);
        Assert.Equal(("booking-end", bookedSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)), (used["reason"], used["seconds"]));
    }

    private (RoomUseTracker Tracker, FakeTimeProvider Time) Tracker(DateTimeOffset now, params BookingRecord[] bookings)
    {
        var time = new FakeTimeProvider(now);
        var tracker = new RoomUseTracker(_site, UsageTestSite.Store(bookings), _usage.Store, _journal, UsageTestSite.Options(), time, NullLogger<RoomUseTracker>.Instance);
        tracker.RecoverAfterRestart();
        return (tracker, time);
    }

    private BadgeDecision Badge(string readerId, Credential credential, string memberId, TimeProvider time)
    {
        var reader = _site.Readers.Single(r => r.Id == readerId);
        var door = _site.Doors.Single(d => d.Id == reader.Door);
        return new BadgeDecision(reader, door, _site.Zones.Single(z => z.Id == door.ToZone), credential, AccessDecision.Grant(0, GrantBasis.Booking), memberId, memberId, time.GetUtcNow());
    }
}
