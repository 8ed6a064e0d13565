using System.Text;
using System.Text.Json;
using Cybercantal.Edge.Hub.Credentials;
using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Data.Sqlite;

namespace Cybercantal.Edge.Hub.Admin;

/// <summary>Access decisions over the hub's ingested journal, filtered, scoped to the caller's sites, newest first.</summary>
public sealed class AccessEventQuery
{
    public const int MaxPageSize = 1000;

    /// <summary>Most rows one CSV export holds; narrow the filter for more.</summary>
    public const int MaxExportRows = 200_000;

    private readonly HubDatabase _database;

    public AccessEventQuery(HubDatabase database) => _database = database;

    public AccessEventPage Page(ApiCaller caller, AccessEventFilter filter, int page, int size)
    {
        if (page < 1)
        {
            throw AdminException.Invalid("page", $"'page' starts at 1 (got {page}).");
        }

        if (size is < 1 or > MaxPageSize)
        {
            throw AdminException.Invalid("size", $"'size' must be between 1 and {MaxPageSize} (got {size}).");
        }

        var items = new List<AccessEvent>(size + 1);
        Run(caller, filter, (long)(page - 1) * size, size + 1, items.Add);
        var hasMore = items.Count > size;
        if (hasMore)
        {
            items.RemoveAt(size);
        }

        return new AccessEventPage(items, page, size, hasMore);
    }

    /// <summary>Streams every matching event (up to <see cref="MaxExportRows"/>) to <paramref name="row"/>.</summary>
    public void Export(ApiCaller caller, AccessEventFilter filter, Action<AccessEvent> row) => Run(caller, filter, 0, MaxExportRows, row);

    private void Run(ApiCaller caller, AccessEventFilter filter, long offset, int limit, Action<AccessEvent> row)
    {
        if (filter.Site is { } site)
        {
            AdminValidation.Site("site", site);
            caller.Require(site);
        }

        if (filter.Decision is not (null or "granted" or "denied"))
        {
            throw AdminException.Invalid("decision", $"'decision' must be 'granted' or 'denied' (got '{filter.Decision}').");
        }

        if (filter.From is { } from && filter.To is { } to && to <= from)
        {
            throw AdminException.Invalid("to", "'to' must be after 'from'.");
        }

        var sql = new StringBuilder("SELECT site, seq, at_us, door, reader, credential, member, granted, reason, basis FROM journal WHERE kind = $kind");
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$kind", (int)JournalRecordKind.AccessDecision);
        void Where(string clause, string name, object? value)
        {
            if (value is not null)
            {
                sql.Append(" AND ").Append(clause);
                command.Parameters.AddWithValue(name, value);
            }
        }

        Where("site = $site", "$site", filter.Site);
        if (!caller.IsAdmin && filter.Site is null)
        {
            Where("site IN (SELECT value FROM json_each($sites))", "$sites", JsonSerializer.Serialize(caller.Sites.ToArray(), HubAdminJsonContext.Default.StringArray));
        }

        Where("door = $door", "$door", filter.Door);
        Where("member = $member", "$member", filter.Member);
        Where("credential = $badge", "$badge", filter.Badge is { } badge && CredentialText.TryNormalize(badge, out var canonical) ? canonical : filter.Badge);
        Where("granted = $granted", "$granted", filter.Decision switch { "granted" => 1, "denied" => 0, _ => null });
        Where("at_us >= $from", "$from", filter.From is { } f ? SiteCredentialsReader.ToMicroseconds(f) : null);
        Where("at_us < $to", "$to", filter.To is { } t ? SiteCredentialsReader.ToMicroseconds(t) : null);
        sql.Append(" ORDER BY at_us DESC, site, seq DESC LIMIT $limit OFFSET $offset");
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$offset", offset);
        command.CommandText = sql.ToString();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(new AccessEvent(
                reader.GetString(0),
                reader.GetInt64(1),
                SiteCredentialsReader.FromMicroseconds(reader.GetInt64(2)),
                Text(reader, 3),
                Text(reader, 4),
                Text(reader, 5),
                Text(reader, 6),
                !reader.IsDBNull(7) && reader.GetInt64(7) != 0,
                Text(reader, 8),
                Text(reader, 9)));
        }
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
