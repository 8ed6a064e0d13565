using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Agent.Usage;
using Cybercantal.Edge.Agent.Usage.Pcs;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cybercantal.Edge.Agent.Tests.Usage;

public sealed class DeskSeatTests : IDisposable
{
    private const string Pc = "pc-os-01";

    private readonly TemporaryUsageState _usage = new();
    private readonly RecordingJournal _journal = new();
    private readonly FakeTimeProvider _time = new(AccessTestSite.Local(2026, 11, 30, 9, 0));
    private readonly SiteConfiguration _site = UsageTestSite.Create();
    private readonly PcSessionTracker _tracker;

    public DeskSeatTests()
    {
        _tracker = Tracker(_usage.Store, _journal);
    }

    public void Dispose() => _usage.Dispose();

    [Fact]
    public void A_granted_tap_takes_the_seat_and_a_start_naming_only_the_pc_goes_to_the_holder()
    {
        _tracker.SeatTap(Tap(UsageTestSite.Alice, "SF-001"));

        var assigned = Assert.Single(_journal.OfKind(JournalRecordKind.SeatAssigned));
        Assert.Equal((Pc, UsageTestSite.DeskReader, "SF-001", UsageTestSite.Alice), (assigned.DoorId, assigned.ReaderId, assigned.MemberId, assigned.Credential));
        Assert.Equal(UsageDetail.Instant(_time.GetUtcNow()), UsageDetail.Parse(assigned.Detail)["start"]);
        Assert.Equal("SF-001", Assert.Single(_usage.Store.Load(UsageKinds.Seat)).MemberId);

        _time.Advance(TimeSpan.FromMinutes(2));
        var result = _tracker.Report(new PcSessionReport(Pc, PcSessionEvent.Start));

        Assert.Equal((PcSessionOutcome.Started, "SF-001"), (result.Outcome, result.MemberId));
        var started = Assert.Single(_journal.OfKind(JournalRecordKind.PcSessionStarted));
        Assert.Equal(("SF-001", UsageTestSite.Alice), (started.MemberId, started.Credential));
        Assert.Equal("seat", UsageDetail.Parse(started.Detail)["identified-by"]);
    }

    [Fact]
    public void Without_a_seat_a_start_naming_only_the_pc_is_refused_as_before()
    {
        var result = _tracker.Report(new PcSessionReport(Pc, PcSessionEvent.Start));

        Assert.Equal(PcSessionOutcome.Invalid, result.Outcome);
        Assert.Contains("desk reader", result.Error, StringComparison.Ordinal);
        Assert.Empty(_tracker.OpenSessions);
    }

    [Fact]
    public void A_denied_tap_takes_nothing()
    {
        _tracker.SeatTap(Tap(UsageTestSite.Alice, "SF-001", granted: false));

        Assert.Empty(_tracker.Seats);
        Assert.Empty(_journal.Entries);
    }

    [Fact]
    public void Taps_at_a_door_or_copier_reader_are_not_seats()
    {
        _tracker.SeatTap(UsageTestSite.Decision(_site, "lecteur-copieur", UsageTestSite.Alice, "SF-001", _time.GetUtcNow()));
        _tracker.SeatTap(UsageTestSite.Decision(_site, "lecteur-reunion", UsageTestSite.Alice, "SF-001", _time.GetUtcNow()));

        Assert.Empty(_tracker.Seats);
    }

    [Fact]
    public void The_holders_second_tap_releases_the_seat_and_ends_their_session_there()
    {
        _tracker.SeatTap(Tap(UsageTestSite.Alice, "SF-001"));
        _tracker.Report(new PcSessionReport(Pc, PcSessionEvent.Start));
        _time.Advance(TimeSpan.FromMinutes(50));

        _tracker.SeatTap(Tap(UsageTestSite.Alice, "SF-001"));

        var released = UsageDetail.Parse(Assert.Single(_journal.OfKind(JournalRecordKind.SeatReleased)).Detail);
        Assert.Equal(("badge-out", "3000"), (released["reason"], released["seconds"]));
        var ended = UsageDetail.Parse(Assert.Single(_journal.OfKind(JournalRecordKind.PcSessionEnded)).Detail);
        Assert.Equal(("badge-out", "3000"), (ended["reason"], ended["seconds"]));
        Assert.Empty(_tracker.Seats);
        Assert.Empty(_tracker.OpenSessions);
        Assert.Empty(_usage.Store.Load(UsageKinds.Seat));
    }

    [Fact]
    public void The_end_of_the_holders_session_releases_the_seat_with_its_reason()
    {
        _tracker.SeatTap(Tap(UsageTestSite.Alice, "SF-001"));
        _tracker.Report(new PcSessionReport(Pc, PcSessionEvent.Start));
        _time.Advance(TimeSpan.FromMinutes(30));

        _tracker.Report(new PcSessionReport(Pc, PcSessionEvent.Idle));

        Assert.Equal("idle-timeout", UsageDetail.Parse(Assert.Single(_journal.OfKind(JournalRecordKind.SeatReleased)).Detail)["reason"]);
        Assert.Empty(_tracker.Seats);
        // The next anonymous start has nobody to go to.
        Assert.Equal(PcSessionOutcome.Invalid, _tracker.Report(new PcSessionReport(Pc, PcSessionEvent.Start)).Outcome);
    }

    [Fact]
    public void A_start_naming_another_member_goes_to_that_member_and_releases_the_seat_as_superseded()
    {
        _tracker.SeatTap(Tap(UsageTestSite.Alice, "SF-001"));
        _time.Advance(TimeSpan.FromMinutes(5));

        var result = _tracker.Report(new PcSessionReport(Pc, PcSessionEvent.Start, "SF-002"));

        Assert.Equal("SF-002", result.MemberId);
        var released = Assert.Single(_journal.OfKind(JournalRecordKind.SeatReleased));
        Assert.Equal(("SF-001", "superseded"), (released.MemberId, UsageDetail.Parse(released.Detail)["reason"]));
        Assert.False(UsageDetail.Parse(Assert.Single(_journal.OfKind(JournalRecordKind.PcSessionStarted)).Detail).ContainsKey("identified-by"));
    }

    [Fact]
    public void A_start_naming_the_holder_keeps_the_seat_even_when_it_supersedes_their_previous_session()
    {
        _tracker.SeatTap(Tap(UsageTestSite.Alice, "SF-001"));
        _tracker.Report(new PcSessionReport(Pc, PcSessionEvent.Start));
        _time.Advance(TimeSpan.FromMinutes(5));

        // The PC rebooted without a logout: the new login supersedes the old session, the seat stays.
        _tracker.Report(new PcSessionReport(Pc, PcSessionEvent.Start, "SF-001"));

        Assert.Equal("superseded", UsageDetail.Parse(Assert.Single(_journal.OfKind(JournalRecordKind.PcSessionEnded)).Detail)["reason"]);
        Assert.Empty(_journal.OfKind(JournalRecordKind.SeatReleased));
        Assert.Equal("SF-001", _tracker.Seats[Pc].MemberId);
    }

    [Fact]
    public void Another_members_tap_hands_the_seat_over_and_a_tap_at_another_desk_moves_the_holder()
    {
        var site = UsageTestSite.Create(new ReaderConfiguration { Id = "lecteur-bureau-os-02", Kind = ReaderKind.Pcsc, Resource = "pc-os-02" });
        var tracker = Tracker(_usage.Store, _journal, site);
        tracker.SeatTap(UsageTestSite.Decision(site, UsageTestSite.DeskReader, UsageTestSite.Alice, "SF-001", _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromMinutes(10));
        tracker.SeatTap(UsageTestSite.Decision(site, UsageTestSite.DeskReader, UsageTestSite.Bruno, "SF-002", _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromMinutes(10));
        tracker.SeatTap(UsageTestSite.Decision(site, "lecteur-bureau-os-02", UsageTestSite.Bruno, "SF-002", _time.GetUtcNow()));

        var released = _journal.OfKind(JournalRecordKind.SeatReleased);
        Assert.Equal(
            [("SF-001", Pc, "superseded"), ("SF-002", Pc, "moved")],
            released.Select(r => (r.MemberId, r.DoorId, UsageDetail.Parse(r.Detail)["reason"])));
        Assert.Equal(("pc-os-02", "SF-002"), (Assert.Single(tracker.Seats).Key, tracker.Seats["pc-os-02"].MemberId));
    }

    [Fact]
    public void A_seat_survives_an_agent_restart_and_still_names_the_holder()
    {
        _tracker.SeatTap(Tap(UsageTestSite.Alice, "SF-001"));
        _tracker.Report(new PcSessionReport(Pc, PcSessionEvent.Start));
        _time.Advance(TimeSpan.FromMinutes(20));

        var journalAfter = new RecordingJournal();
        var after = Tracker(_usage.Store, journalAfter);
        Assert.Equal(1, after.RecoverAfterRestart());

        // The session is closed as recovered (as every session is), the seat is kept.
        Assert.Equal("agent-restart-recovered", UsageDetail.Parse(Assert.Single(journalAfter.OfKind(JournalRecordKind.PcSessionEnded)).Detail)["reason"]);
        Assert.Empty(journalAfter.OfKind(JournalRecordKind.SeatReleased));
        Assert.Equal("SF-001", after.Seats[Pc].MemberId);
        Assert.Equal("SF-001", after.Report(new PcSessionReport(Pc, PcSessionEvent.Start)).MemberId);
    }

    [Fact]
    public void A_forgotten_seat_is_released_at_its_maximum_duration_also_across_a_restart()
    {
        _tracker.SeatTap(Tap(UsageTestSite.Alice, "SF-001"));
        var taken = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromHours(11));
        Assert.Equal(0, _tracker.ReleaseExpiredSeats());
        _time.Advance(TimeSpan.FromHours(2));

        var journalAfter = new RecordingJournal();
        var after = Tracker(_usage.Store, journalAfter);
        after.RecoverAfterRestart();

        var released = UsageDetail.Parse(Assert.Single(journalAfter.OfKind(JournalRecordKind.SeatReleased)).Detail);
        Assert.Equal(("max-duration", UsageDetail.Instant(taken.AddHours(12))), (released["reason"], released["end"]));
        Assert.Empty(after.Seats);
        Assert.Empty(_usage.Store.Load(UsageKinds.Seat));
    }

    [Fact]
    public async Task The_liveness_check_releases_seats_past_their_maximum()
    {
        var monitor = new PcLivenessMonitor(_tracker, new ScriptedPcProbe(), UsageTestSite.Options(), _time, NullLogger<PcLivenessMonitor>.Instance);
        _tracker.SeatTap(Tap(UsageTestSite.Alice, "SF-001"));
        _time.Advance(TimeSpan.FromHours(12));

        await monitor.CheckOnceAsync(CancellationToken.None);

        Assert.Equal("max-duration", UsageDetail.Parse(Assert.Single(_journal.OfKind(JournalRecordKind.SeatReleased)).Detail)["reason"]);
    }

    [Fact]
    public void Staff_can_release_a_seat()
    {
        _tracker.SeatTap(Tap(UsageTestSite.Alice, "SF-001"));

        Assert.True(_tracker.ReleaseSeat(Pc));
        Assert.False(_tracker.ReleaseSeat(Pc));
        Assert.Equal("forced-by-staff", UsageDetail.Parse(Assert.Single(_journal.OfKind(JournalRecordKind.SeatReleased)).Detail)["reason"]);
    }

    [Fact]
    public async Task Through_the_usage_worker_a_desk_tap_takes_the_seat()
    {
        using var worker = new UsageWorker(null, null, null, _tracker, _journal, NullLogger<UsageWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);

        worker.Enqueue(Tap(UsageTestSite.Alice, "SF-001"));
        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await worker.DrainedAsync(hang.Token);

        Assert.Equal("SF-001", _tracker.Seats[Pc].MemberId);
        await worker.StopAsync(CancellationToken.None);
    }

    private PcSessionTracker Tracker(UsageStateStore state, RecordingJournal journal, SiteConfiguration? site = null) =>
        new(site ?? _site, UsageTestSite.Store(), state, journal, _time, NullLogger<PcSessionTracker>.Instance, UsageTestSite.Options());

    private BadgeDecision Tap(Credential credential, string memberId, bool granted = true) =>
        UsageTestSite.Decision(_site, UsageTestSite.DeskReader, credential, memberId, _time.GetUtcNow(), granted);
}
