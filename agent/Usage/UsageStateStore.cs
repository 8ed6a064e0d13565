using Cybercantal.Edge.Agent.Journal;
using Microsoft.Data.Sqlite;

namespace Cybercantal.Edge.Agent.Usage;

/// <summary>
/// The open sessions and settled bookings of the site, in a small SQLite file next to the journal: what
/// the agent must still close after a crash. Every change is one short transaction (sessions change a
/// few times an hour per resource). Thread-safe.
/// </summary>
public sealed class UsageStateStore : IRetentionPrunable, IDisposable
{
    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;

    public UsageStateStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS open_usage (
                kind TEXT NOT NULL, resource TEXT NOT NULL, member TEXT, credential TEXT,
                started_utc INTEGER NOT NULL, last_alive_utc INTEGER NOT NULL, counter INTEGER,
                reader TEXT, door TEXT, booking_start_utc INTEGER, booking_end_utc INTEGER,
                PRIMARY KEY (kind, resource));
            CREATE TABLE IF NOT EXISTS settled_booking (key TEXT PRIMARY KEY, end_utc INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS released_booking (
                member TEXT NOT NULL, zone TEXT NOT NULL, start_utc INTEGER NOT NULL, end_utc INTEGER NOT NULL,
                PRIMARY KEY (zone, start_utc, member));
            """);
    }

    public string Path { get; }

    /// <summary>Records a session as open (replacing the resource's previous one).</summary>
    public void Save(OpenUsageSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                INSERT OR REPLACE INTO open_usage
                (kind, resource, member, credential, started_utc, last_alive_utc, counter, reader, door, booking_start_utc, booking_end_utc)
                VALUES ($kind, $resource, $member, $credential, $started, $alive, $counter, $reader, $door, $bstart, $bend)
                """;
            command.Parameters.AddWithValue("$kind", session.Kind);
            command.Parameters.AddWithValue("$resource", session.Resource);
            command.Parameters.AddWithValue("$member", (object?)session.MemberId ?? DBNull.Value);
            command.Parameters.AddWithValue("$credential", (object?)session.Credential ?? DBNull.Value);
            command.Parameters.AddWithValue("$started", session.Started.UtcTicks);
            command.Parameters.AddWithValue("$alive", session.LastAlive.UtcTicks);
            command.Parameters.AddWithValue("$counter", (object?)session.Counter ?? DBNull.Value);
            command.Parameters.AddWithValue("$reader", (object?)session.ReaderId ?? DBNull.Value);
            command.Parameters.AddWithValue("$door", (object?)session.DoorId ?? DBNull.Value);
            command.Parameters.AddWithValue("$bstart", (object?)session.BookingStart?.UtcTicks ?? DBNull.Value);
            command.Parameters.AddWithValue("$bend", (object?)session.BookingEnd?.UtcTicks ?? DBNull.Value);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Moves a session's last-alive instant forward.</summary>
    public void Touch(string kind, string resource, DateTimeOffset lastAlive)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "UPDATE open_usage SET last_alive_utc = $alive WHERE kind = $kind AND resource = $resource AND last_alive_utc < $alive";
            command.Parameters.AddWithValue("$kind", kind);
            command.Parameters.AddWithValue("$resource", resource);
            command.Parameters.AddWithValue("$alive", lastAlive.UtcTicks);
            command.ExecuteNonQuery();
        }
    }

    public void Remove(string kind, string resource)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "DELETE FROM open_usage WHERE kind = $kind AND resource = $resource";
            command.Parameters.AddWithValue("$kind", kind);
            command.Parameters.AddWithValue("$resource", resource);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The open sessions of one kind.</summary>
    public IReadOnlyList<OpenUsageSession> Load(string kind)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT resource, member, credential, started_utc, last_alive_utc, counter, reader, door, booking_start_utc, booking_end_utc
                FROM open_usage WHERE kind = $kind ORDER BY resource
                """;
            command.Parameters.AddWithValue("$kind", kind);
            using var reader = command.ExecuteReader();
            var sessions = new List<OpenUsageSession>();
            while (reader.Read())
            {
                sessions.Add(new OpenUsageSession(
                    kind,
                    reader.GetString(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    Utc(reader.GetInt64(3)),
                    Utc(reader.GetInt64(4)))
                {
                    Counter = reader.IsDBNull(5) ? null : reader.GetInt64(5),
                    ReaderId = reader.IsDBNull(6) ? null : reader.GetString(6),
                    DoorId = reader.IsDBNull(7) ? null : reader.GetString(7),
                    BookingStart = reader.IsDBNull(8) ? null : Utc(reader.GetInt64(8)),
                    BookingEnd = reader.IsDBNull(9) ? null : Utc(reader.GetInt64(9)),
                });
            }

            return sessions;
        }
    }

    /// <summary>Marks a booking checked in or no-show so it is never reported twice, even across restarts.</summary>
    public void Settle(string bookingKey, DateTimeOffset bookingEnd)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT OR IGNORE INTO settled_booking (key, end_utc) VALUES ($key, $end)";
            command.Parameters.AddWithValue("$key", bookingKey);
            command.Parameters.AddWithValue("$end", bookingEnd.UtcTicks);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The settled bookings that end after <paramref name="after"/>; older ones are forgotten.</summary>
    public HashSet<string> LoadSettled(DateTimeOffset after)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        PruneThenRead(
            "DELETE FROM settled_booking WHERE end_utc < $after",
            "SELECT key FROM settled_booking",
            after,
            reader => keys.Add(reader.GetString(0)));
        return keys;
    }

    /// <summary>Records a booking released as a no-show, so a restart keeps it closed to its holder.</summary>
    public void SaveRelease(Access.ReleasedBooking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT OR IGNORE INTO released_booking (member, zone, start_utc, end_utc) VALUES ($member, $zone, $start, $end)";
            command.Parameters.AddWithValue("$member", booking.MemberId);
            command.Parameters.AddWithValue("$zone", booking.Zone);
            command.Parameters.AddWithValue("$start", booking.Start.UtcTicks);
            command.Parameters.AddWithValue("$end", booking.End.UtcTicks);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The released bookings that end after <paramref name="after"/>; older ones are forgotten.</summary>
    public IReadOnlyList<Access.ReleasedBooking> LoadReleases(DateTimeOffset after)
    {
        var releases = new List<Access.ReleasedBooking>();
        PruneThenRead(
            "DELETE FROM released_booking WHERE end_utc < $after",
            "SELECT member, zone, start_utc, end_utc FROM released_booking ORDER BY start_utc, zone, member",
            after,
            reader => releases.Add(new Access.ReleasedBooking(reader.GetString(0), reader.GetString(1), Utc(reader.GetInt64(2)), Utc(reader.GetInt64(3)))));
        return releases;
    }

    /// <summary>
    /// Forgets settled and released bookings that ended before <paramref name="cutoff"/>: they name the member,
    /// so they follow the journal retention. Open sessions are live state, not bookkeeping, and are kept.
    /// </summary>
    public int PruneOlderThan(DateTimeOffset cutoff)
    {
        lock (_gate)
        {
            using var prune = _connection.CreateCommand();
            prune.CommandText = "DELETE FROM settled_booking WHERE end_utc < $cutoff; DELETE FROM released_booking WHERE end_utc < $cutoff";
            prune.Parameters.AddWithValue("$cutoff", cutoff.UtcTicks);
            return prune.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>Forgets the rows <paramref name="prune"/> deletes (ended before <c>$after</c>), then reads the rest, in one lock.</summary>
    private void PruneThenRead(string prune, string select, DateTimeOffset after, Action<SqliteDataReader> row)
    {
        lock (_gate)
        {
            using (var command = _connection.CreateCommand())
            {
                command.CommandText = prune;
                command.Parameters.AddWithValue("$after", after.UtcTicks);
                command.ExecuteNonQuery();
            }

            using var query = _connection.CreateCommand();
            query.CommandText = select;
            using var reader = query.ExecuteReader();
            while (reader.Read())
            {
                row(reader);
            }
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
