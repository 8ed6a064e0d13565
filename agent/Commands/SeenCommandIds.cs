using Cybercantal.Edge.Agent.Access;

namespace Cybercantal.Edge.Agent.Commands;

/// <summary>
/// Ids of hub commands already taken, persisted until their expiry (in the access store file) so a command
/// redelivered after a reconnection or a restart of the agent is refused as a replay.
/// </summary>
internal sealed class SeenCommandIds(AccessStoreDatabase database)
{
    /// <summary>Records <paramref name="id"/>; false when it was already seen. Forgets ids expired before <paramref name="now"/>.</summary>
    public bool TryRecord(string id, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using (var purge = connection.CreateCommand())
        {
            purge.Transaction = transaction;
            purge.CommandText = """
                CREATE TABLE IF NOT EXISTS command_seen (id TEXT PRIMARY KEY NOT NULL, expires_utc INTEGER NOT NULL);
                DELETE FROM command_seen WHERE expires_utc < $now;
                """;
            purge.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            purge.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT OR IGNORE INTO command_seen (id, expires_utc) VALUES ($id, $expires)";
        insert.Parameters.AddWithValue("$id", id);
        insert.Parameters.AddWithValue("$expires", expiresAt.ToUnixTimeMilliseconds());
        var inserted = insert.ExecuteNonQuery() == 1;
        transaction.Commit();
        return inserted;
    }
}
