using Cybercantal.Edge.Agent.Access;
using Microsoft.Data.Sqlite;

namespace Cybercantal.Edge.Agent.Credentials;

/// <summary>
/// The credential version this site runs, kept in the access store file next to the rows it describes and
/// written in the same transaction, so version and content can never disagree after a crash.
/// </summary>
internal static class CredentialSyncState
{
    private const string Create = """
        CREATE TABLE IF NOT EXISTS credential_sync (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL,
            updated_utc TEXT NOT NULL
        );
        """;

    public static long ReadVersion(AccessStoreDatabase database)
    {
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var version = ReadVersion(transaction);
        transaction.Commit();
        return version;
    }

    public static long ReadVersion(SqliteTransaction transaction)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Create + "SELECT version FROM credential_sync WHERE id = 1;";
        return command.ExecuteScalar() is long version ? version : 0;
    }

    public static void WriteVersion(SqliteTransaction transaction, long version, DateTimeOffset at)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Create + """
            INSERT INTO credential_sync (id, version, updated_utc) VALUES (1, $version, $at)
            ON CONFLICT (id) DO UPDATE SET version = excluded.version, updated_utc = excluded.updated_utc;
            """;
        command.Parameters.AddWithValue("$version", version);
        command.Parameters.AddWithValue("$at", at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }
}
