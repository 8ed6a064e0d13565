using Microsoft.Data.Sqlite;

namespace Cybercantal.Edge.Hub.Store;

/// <summary>
/// The hub's SQLite file: journal of every site, per-site ingest progress, gateway credentials, and the
/// access data the admin API manages (members and what they may open, per site) with its per-site versions.
/// WAL with <c>synchronous=FULL</c>: a committed transaction survives a power cut, which is what an ack promises.
/// </summary>
public sealed class HubDatabase
{
    // 2: members, badges, rights, leases, bookings, credential versions, API keys, commands (added with IF NOT EXISTS).
    // 3: booking_releases (bookings released as no-shows by a site; added with IF NOT EXISTS).
    private const int SchemaVersion = 3;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS journal (
            site TEXT NOT NULL,
            seq INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            at_us INTEGER NOT NULL,
            mono INTEGER NOT NULL,
            door TEXT,
            reader TEXT,
            credential TEXT,
            member TEXT,
            granted INTEGER,
            reason TEXT,
            basis TEXT,
            detail TEXT,
            received_us INTEGER NOT NULL,
            PRIMARY KEY (site, seq)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS site_progress (
            site TEXT NOT NULL PRIMARY KEY,
            committed_through INTEGER NOT NULL,
            highest_stored INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS site_credentials (
            site TEXT NOT NULL PRIMARY KEY,
            salt BLOB NOT NULL,
            hash BLOB NOT NULL,
            iterations INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS journal_at ON journal (at_us);
        CREATE TABLE IF NOT EXISTS members (
            id TEXT NOT NULL PRIMARY KEY,
            display_name TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'expired')),
            valid_from TEXT,
            valid_to TEXT,
            staff INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS member_sites (
            member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
            site TEXT NOT NULL,
            PRIMARY KEY (member_id, site)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS member_sites_site ON member_sites (site, member_id);
        CREATE TABLE IF NOT EXISTS badges (
            credential TEXT NOT NULL PRIMARY KEY,
            member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
            state TEXT NOT NULL CHECK (state IN ('active', 'revoked', 'lost'))
        );
        CREATE INDEX IF NOT EXISTS badges_member ON badges (member_id);
        CREATE TABLE IF NOT EXISTS rights (
            id INTEGER PRIMARY KEY,
            member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
            site TEXT NOT NULL,
            zone TEXT NOT NULL,
            schedule TEXT,
            valid_from TEXT,
            valid_to TEXT
        );
        CREATE INDEX IF NOT EXISTS rights_member ON rights (member_id);
        CREATE TABLE IF NOT EXISTS leases (
            id INTEGER PRIMARY KEY,
            member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
            site TEXT NOT NULL,
            zone TEXT NOT NULL,
            start_date TEXT NOT NULL,
            end_date TEXT
        );
        CREATE INDEX IF NOT EXISTS leases_member ON leases (member_id);
        CREATE TABLE IF NOT EXISTS bookings (
            id INTEGER PRIMARY KEY,
            member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
            site TEXT NOT NULL,
            zone TEXT NOT NULL,
            start_us INTEGER NOT NULL,
            end_us INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS bookings_member ON bookings (member_id);
        CREATE INDEX IF NOT EXISTS bookings_room ON bookings (site, zone, start_us);
        CREATE TABLE IF NOT EXISTS booking_releases (
            booking_id INTEGER NOT NULL PRIMARY KEY REFERENCES bookings(id) ON DELETE CASCADE,
            reason TEXT NOT NULL,
            released_us INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS credential_versions (
            site TEXT NOT NULL PRIMARY KEY,
            version INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS api_keys (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            hash BLOB NOT NULL UNIQUE,
            admin INTEGER NOT NULL,
            sites TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS commands (
            id TEXT NOT NULL PRIMARY KEY,
            site TEXT NOT NULL,
            name TEXT NOT NULL,
            arguments TEXT,
            issued_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            issued_by TEXT NOT NULL
        );
        """;

    private readonly string _connectionString;

    public HubDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = OpenConnection();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        using var transaction = connection.BeginTransaction();
        var version = Convert.ToInt64(Scalar(connection, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
        {
            throw new InvalidOperationException($"The hub store '{path}' has schema {version}, newer than this hub ({SchemaVersion}).");
        }

        Execute(connection, Schema);
        Execute(connection, $"PRAGMA user_version={SchemaVersion};");
        transaction.Commit();
    }

    public string Path { get; }

    /// <summary>Opens a connection with the hub's durability settings applied.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
        return connection;
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
