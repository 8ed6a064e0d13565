using Cybercantal.Edge.Agent.Usage;
using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Hub.Billing;
using Cybercantal.Edge.Hub.Credentials;
using Cybercantal.Edge.Hub.Retention;
using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Hub.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Cybercantal.Edge.Hub.Tests.Billing;

/// <summary>A real hub store with billing on a fake clock; raw journal rows, members and leases written directly.</summary>
internal sealed class BillingWorld : IDisposable
{
    private readonly TempDirectory _directory = new();
    private long _seq;

    public BillingWorld(DateTimeOffset now, params string[] visioRooms)
    {
        Time = new FakeTimeProvider(now);
        Database = new HubDatabase(_directory.File("hub.db"));
        var options = new BillingOptions();
        foreach (var room in visioRooms)
        {
            options.VisioRooms.Add(room);
        }

        Options = Microsoft.Extensions.Options.Options.Create(options);
        Billing = new BillingService(Database, Time, Options, NullLogger<BillingService>.Instance);
        Retention = new RetentionRun(Billing, Time, Options, NullLogger<RetentionRun>.Instance);
    }

    public FakeTimeProvider Time { get; }

    public HubDatabase Database { get; }

    public IOptions<BillingOptions> Options { get; }

    public BillingService Billing { get; }

    public RetentionRun Retention { get; }

    public void Usage(string site, string? member, int kind, DateTimeOffset at, string? detail, string? door = null) =>
        Execute("""
            INSERT INTO journal (site, seq, kind, at_us, mono, door, member, detail, received_us)
            VALUES ($site, $seq, $kind, $at, 0, $door, $member, $detail, $received)
            """,
            ("$site", site), ("$seq", ++_seq), ("$kind", kind), ("$at", SiteCredentialsReader.ToMicroseconds(at)), ("$door", door),
            ("$member", member), ("$detail", detail), ("$received", SiteCredentialsReader.ToMicroseconds(Time.GetUtcNow())));

    /// <summary>A PC session of <paramref name="minutes"/> ending (and journaled) at <paramref name="end"/>, as the agent writes it.</summary>
    public void Pc(string site, string? member, DateTimeOffset end, string pc, long minutes) =>
        Usage(site, member, UsageRecordKinds.PcSessionEnded, end, Session("logout", end, minutes * 60).ToString(), pc);

    /// <summary>A copier session ending at <paramref name="end"/> with exact pages, as the agent writes it.</summary>
    public void Copier(string site, string? member, DateTimeOffset end, string copier, long pages) =>
        Usage(site, member, UsageRecordKinds.CopierSessionEnded, end, Session("badge-out", end, 120).Add("pages", pages).ToString(), copier);

    /// <summary>A copier session whose pages are unknown (<c>flag=unmeasured</c> or <c>counter-reset</c>), as the agent writes it.</summary>
    public void CopierUnmeasured(string site, string? member, DateTimeOffset end, string copier, string flag = "unmeasured") =>
        Usage(site, member, UsageRecordKinds.CopierSessionEnded, end, Session("badge-out", end, 120).Add("flag", flag).ToString(), copier);

    /// <summary>The use of a booked room of <paramref name="zone"/> ending at <paramref name="end"/>, as the agent writes it.</summary>
    public void Room(string site, string? member, DateTimeOffset end, string zone, long minutes) =>
        Usage(site, member, UsageRecordKinds.RoomUseEnded, end,
            Booking(zone, end.AddMinutes(-minutes), end).Add("reason", "badge-out").Add("start", end.AddMinutes(-minutes)).Add("end", end)
                .Seconds(end.AddMinutes(-minutes), end).ToString(), zone + "-door");

    /// <summary>A booking of <paramref name="zone"/> released at <paramref name="at"/> without check-in, as the agent writes it.</summary>
    public void NoShow(string site, string? member, DateTimeOffset at, string zone) =>
        Usage(site, member, UsageRecordKinds.RoomNoShow, at, Booking(zone, at.AddMinutes(-15), at.AddMinutes(45)).Add("released", at).ToString());

    private static UsageDetail Session(string reason, DateTimeOffset end, long seconds) =>
        new UsageDetail().Add("reason", reason).Add("start", end.AddSeconds(-seconds)).Add("end", end).Seconds(end.AddSeconds(-seconds), end);

    private static UsageDetail Booking(string zone, DateTimeOffset start, DateTimeOffset end) =>
        new UsageDetail().Add("zone", zone).Add("booking-start", start).Add("booking-end", end);

    public void Access(string site, string member, DateTimeOffset at) =>
        Execute("""
            INSERT INTO journal (site, seq, kind, at_us, mono, member, granted, received_us)
            VALUES ($site, $seq, 1, $at, 0, $member, 1, $received)
            """,
            ("$site", site), ("$seq", ++_seq), ("$at", SiteCredentialsReader.ToMicroseconds(at)), ("$member", member),
            ("$received", SiteCredentialsReader.ToMicroseconds(Time.GetUtcNow())));

    public void Lease(string member, string site, string zone, DateOnly start, DateOnly? end = null)
    {
        Execute("INSERT OR IGNORE INTO members (id, display_name, status) VALUES ($id, $id, 'active')", ("$id", member));
        Execute("INSERT INTO leases (member_id, site, zone, start_date, end_date) VALUES ($member, $site, $zone, $start, $end)",
            ("$member", member), ("$site", site), ("$zone", zone), ("$start", start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("$end", end?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Adds the member, or renames it.</summary>
    public void Member(string id, string displayName) =>
        Execute("INSERT INTO members (id, display_name, status) VALUES ($id, $name, 'active') ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name",
            ("$id", id), ("$name", displayName));

    public void DeleteMember(string id) => Execute("DELETE FROM members WHERE id = $id", ("$id", id));

    public Tariff Tariff(string item, string? site, string? zone, DateOnly from, long cents, long free = 0) =>
        Billing.AddTariff(ApiCaller.System, new TariffRequest { Item = item, Site = site, Zone = zone, EffectiveFrom = from, UnitPriceCents = cents, FreePerMonth = free });

    public IReadOnlyList<StatementLine> Close(int year, int month)
    {
        Billing.CloseMonth(ApiCaller.System, new BillingMonth(year, month));
        return Billing.Lines(ApiCaller.System, new BillingMonth(year, month), null);
    }

    public long JournalRows()
    {
        using var connection = Database.OpenConnection();
        return (long)HubDatabase.Scalar(connection, "SELECT COUNT(*) FROM journal")!;
    }

    public void Dispose() => _directory.Dispose();

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = Database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }
}
