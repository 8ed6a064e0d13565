using System.Globalization;
using Cybercantal.Edge.Protocol.Credentials;
using Microsoft.Data.Sqlite;

namespace Cybercantal.Edge.Hub.Credentials;

/// <summary>Reads what one site must know of its members, inside the caller's transaction.</summary>
internal static class SiteCredentialsReader
{
    public static long Version(SqliteTransaction transaction, string site)
    {
        using var command = Command(transaction, "SELECT version FROM credential_versions WHERE site = $site");
        command.Parameters.AddWithValue("$site", site);
        return command.ExecuteScalar() is long version ? version : 0;
    }

    public static long NextVersion(SqliteTransaction transaction, string site)
    {
        using var command = Command(transaction, """
            INSERT INTO credential_versions (site, version) VALUES ($site, 1)
            ON CONFLICT (site) DO UPDATE SET version = version + 1
            RETURNING version
            """);
        command.Parameters.AddWithValue("$site", site);
        return (long)command.ExecuteScalar()!;
    }

    public static IReadOnlyList<string> VersionedSites(SqliteTransaction transaction)
    {
        using var command = Command(transaction, "SELECT site FROM credential_versions ORDER BY site");
        using var reader = command.ExecuteReader();
        var sites = new List<string>();
        while (reader.Read())
        {
            sites.Add(reader.GetString(0));
        }

        return sites;
    }

    public static HashSet<string> MemberSites(SqliteTransaction transaction, string memberId)
    {
        using var command = Command(transaction, "SELECT site FROM member_sites WHERE member_id = $member");
        command.Parameters.AddWithValue("$member", memberId);
        using var reader = command.ExecuteReader();
        var sites = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            sites.Add(reader.GetString(0));
        }

        return sites;
    }

    /// <summary>Every member known at <paramref name="site"/>, in id order.</summary>
    public static List<CredentialMember> ReadSite(SqliteTransaction transaction, string site)
    {
        var members = new Dictionary<string, Builder>(StringComparer.Ordinal);
        using (var command = Command(transaction, """
            SELECT m.id, m.display_name, m.status, m.valid_from, m.valid_to, m.staff FROM members m
            JOIN member_sites s ON s.member_id = m.id WHERE s.site = $site ORDER BY m.id
            """))
        {
            command.Parameters.AddWithValue("$site", site);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                members[reader.GetString(0)] = new Builder(ReadMember(reader));
            }
        }

        ReadRows(transaction, site, null, members);
        return [.. members.Values.Select(b => b.Build())];
    }

    /// <summary>The member's entry for <paramref name="site"/>, or null when the site does not know the member.</summary>
    public static CredentialMember? ReadMember(SqliteTransaction transaction, string memberId, string site)
    {
        var members = new Dictionary<string, Builder>(StringComparer.Ordinal);
        using (var command = Command(transaction, """
            SELECT m.id, m.display_name, m.status, m.valid_from, m.valid_to, m.staff FROM members m
            JOIN member_sites s ON s.member_id = m.id WHERE s.site = $site AND m.id = $member
            """))
        {
            command.Parameters.AddWithValue("$site", site);
            command.Parameters.AddWithValue("$member", memberId);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            members[memberId] = new Builder(ReadMember(reader));
        }

        ReadRows(transaction, site, memberId, members);
        return members[memberId].Build();
    }

    private static CredentialMember ReadMember(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Name = reader.GetString(1),
        Status = reader.GetString(2),
        ValidFrom = Date(reader, 3),
        ValidTo = Date(reader, 4),
        Staff = reader.GetInt64(5) != 0,
    };

    private static void ReadRows(SqliteTransaction transaction, string site, string? memberId, Dictionary<string, Builder> members)
    {
        var memberFilter = memberId is null ? string.Empty : " AND x.member_id = $member";
        Read(transaction, "SELECT x.member_id, x.credential, x.state FROM badges x JOIN member_sites s ON s.member_id = x.member_id AND s.site = $site WHERE 1 = 1" + memberFilter + " ORDER BY x.credential",
            site, memberId, r => members.GetValueOrDefault(r.GetString(0))?.Badges.Add(new CredentialBadge(r.GetString(1), r.GetString(2))));
        Read(transaction, "SELECT x.member_id, x.zone, x.schedule, x.valid_from, x.valid_to FROM rights x WHERE x.site = $site" + memberFilter + " ORDER BY x.id",
            site, memberId, r => members.GetValueOrDefault(r.GetString(0))?.Rights.Add(new CredentialRight(r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), Date(r, 3), Date(r, 4))));
        Read(transaction, "SELECT x.member_id, x.zone, x.start_date, x.end_date FROM leases x WHERE x.site = $site" + memberFilter + " ORDER BY x.id",
            site, memberId, r => members.GetValueOrDefault(r.GetString(0))?.Leases.Add(new CredentialLease(r.GetString(1), Date(r, 2)!.Value, Date(r, 3))));
        Read(transaction, "SELECT x.member_id, x.zone, x.start_us, x.end_us FROM bookings x WHERE x.site = $site AND x.id NOT IN (SELECT booking_id FROM booking_releases)" + memberFilter + " ORDER BY x.start_us",
            site, memberId, r => members.GetValueOrDefault(r.GetString(0))?.Bookings.Add(new CredentialBooking(r.GetString(1), FromMicroseconds(r.GetInt64(2)), FromMicroseconds(r.GetInt64(3)))));
    }

    internal static DateTimeOffset FromMicroseconds(long us) => DateTimeOffset.UnixEpoch.AddTicks(us * 10);

    internal static long ToMicroseconds(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    internal static DateOnly? Date(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateOnly.ParseExact(reader.GetString(ordinal), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Read(SqliteTransaction transaction, string sql, string site, string? memberId, Action<SqliteDataReader> row)
    {
        using var command = Command(transaction, sql);
        command.Parameters.AddWithValue("$site", site);
        if (memberId is not null)
        {
            command.Parameters.AddWithValue("$member", memberId);
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }

    private static SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private sealed class Builder(CredentialMember member)
    {
        public List<CredentialBadge> Badges { get; } = [];

        public List<CredentialRight> Rights { get; } = [];

        public List<CredentialLease> Leases { get; } = [];

        public List<CredentialBooking> Bookings { get; } = [];

        public CredentialMember Build() => member with { Badges = Badges, Rights = Rights, Leases = Leases, Bookings = Bookings };
    }
}
