using Cybercantal.Edge.Hub.Credentials;
using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Protocol.Journal;

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
        var (items, hasMore) = JournalQuery.Page<AccessEvent>(page, size, MaxPageSize, (offset, limit, row) => Run(caller, filter, offset, limit, row));
        return new AccessEventPage(items, page, size, hasMore);
    }

    /// <summary>Streams every matching event (up to <see cref="MaxExportRows"/>) to <paramref name="row"/>.</summary>
    public void Export(ApiCaller caller, AccessEventFilter filter, Action<AccessEvent> row) => Run(caller, filter, 0, MaxExportRows, row);

    private void Run(ApiCaller caller, AccessEventFilter filter, long offset, int limit, Action<AccessEvent> row)
    {
        if (filter.Decision is not (null or "granted" or "denied"))
        {
            throw AdminException.Invalid("decision", $"'decision' must be 'granted' or 'denied' (got '{filter.Decision}').");
        }

        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$kind", (int)JournalRecordKind.AccessDecision);
        var query = new JournalQuery(
            command,
            "SELECT site, seq, at_us, door, reader, credential, member, granted, reason, basis FROM journal WHERE kind = $kind",
            caller,
            filter.Site,
            filter.From,
            filter.To);
        query.Where("door = $door", "$door", filter.Door);
        query.Where("member = $member", "$member", filter.Member);
        query.Where("credential = $badge", "$badge", filter.Badge is { } badge && CredentialText.TryNormalize(badge, out var canonical) ? canonical : filter.Badge);
        query.Where("granted = $granted", "$granted", filter.Decision switch { "granted" => 1, "denied" => 0, _ => null });
        using var reader = query.Execute(offset, limit);
        while (reader.Read())
        {
            row(new AccessEvent(
                reader.GetString(0),
                reader.GetInt64(1),
                SiteCredentialsReader.FromMicroseconds(reader.GetInt64(2)),
                JournalQuery.Text(reader, 3),
                JournalQuery.Text(reader, 4),
                JournalQuery.Text(reader, 5),
                JournalQuery.Text(reader, 6),
                !reader.IsDBNull(7) && reader.GetInt64(7) != 0,
                JournalQuery.Text(reader, 8),
                JournalQuery.Text(reader, 9)));
        }
    }
}
