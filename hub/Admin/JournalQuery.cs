using System.Text;
using System.Text.Json;
using Cybercantal.Edge.Hub.Credentials;
using Microsoft.Data.Sqlite;

namespace Cybercantal.Edge.Hub.Admin;

/// <summary>
/// A query over the hub's ingested journal, scoped to what the caller may see: an explicit site is checked
/// against the caller's key, and a manager asking for no site gets only their own centres. Filters are
/// added only when given; rows come newest first, paged.
/// </summary>
internal sealed class JournalQuery
{
    private readonly StringBuilder _sql;
    private readonly SqliteCommand _command;

    public JournalQuery(SqliteCommand command, string selectAndKind, ApiCaller caller, string? site, DateTimeOffset? from, DateTimeOffset? to)
    {
        _command = command;
        _sql = new StringBuilder(selectAndKind);
        if (site is not null)
        {
            AdminValidation.Site("site", site);
            caller.Require(site);
        }

        if (from is { } f && to is { } t && t <= f)
        {
            throw AdminException.Invalid("to", "'to' must be after 'from'.");
        }

        Where("site = $site", "$site", site);
        if (!caller.IsAdmin && site is null)
        {
            Where("site IN (SELECT value FROM json_each($sites))", "$sites", JsonSerializer.Serialize(caller.Sites.ToArray(), HubAdminJsonContext.Default.StringArray));
        }

        Where("at_us >= $from", "$from", from is { } fromValue ? SiteCredentialsReader.ToMicroseconds(fromValue) : null);
        Where("at_us < $to", "$to", to is { } toValue ? SiteCredentialsReader.ToMicroseconds(toValue) : null);
    }

    /// <summary>Adds <c>AND clause</c> with its parameter, unless <paramref name="value"/> is null.</summary>
    public void Where(string clause, string name, object? value)
    {
        if (value is not null)
        {
            _sql.Append(" AND ").Append(clause);
            _command.Parameters.AddWithValue(name, value);
        }
    }

    /// <summary>Orders newest first, applies the page and runs the query.</summary>
    public SqliteDataReader Execute(long offset, int limit)
    {
        _sql.Append(" ORDER BY at_us DESC, site, seq DESC LIMIT $limit OFFSET $offset");
        _command.Parameters.AddWithValue("$limit", limit);
        _command.Parameters.AddWithValue("$offset", offset);
        _command.CommandText = _sql.ToString();
        return _command.ExecuteReader();
    }

    public static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>
    /// Checks page and size, then has <paramref name="run"/> (offset, limit, row sink) read one row more than the
    /// page holds: the items of the page, and whether page + 1 has any.
    /// </summary>
    public static (IReadOnlyList<T> Items, bool HasMore) Page<T>(int page, int size, int maxSize, Action<long, int, Action<T>> run)
    {
        CheckPage(page, size, maxSize);
        var items = new List<T>(size + 1);
        run((long)(page - 1) * size, size + 1, items.Add);
        var hasMore = items.Count > size;
        if (hasMore)
        {
            items.RemoveAt(size);
        }

        return (items, hasMore);
    }

    /// <summary>Checks page and size the way every paged admin route does.</summary>
    public static void CheckPage(int page, int size, int maxSize)
    {
        if (page < 1)
        {
            throw AdminException.Invalid("page", $"'page' starts at 1 (got {page}).");
        }

        if (size < 1 || size > maxSize)
        {
            throw AdminException.Invalid("size", $"'size' must be between 1 and {maxSize} (got {size}).");
        }
    }
}
