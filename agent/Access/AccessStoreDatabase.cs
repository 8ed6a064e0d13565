using Microsoft.Data.Sqlite;

namespace Cybercantal.Edge.Agent.Access;

/// <summary>
/// The gateway's offline access store: a SQLite file in WAL mode holding members, badges, rights,
/// leases and bookings. Opening creates the file if needed and migrates it to <see cref="SchemaVersion"/>.
/// </summary>
public sealed class AccessStoreDatabase
{
    /// <summary>The schema this code reads and writes; bump it and append a migration step to change it.</summary>
    public const int SchemaVersion = 1;

    private static readonly string[] Migrations =
    [
        // Version 1. Dates are site-local 'yyyy-MM-dd' text; booking instants are UTC ISO 8601 text.
        """
        CREATE TABLE members (
            id           TEXT PRIMARY KEY NOT NULL,
            display_name TEXT NOT NULL,
            status       TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'expired')),
            valid_from   TEXT NULL,
            valid_to     TEXT NULL,
            staff        INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE badges (
            credential TEXT PRIMARY KEY NOT NULL,
            state      TEXT NOT NULL CHECK (state IN ('active', 'revoked', 'lost')),
            member_id  TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE
        );
        CREATE TABLE rights (
            id         INTEGER PRIMARY KEY,
            member_id  TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
            zone       TEXT NOT NULL,
            schedule   TEXT NULL,
            valid_from TEXT NULL,
            valid_to   TEXT NULL
        );
        CREATE TABLE leases (
            id         INTEGER PRIMARY KEY,
            member_id  TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
            zone       TEXT NOT NULL,
            start_date TEXT NOT NULL,
            end_date   TEXT NULL
        );
        CREATE TABLE bookings (
            id        INTEGER PRIMARY KEY,
            member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
            zone      TEXT NOT NULL,
            start_utc TEXT NOT NULL,
            end_utc   TEXT NOT NULL
        );
        CREATE INDEX badges_member ON badges(member_id);
        CREATE INDEX rights_member ON rights(member_id);
        CREATE INDEX leases_member ON leases(member_id);
        CREATE INDEX bookings_zone_start ON bookings(zone, start_utc);
        """,
    ];

    private readonly string _connectionString;

    private AccessStoreDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = false,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>Opens (creating if missing) the store at <paramref name="path"/> and migrates it.</summary>
    /// <exception cref="InvalidOperationException">The file was written by a newer schema.</exception>
    public static AccessStoreDatabase Open(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var database = new AccessStoreDatabase(path);
        database.Migrate();
        return database;
    }

    /// <summary>The schema version recorded in the file.</summary>
    public int ReadSchemaVersion()
    {
        using var connection = OpenConnection();
        return ReadSchemaVersion(connection);
    }

    /// <summary>
    /// Starts replacing the whole content of the store in one transaction; nothing is visible
    /// (and nothing is lost) until <see cref="AccessStoreWriter.Commit"/>.
    /// </summary>
    public AccessStoreWriter BeginReplace() => new(OpenConnection(), clearFirst: true);

    internal SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private static int ReadSchemaVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Migrate()
    {
        using var connection = OpenConnection();
        using (var setup = connection.CreateCommand())
        {
            // WAL lets the agent read a consistent store while an import or hub delta writes.
            setup.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_utc TEXT NOT NULL);
                """;
            setup.ExecuteNonQuery();
        }

        var current = ReadSchemaVersion(connection);
        if (current > SchemaVersion)
        {
            throw new InvalidOperationException(
                $"Access store '{Path}' has schema version {current}, newer than this agent's {SchemaVersion}.");
        }

        for (var version = current + 1; version <= SchemaVersion; version++)
        {
            using var transaction = connection.BeginTransaction();
            using var step = connection.CreateCommand();
            step.Transaction = transaction;
            step.CommandText = Migrations[version - 1];
            step.ExecuteNonQuery();
            step.CommandText = "INSERT INTO schema_version (version, applied_utc) VALUES ($version, $applied)";
            step.Parameters.AddWithValue("$version", version);
            step.Parameters.AddWithValue("$applied", DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            step.ExecuteNonQuery();
            transaction.Commit();
        }
    }
}
