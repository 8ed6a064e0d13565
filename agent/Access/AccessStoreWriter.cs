using Microsoft.Data.Sqlite;

namespace Cybercantal.Edge.Agent.Access;

/// <summary>
/// Writes rows into the access store inside one transaction with prepared statements, so large
/// imports are fast and all-or-nothing. Disposing without <see cref="Commit"/> rolls everything back.
/// Members must be added before the rows that reference them.
/// </summary>
public sealed class AccessStoreWriter : IAccessRowSink, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly SqliteCommand _member;
    private readonly SqliteCommand _badge;
    private readonly SqliteCommand _right;
    private readonly SqliteCommand _lease;
    private readonly SqliteCommand _booking;
    private bool _committed;

    internal AccessStoreWriter(SqliteConnection connection, bool clearFirst)
    {
        _connection = connection;
        _transaction = connection.BeginTransaction();
        if (clearFirst)
        {
            using var clear = Command("DELETE FROM bookings; DELETE FROM leases; DELETE FROM rights; DELETE FROM badges; DELETE FROM members;");
            clear.ExecuteNonQuery();
        }

        _member = Prepared(
            "INSERT INTO members (id, display_name, status, valid_from, valid_to, staff) VALUES ($p0, $p1, $p2, $p3, $p4, $p5)", 6);
        _badge = Prepared("INSERT INTO badges (credential, state, member_id) VALUES ($p0, $p1, $p2)", 3);
        _right = Prepared(
            "INSERT INTO rights (member_id, zone, schedule, valid_from, valid_to) VALUES ($p0, $p1, $p2, $p3, $p4)", 5);
        _lease = Prepared("INSERT INTO leases (member_id, zone, start_date, end_date) VALUES ($p0, $p1, $p2, $p3)", 4);
        _booking = Prepared("INSERT INTO bookings (member_id, zone, start_utc, end_utc) VALUES ($p0, $p1, $p2, $p3)", 4);
    }

    public void Add(MemberRecord member) => Run(
        _member,
        member.Id,
        member.DisplayName,
        AccessStoreFormat.Text(member.Status),
        AccessStoreFormat.Date(member.ValidFrom),
        AccessStoreFormat.Date(member.ValidTo),
        member.Staff ? 1 : 0);

    public void Add(BadgeRecord badge) =>
        Run(_badge, badge.Credential.ToString(), AccessStoreFormat.Text(badge.State), badge.MemberId);

    public void Add(AccessRightRecord right) => Run(
        _right,
        right.MemberId,
        right.Zone,
        (object?)right.Schedule ?? DBNull.Value,
        AccessStoreFormat.Date(right.ValidFrom),
        AccessStoreFormat.Date(right.ValidTo));

    public void Add(LeaseRecord lease) =>
        Run(_lease, lease.MemberId, lease.Zone, AccessStoreFormat.Date(lease.Start), AccessStoreFormat.Date(lease.End));

    public void Add(BookingRecord booking) => Run(
        _booking,
        booking.MemberId,
        booking.Zone,
        AccessStoreFormat.Instant(booking.Start),
        AccessStoreFormat.Instant(booking.End));

    public void Commit()
    {
        _transaction.Commit();
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed)
        {
            _transaction.Rollback();
        }

        _member.Dispose();
        _badge.Dispose();
        _right.Dispose();
        _lease.Dispose();
        _booking.Dispose();
        _transaction.Dispose();
        _connection.Dispose();
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command;
    }

    private SqliteCommand Prepared(string sql, int parameterCount)
    {
        var command = Command(sql);
        for (var i = 0; i < parameterCount; i++)
        {
            command.Parameters.Add(new SqliteParameter("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
        }

        command.Prepare();
        return command;
    }
}
