using System.Text.Json;
using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Protocol.Serialization;
using Cybercantal.Edge.Protocol.Sites;

namespace Cybercantal.Edge.Hub.Sites;

/// <summary>
/// The latest accepted <see cref="SiteDescription"/> per site, in the hub store (table
/// <c>site_descriptions</c>, created if missing so an older store gains it on upgrade, like billing's tables).
/// Kept as the normalised JSON of the contract: the hub reads it with the same source-generated context.
/// </summary>
public sealed class SiteDescriptionStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS site_descriptions (
            site TEXT NOT NULL PRIMARY KEY,
            schema INTEGER NOT NULL,
            description TEXT NOT NULL,
            received_us INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;

    private readonly HubDatabase _database;

    public SiteDescriptionStore(HubDatabase database)
    {
        _database = database;
        using var connection = database.OpenConnection();
        HubDatabase.Execute(connection, Schema);
    }

    /// <summary>Replaces the site's description (the caller validated it).</summary>
    public void Save(SiteDescription description, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(description);
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO site_descriptions (site, schema, description, received_us) VALUES ($site, $schema, $description, $received)
            ON CONFLICT (site) DO UPDATE SET schema = excluded.schema, description = excluded.description, received_us = excluded.received_us
            """;
        command.Parameters.AddWithValue("$site", description.Site);
        command.Parameters.AddWithValue("$schema", description.Schema);
        command.Parameters.AddWithValue("$description", JsonSerializer.Serialize(description, ProtocolJsonContext.Default.SiteDescription));
        command.Parameters.AddWithValue("$received", (receivedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);
        command.ExecuteNonQuery();
    }

    /// <summary>The site's latest description, or null when it never sent one.</summary>
    public StoredSiteDescription? Find(string site)
    {
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT description, received_us FROM site_descriptions WHERE site = $site";
        command.Parameters.AddWithValue("$site", site);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var description = JsonSerializer.Deserialize(reader.GetString(0), ProtocolJsonContext.Default.SiteDescription);
        return description is null ? null : new StoredSiteDescription(description, DateTimeOffset.UnixEpoch.AddTicks(reader.GetInt64(1) * 10));
    }
}
