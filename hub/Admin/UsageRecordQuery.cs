using Cybercantal.Edge.Hub.Credentials;
using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Protocol.Journal;

namespace Cybercantal.Edge.Hub.Admin;

/// <summary>
/// Usage records (PC sessions, copier sessions, room check-ins and no-shows, usage faults, seats) over the
/// hub's ingested journal, filtered, scoped to the caller's sites, newest first. They are kept as long as the
/// raw journal (the retention deletes them with the access movements); billing keeps the monthly aggregates.
/// </summary>
public sealed class UsageRecordQuery
{
    public const int MaxPageSize = 1000;

    /// <summary>Most rows one CSV export holds; narrow the filter for more.</summary>
    public const int MaxExportRows = 200_000;

    private readonly HubDatabase _database;

    public UsageRecordQuery(HubDatabase database) => _database = database;

    public UsageRecordPage Page(ApiCaller caller, UsageRecordFilter filter, int page, int size)
    {
        var (items, hasMore) = JournalQuery.Page<UsageRecordView>(page, size, MaxPageSize, (offset, limit, row) => Run(caller, filter, offset, limit, row));
        return new UsageRecordPage(items, page, size, hasMore);
    }

    /// <summary>Streams every matching record (up to <see cref="MaxExportRows"/>) to <paramref name="row"/>.</summary>
    public void Export(ApiCaller caller, UsageRecordFilter filter, Action<UsageRecordView> row) => Run(caller, filter, 0, MaxExportRows, row);

    /// <summary>Splits <c>key=value;key=value</c>; a part without '=' is kept under its own text with an empty value.</summary>
    public static IReadOnlyDictionary<string, string> SplitDetail(string? detail)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(detail))
        {
            return pairs;
        }

        foreach (var part in detail.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? part : part[..equals];
            pairs.TryAdd(key, equals < 0 ? string.Empty : part[(equals + 1)..]);
        }

        return pairs;
    }

    private void Run(ApiCaller caller, UsageRecordFilter filter, long offset, int limit, Action<UsageRecordView> row)
    {
        JournalRecordKind? kind = null;
        if (filter.Kind is { } name)
        {
            kind = UsageRecordKindNames.TryParse(name, out var parsed)
                ? parsed
                : throw AdminException.Invalid("kind", $"'kind' must be one of {string.Join(", ", UsageRecordKindNames.Names)} (got '{name}').");
        }

        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$first", UsageRecordKindNames.First);
        command.Parameters.AddWithValue("$last", UsageRecordKindNames.Last);
        var query = new JournalQuery(
            command,
            "SELECT site, seq, at_us, kind, door, reader, member, credential, detail FROM journal WHERE kind BETWEEN $first AND $last",
            caller,
            filter.Site,
            filter.From,
            filter.To);
        query.Where("kind = $kind", "$kind", kind is { } k ? (int)k : null);
        query.Where("member = $member", "$member", filter.Member);
        query.Where("door = $resource", "$resource", filter.Resource);
        using var reader = query.Execute(offset, limit);
        while (reader.Read())
        {
            row(new UsageRecordView(
                reader.GetString(0),
                reader.GetInt64(1),
                SiteCredentialsReader.FromMicroseconds(reader.GetInt64(2)),
                UsageRecordKindNames.Name((JournalRecordKind)reader.GetInt32(3)),
                JournalQuery.Text(reader, 4),
                JournalQuery.Text(reader, 5),
                JournalQuery.Text(reader, 6),
                JournalQuery.Text(reader, 7),
                SplitDetail(JournalQuery.Text(reader, 8))));
        }
    }
}
