using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Sync;
using Cybercantal.Edge.Agent.Usage;
using Cybercantal.Edge.Agent.Usage.Copiers;
using Cybercantal.Edge.Hub.Billing;
using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Protocol.Journal;

namespace Cybercantal.Edge.Hub.Tests.Billing;

/// <summary>
/// Usage records built exactly as the agent builds them (the detail code of PcSessionTracker,
/// CopierSessionManager and RoomUseTracker, with the agent's UsageDetail and CopierPages), sent through the
/// agent's wire conversion and stored by the hub's JournalStore: billing must read what the agent writes.
/// </summary>
public sealed class AgentRecordsTests
{
    private const string Site = "murat";

    private static readonly DateTimeOffset Base = new(2027, 1, 12, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Billing_reads_the_records_the_agent_writes()
    {
        using var world = new BillingWorld(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero), "murat/visio");
        world.Tariff(BillingItems.CopierPage, null, null, new DateOnly(2026, 1, 1), 10);
        world.Tariff(BillingItems.VisioHour, null, null, new DateOnly(2026, 1, 1), 1200);
        var records = new List<JournalRecord>
        {
            // PcSessionTracker.JournalEnded: open space, never billed.
            Record(JournalRecordKind.PcSessionEnded, Base.AddHours(2), "pc-os-01", new UsageDetail()
                .Add("reason", "logout").Add("start", Base).Add("end", Base.AddHours(2)).Seconds(Base, Base.AddHours(2)).ToString()),
            Copier(Base, 1000, 1042), // 42 pages
            Copier(Base.AddDays(1), 4_294_967_290, 10), // Counter32 wrapped: 16 exact pages, flag=wrapped
            Copier(Base.AddDays(2), 50_000, 3), // counter-reset: counted, not billed
            Copier(Base.AddDays(3), null, 120), // unmeasured: counted, not billed
            Room(Base, "visio", TimeSpan.FromSeconds(5430), Base.AddSeconds(5430)), // 90.5 min: 91 billed minutes
            Room(Base, "formation", TimeSpan.FromHours(3), Base.AddHours(3)), // training room: free
            // Recovered after a restart: ended 31 January 23:30 Paris, journaled 1 February: belongs to January.
            Room(new DateTimeOffset(2027, 1, 31, 21, 30, 0, TimeSpan.Zero), "visio", TimeSpan.FromHours(1), new DateTimeOffset(2027, 2, 1, 7, 0, 0, TimeSpan.Zero), "agent-restart-recovered"),
            // RoomUseTracker no-show: no door, detail zone/booking/released.
            Record(JournalRecordKind.RoomNoShow, Base.AddDays(4), null, new UsageDetail()
                .Add("zone", "visio").Add("booking-start", Base.AddDays(4).AddMinutes(-15)).Add("booking-end", Base.AddDays(4).AddMinutes(45))
                .Add("released", Base.AddDays(4)).ToString()),
        };
        using (var store = new JournalStore(world.Database))
        {
            store.Commit([new JournalBatch { Site = Site, Records = records.Select((r, i) => JournalBatchBuilder.ToWire(r with { Sequence = i + 1 }, 0)).ToList() }], world.Time.GetUtcNow());
        }

        var january = world.Billing.CloseMonth(Cybercantal.Edge.Hub.Admin.ApiCaller.System, new BillingMonth(2027, 1));
        Assert.Equal((9L, 0L, 0L), (january.Records, january.Skipped, january.WithoutMember));
        var lines = world.Billing.Lines(Cybercantal.Edge.Hub.Admin.ApiCaller.System, new BillingMonth(2027, 1), null);
        Assert.Equal(
            [("anne", BillingItems.CopierPage, 58L, 580L), ("anne", BillingItems.VisioHour, 151L, 3020L)],
            lines.Select(l => (l.Member, l.Item, l.QuantityNumerator, l.AmountExclCents)));
        Assert.Empty(world.Close(2027, 2));

        using var connection = world.Database.OpenConnection();
        Assert.Equal(2L, HubDatabase.Scalar(connection, $"SELECT SUM(quantity) FROM usage_daily WHERE month = '2027-01' AND measure = '{UsageMeasures.CopierUnmeasured}'"));
        Assert.Equal(1L, HubDatabase.Scalar(connection, $"SELECT SUM(quantity) FROM usage_daily WHERE month = '2027-01' AND measure = '{UsageMeasures.RoomNoShows}' AND resource = 'visio'"));
        Assert.Equal(120L, HubDatabase.Scalar(connection, $"SELECT SUM(quantity) FROM usage_daily WHERE month = '2027-01' AND measure = '{UsageMeasures.PcMinutes}'"));
        Assert.Equal(180L, HubDatabase.Scalar(connection, $"SELECT SUM(quantity) FROM usage_daily WHERE month = '2027-01' AND measure = '{UsageMeasures.RoomMinutes}' AND resource = 'formation'"));
    }

    [Fact]
    public void An_end_too_far_from_the_journal_instant_falls_back_to_the_journal_instant()
    {
        using var world = new BillingWorld(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero));
        world.Tariff(BillingItems.CopierPage, null, null, new DateOnly(2026, 1, 1), 10);
        var journaled = new DateTimeOffset(2027, 2, 10, 9, 0, 0, TimeSpan.Zero);
        // end 10 days before the journal instant (beyond the 7-day window) and end after it: both billed on 10 February.
        world.Usage(Site, "anne", UsageRecordKinds.CopierSessionEnded, journaled, "reason=badge-out;end=2027-01-31T09:00:00.000Z;seconds=60;pages=5", "c1");
        world.Usage(Site, "anne", UsageRecordKinds.CopierSessionEnded, journaled, "reason=badge-out;end=2027-03-02T09:00:00.000Z;seconds=60;pages=7", "c1");
        // end 6 days before, in January: billed in January.
        world.Usage(Site, "anne", UsageRecordKinds.CopierSessionEnded, new DateTimeOffset(2027, 2, 5, 9, 0, 0, TimeSpan.Zero), "reason=badge-out;end=2027-01-30T09:00:00.000Z;seconds=60;pages=3", "c1");
        Assert.Equal([(3L, new DateOnly(2027, 1, 30))], world.Close(2027, 1).Select(l => (l.QuantityNumerator, l.From)));
        Assert.Equal([(12L, new DateOnly(2027, 2, 10))], world.Close(2027, 2).Select(l => (l.QuantityNumerator, l.From)));
    }

    // CopierSessionManager.JournalEnded, with the pages of CopierPages.Between (max plausible 5000).
    private static JournalRecord Copier(DateTimeOffset start, long? counterStart, long counterEnd)
    {
        var end = start.AddMinutes(3);
        var pages = CopierPages.Between(counterStart, counterEnd, 5000);
        return Record(JournalRecordKind.CopierSessionEnded, end, "copieur-1", new UsageDetail()
            .Add("reason", "badge-out")
            .Add("start", start)
            .Add("end", end)
            .Seconds(start, end)
            .Add("pages", pages.Pages)
            .Add("flag", pages.Flag)
            .Add("counter-start", counterStart)
            .Add("counter-end", counterEnd)
            .ToString());
    }

    // RoomUseTracker.JournalEnded: BookingDetail(zone, booking start, booking end) then reason/start/end/seconds.
    private static JournalRecord Room(DateTimeOffset start, string zone, TimeSpan length, DateTimeOffset journaled, string reason = "badge-out")
    {
        var end = start + length;
        return Record(JournalRecordKind.RoomUseEnded, journaled, zone + "-porte", new UsageDetail()
            .Add("zone", zone).Add("booking-start", start).Add("booking-end", start.AddHours(4))
            .Add("reason", reason).Add("start", start).Add("end", end).Seconds(start, end).ToString());
    }

    // Sequence numbers are set when the batch is built.
    private static JournalRecord Record(JournalRecordKind kind, DateTimeOffset at, string? door, string detail) =>
        new(0, kind, at, 0) { DoorId = door, MemberId = "anne", Detail = detail };
}
