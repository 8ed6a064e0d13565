using Microsoft.Data.Sqlite;

namespace Cybercantal.Edge.Agent.Access;

/// <summary>Reads the whole access store in one read transaction and builds a snapshot.</summary>
internal static class AccessSnapshotLoader
{
    public static AccessSnapshot Load(AccessStoreDatabase database)
    {
        using var connection = database.OpenConnection();
        // One transaction: a concurrent import (WAL) cannot show us half of its rows.
        using var transaction = connection.BeginTransaction(deferred: true);
        return Load(transaction);
    }

    /// <summary>Builds a snapshot of what <paramref name="transaction"/> sees, its own uncommitted writes included (hub deltas).</summary>
    public static AccessSnapshot Load(SqliteTransaction transaction)
    {
        var builder = new AccessSnapshotBuilder(Count(transaction, "members"), Count(transaction, "badges"));

        ReadAll(transaction, "SELECT id, display_name, status, valid_from, valid_to, staff FROM members ORDER BY rowid", reader =>
        {
            // The CHECK constraint keeps other text out; should it appear, refuse rather than admit.
            var status = AccessStoreFormat.TryParseMemberStatus(reader.GetString(2), out var parsed) ? parsed : MemberStatus.Suspended;
            builder.Add(new MemberRecord(
                reader.GetString(0),
                reader.GetString(1),
                status,
                OptionalDate(reader, 3),
                OptionalDate(reader, 4),
                reader.GetInt64(5) != 0));
        });

        ReadAll(transaction, "SELECT credential, state, member_id FROM badges", reader =>
        {
            if (Credential.TryParse(reader.GetString(0), out var credential)
                && AccessStoreFormat.TryParseBadgeState(reader.GetString(1), out var state))
            {
                builder.AddBadge(credential, state, reader.GetString(2));
            }
        });

        ReadAll(transaction, "SELECT member_id, zone, schedule, valid_from, valid_to FROM rights ORDER BY id", reader =>
        {
            builder.Add(new AccessRightRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                OptionalDate(reader, 3),
                OptionalDate(reader, 4)));
        });

        ReadAll(transaction, "SELECT member_id, zone, start_date, end_date FROM leases ORDER BY id", reader =>
        {
            if (AccessStoreFormat.TryParseDate(reader.GetString(2), out var start))
            {
                builder.Add(new LeaseRecord(reader.GetString(0), reader.GetString(1), start, OptionalDate(reader, 3)));
            }
        });

        ReadAll(transaction, "SELECT member_id, zone, start_utc, end_utc FROM bookings ORDER BY zone, start_utc", reader =>
        {
            builder.Add(new BookingRecord(
                reader.GetString(0),
                reader.GetString(1),
                AccessStoreFormat.ParseInstant(reader.GetString(2)),
                AccessStoreFormat.ParseInstant(reader.GetString(3))));
        });

        return builder.Build();
    }

    private static DateOnly? OptionalDate(SqliteDataReader reader, int ordinal) =>
        !reader.IsDBNull(ordinal) && AccessStoreFormat.TryParseDate(reader.GetString(ordinal), out var date) ? date : null;

    private static int Count(SqliteTransaction transaction, string table)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM " + table;
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void ReadAll(SqliteTransaction transaction, string sql, Action<SqliteDataReader> row)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }
}
