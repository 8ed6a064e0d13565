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
            INSERT INTO journal (site, seq, kind, at_us, mono, member, granted, detail, received_us)
            VALUES ($site, $seq, $kind, $at, 0, $member, $granted, $detail, $at)
            """;
        var site = insert.Parameters.Add("$site", Microsoft.Data.Sqlite.SqliteType.Text);
        var seq = insert.Parameters.Add("$seq", Microsoft.Data.Sqlite.SqliteType.Integer);
        var kind = insert.Parameters.Add("$kind", Microsoft.Data.Sqlite.SqliteType.Integer);
        var at = insert.Parameters.Add("$at", Microsoft.Data.Sqlite.SqliteType.Integer);
        var member = insert.Parameters.Add("$member", Microsoft.Data.Sqlite.SqliteType.Text);
        var granted = insert.Parameters.Add("$granted", Microsoft.Data.Sqlite.SqliteType.Integer);
        var detail = insert.Parameters.Add("$detail", Microsoft.Data.Sqlite.SqliteType.Text);
        var sequences = new long[sites];
        for (var i = 0; i < records; i++)
        {
            var s = random.Next(sites);
            site.Value = Site(s);
            seq.Value = ++sequences[s];
            at.Value = start + random.NextInt64(span);
            member.Value = string.Create(CultureInfo.InvariantCulture, $"m{s}-{random.Next(members):D3}");
            var roll = random.Next(100);
            (object Kind, object Granted, object Detail) row = roll switch
            {
                < 40 => (1, 1, DBNull.Value),
                < 60 => (UsageRecordKinds.PcSessionEnded, DBNull.Value, string.Create(CultureInfo.InvariantCulture, $"pc=pc-{random.Next(12)};minutes={random.Next(5, 480)};reason=logout")),
                < 80 => (UsageRecordKinds.CopierSessionEnded, DBNull.Value, roll == 79 ? "copier=c1;unmeasured" : string.Create(CultureInfo.InvariantCulture, $"copier=c{random.Next(2)};pages={random.Next(1, 40)}")),
                < 95 => (UsageRecordKinds.RoomUseEnded, DBNull.Value, string.Create(CultureInfo.InvariantCulture, $"room={(roll < 88 ? "visio" : "formation")};minutes={random.Next(15, 240)}")),
                < 99 => (UsageRecordKinds.RoomNoShow, DBNull.Value, "room=visio"),
                _ => (UsageRecordKinds.CopierSessionEnded, DBNull.Value, "pages=oops"),
            };
            (kind.Value, granted.Value, detail.Value) = row;
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
}
