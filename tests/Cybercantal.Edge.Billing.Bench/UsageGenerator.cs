using System.Globalization;
using Cybercantal.Edge.Hub.Billing;
using Cybercantal.Edge.Hub.Store;

namespace Cybercantal.Edge.Billing.Bench;

/// <summary>
/// Writes a month of raw journal rows into a real hub store: access decisions and usage records of every
/// kind billing reads, spread over the month, for centres x members, plus one lease per ten members.
/// Deterministic (fixed seed).
/// </summary>
internal static class UsageGenerator
{
    public static void Fill(HubDatabase database, BillingMonth month, int sites, int members, int records)
    {
        var random = new Random(20260501);
        var start = month.StartUtc.ToUnixTimeMilliseconds() * 1000;
        var span = (month.EndUtc.ToUnixTimeMilliseconds() * 1000) - start;
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO journal (site, seq, kind, at_us, mono, door, member, granted, detail, received_us)
            VALUES ($site, $seq, $kind, $at, 0, $door, $member, $granted, $detail, $at)
            """;
        var site = insert.Parameters.Add("$site", Microsoft.Data.Sqlite.SqliteType.Text);
        var seq = insert.Parameters.Add("$seq", Microsoft.Data.Sqlite.SqliteType.Integer);
        var kind = insert.Parameters.Add("$kind", Microsoft.Data.Sqlite.SqliteType.Integer);
        var at = insert.Parameters.Add("$at", Microsoft.Data.Sqlite.SqliteType.Integer);
        var member = insert.Parameters.Add("$member", Microsoft.Data.Sqlite.SqliteType.Text);
        var granted = insert.Parameters.Add("$granted", Microsoft.Data.Sqlite.SqliteType.Integer);
        var detail = insert.Parameters.Add("$detail", Microsoft.Data.Sqlite.SqliteType.Text);
        var door = insert.Parameters.Add("$door", Microsoft.Data.Sqlite.SqliteType.Text);
        var sequences = new long[sites];
        for (var i = 0; i < records; i++)
        {
            var s = random.Next(sites);
            site.Value = Site(s);
            seq.Value = ++sequences[s];
            var atUs = start + random.NextInt64(span);
            at.Value = atUs;
            member.Value = string.Create(CultureInfo.InvariantCulture, $"m{s}-{random.Next(members):D3}");
            var end = DateTimeOffset.FromUnixTimeMilliseconds(atUs / 1000);
            var roll = random.Next(100);
            // Detail strings as the agent writes them (docs/usage.md "Journal records").
            (object Kind, object Granted, object Door, object Detail) row = roll switch
            {
                < 40 => (1, 1, "entrance", DBNull.Value),
                < 60 => (UsageRecordKinds.PcSessionEnded, DBNull.Value, string.Create(CultureInfo.InvariantCulture, $"pc-{random.Next(12)}"),
                    Session("logout", end, random.Next(5 * 60, 480 * 60))),
                < 80 => (UsageRecordKinds.CopierSessionEnded, DBNull.Value, string.Create(CultureInfo.InvariantCulture, $"c{random.Next(2)}"),
                    Session("badge-out", end, random.Next(30, 600)) + (roll == 79 ? ";flag=unmeasured" : string.Create(CultureInfo.InvariantCulture, $";pages={random.Next(1, 40)}"))),
                < 95 => (UsageRecordKinds.RoomUseEnded, DBNull.Value, "room-door", Room(roll < 88 ? "visio" : "formation", end, random.Next(15 * 60, 240 * 60))),
                < 99 => (UsageRecordKinds.RoomNoShow, DBNull.Value, DBNull.Value, "zone=visio;booking-start=" + Instant(end.AddMinutes(-15)) + ";booking-end=" + Instant(end.AddMinutes(45)) + ";released=" + Instant(end)),
                _ => (UsageRecordKinds.CopierSessionEnded, DBNull.Value, "c1", "pages=oops"),
            };
            (kind.Value, granted.Value, door.Value, detail.Value) = row;
            insert.ExecuteNonQuery();
        }

        using var lease = connection.CreateCommand();
        lease.Transaction = transaction;
        lease.CommandText = """
            INSERT OR IGNORE INTO members (id, display_name, status) VALUES ($member, $member, 'active');
            INSERT INTO leases (member_id, site, zone, start_date) VALUES ($member, $site, $zone, '2024-06-15');
            """;
        var leaseMember = lease.Parameters.Add("$member", Microsoft.Data.Sqlite.SqliteType.Text);
        var leaseSite = lease.Parameters.Add("$site", Microsoft.Data.Sqlite.SqliteType.Text);
        var zone = lease.Parameters.Add("$zone", Microsoft.Data.Sqlite.SqliteType.Text);
        for (var s = 0; s < sites; s++)
        {
            for (var m = 0; m < members; m += 10)
            {
                leaseMember.Value = string.Create(CultureInfo.InvariantCulture, $"m{s}-{m:D3}");
                leaseSite.Value = Site(s);
                zone.Value = string.Create(CultureInfo.InvariantCulture, $"bureau-{m / 10}");
                lease.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    public static string Site(int index) => string.Create(CultureInfo.InvariantCulture, $"centre-{index}");

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Session(string reason, DateTimeOffset end, int seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"reason={reason};start={Instant(end.AddSeconds(-seconds))};end={Instant(end)};seconds={seconds}");

    private static string Room(string zone, DateTimeOffset end, int seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"zone={zone};booking-start={Instant(end.AddSeconds(-seconds))};booking-end={Instant(end)};") + Session("badge-out", end, seconds);
}
