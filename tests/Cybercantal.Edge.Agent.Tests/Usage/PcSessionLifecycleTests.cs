using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Agent.Usage;
using Cybercantal.Edge.Agent.Usage.Pcs;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cybercantal.Edge.Agent.Tests.Usage;

public sealed class PcSessionLifecycleTests : IDisposable
{
    private readonly TemporaryDirectory _data = new();
    private readonly RecordingJournal _journal = new();
    private readonly FakeTimeProvider _time = new(AccessTestSite.Local(2026, 11, 30, 9, 0));
    private readonly ScriptedPcProbe _probe = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_pc_silent_for_the_configured_checks_has_its_session_closed_as_unreachable_at_its_last_answer()
    {
        using var state = new UsageStateStore(_data.File("usage.db"));
        var tracker = Tracker(state);
        var monitor = new PcLivenessMonitor(tracker, _probe, UsageTestSite.Options(o => o.PcSilentChecks = 3), _time, NullLogger<PcLivenessMonitor>.Instance);
        tracker.Report(new PcSessionReport("pc-os-01", PcSessionEvent.Start, "SF-001"));
        var opened = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromSeconds(30));
        await monitor.CheckOnceAsync(CancellationToken.None);
        var lastAnswer = _time.GetUtcNow();
        Assert.Equal(lastAnswer, Assert.Single(state.Load(UsageKinds.Pc)).LastAlive);

        _probe.Silent.Add("pc-os-01");
        for (var check = 1; check <= 2; check++)
        {
            _time.Advance(TimeSpan.FromSeconds(30));
            await monitor.CheckOnceAsync(CancellationToken.None);
            Assert.Empty(_journal.OfKind(JournalRecordKind.PcSessionEnded));
        }

        _time.Advance(TimeSpan.FromSeconds(30));
        await monitor.CheckOnceAsync(CancellationToken.None);

        var ended = Assert.Single(_journal.OfKind(JournalRecordKind.PcSessionEnded));
        var detail = UsageDetail.Parse(ended.Detail);
        Assert.Equal(("pc-unreachable", UsageDetail.Instant(lastAnswer), "30"), (detail["reason"], detail["end"], detail["seconds"]));
        Assert.Equal(UsageDetail.Instant(opened), detail["start"]);
        Assert.Empty(tracker.OpenSessions);
        Assert.Empty(state.Load(UsageKinds.Pc));
    }

    [Fact]
    public async Task A_pc_that_answers_again_before_the_limit_keeps_its_session()
    {
        using var state = new UsageStateStore(_data.File("usage.db"));
        var tracker = Tracker(state);
        var monitor = new PcLivenessMonitor(tracker, _probe, UsageTestSite.Options(o => o.PcSilentChecks = 2), _time, NullLogger<PcLivenessMonitor>.Instance);
        tracker.Report(new PcSessionReport("pc-os-01", PcSessionEvent.Start, "SF-001"));

        _probe.Silent.Add("pc-os-01");
        await monitor.CheckOnceAsync(CancellationToken.None);
        _probe.Silent.Clear();
        await monitor.CheckOnceAsync(CancellationToken.None);
        _probe.Silent.Add("pc-os-01");
        await monitor.CheckOnceAsync(CancellationToken.None);

        Assert.Single(tracker.OpenSessions);
        Assert.Empty(_journal.OfKind(JournalRecordKind.PcSessionEnded));
    }

    [Fact]
    public async Task The_real_tcp_probe_finds_a_listening_port_alive_and_a_closed_one_dead()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var pc = new PcConfiguration { Id = "pc-os-01", Zone = "open-space", HostName = "127.0.0.1" };
        var probe = new TcpPcProbe(UsageTestSite.Options(o => o.PcProbePorts["pc-os-01"] = port));

        Assert.True(await probe.IsAliveAsync(pc, CancellationToken.None));
        listener.Stop();
        Assert.False(await probe.IsAliveAsync(pc, CancellationToken.None));
    }

    [Fact]
    public void After_a_crash_the_next_start_closes_the_open_session_as_recovered_at_its_last_known_alive_time()
    {
        DateTimeOffset lastAlive;
        using (var state = new UsageStateStore(_data.File("usage.db")))
        {
            var before = Tracker(state);
            before.Report(new PcSessionReport("pc-os-02", PcSessionEvent.Start, Credential: "nfc:0403"));
            _time.Advance(TimeSpan.FromMinutes(40));
            lastAlive = _time.GetUtcNow();
            before.MarkAlive("pc-os-02", lastAlive);
            // The agent dies here: nothing closes the session.
        }

        _time.Advance(TimeSpan.FromHours(3));
        var journalAfter = new RecordingJournal();
        using var reopened = new UsageStateStore(_data.File("usage.db"));
        var after = new PcSessionTracker(UsageTestSite.Create(), UsageTestSite.Store(), reopened, journalAfter, _time, NullLogger<PcSessionTracker>.Instance);

        Assert.Equal(1, after.RecoverAfterRestart());

        var ended = Assert.Single(journalAfter.OfKind(JournalRecordKind.PcSessionEnded));
        var detail = UsageDetail.Parse(ended.Detail);
        Assert.Equal(("agent-restart-recovered", UsageDetail.Instant(lastAlive), "2400"), (detail["reason"], detail["end"], detail["seconds"]));
        Assert.Equal(("pc-os-02", "SF-003", UsageTestSite.Chloe), (ended.DoorId, ended.MemberId, ended.Credential));
        Assert.Empty(reopened.Load(UsageKinds.Pc));
        Assert.Equal(0, after.RecoverAfterRestart());
    }

    [Fact]
    public void Staff_can_force_a_session_closed()
    {
        using var state = new UsageStateStore(_data.File("usage.db"));
        var tracker = Tracker(state);
        tracker.Report(new PcSessionReport("pc-os-01", PcSessionEvent.Start, "SF-001"));

        Assert.True(tracker.ForceEnd("pc-os-01"));
        Assert.False(tracker.ForceEnd("pc-os-01"));
        Assert.Equal("forced-by-staff", UsageDetail.Parse(Assert.Single(_journal.OfKind(JournalRecordKind.PcSessionEnded)).Detail)["reason"]);
    }

    [Theory]
    // 29 March 2026, 01:30 CET to 03:30 CEST: two hours on the wall clock, one hour used.
    [InlineData(2026, 3, 29, 1, 30, 60, "03:30", 3600)]
    // 25 October 2026, 01:30 CEST to 02:30 CET: one hour on the wall clock, two hours used.
    [InlineData(2026, 10, 25, 1, 30, 120, "02:30", 7200)]
    public void A_session_across_a_summer_time_change_lasts_its_real_time(int year, int month, int day, int hour, int minute, int realMinutes, string wallClockEnd, long seconds)
    {
        var time = new FakeTimeProvider(AccessTestSite.Local(year, month, day, hour, minute));
        using var state = new UsageStateStore(_data.File("usage.db"));
        var tracker = new PcSessionTracker(UsageTestSite.Create(), UsageTestSite.Store(), state, _journal, time, NullLogger<PcSessionTracker>.Instance);
        tracker.Report(new PcSessionReport("pc-os-01", PcSessionEvent.Start, "SF-001"));
        time.Advance(TimeSpan.FromMinutes(realMinutes));
        Assert.Equal(wallClockEnd, TimeZoneInfo.ConvertTime(time.GetUtcNow(), AccessTestSite.Paris).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));

        tracker.Report(new PcSessionReport("pc-os-01", PcSessionEvent.End));

        var detail = UsageDetail.Parse(Assert.Single(_journal.OfKind(JournalRecordKind.PcSessionEnded)).Detail);
        Assert.Equal(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), detail["seconds"]);
        Assert.EndsWith("Z", detail["start"], StringComparison.Ordinal);
    }

    private PcSessionTracker Tracker(UsageStateStore state) =>
        new(UsageTestSite.Create(), UsageTestSite.Store(), state, _journal, _time, NullLogger<PcSessionTracker>.Instance);
}
