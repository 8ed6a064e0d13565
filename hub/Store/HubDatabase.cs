using Microsoft.Data.Sqlite;

namespace Cybercantal.Edge.Hub.Store;

/// <summary>
/// The hub's SQLite file: journal of every site, per-site ingest progress, gateway credentials.
/// WAL with <c>synchronous=FULL</c>: a committed transaction survives a power cut, which is what an ack promises.
/// </summary>
public sealed class HubDatabase
{
    private const int SchemaVersion = 1;

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
