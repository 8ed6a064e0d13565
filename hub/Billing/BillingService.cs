using System.Globalization;
using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Hub.Credentials;
using Cybercantal.Edge.Hub.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Hub.Billing;

/// <summary>
/// Dated tariffs, month closing (raw usage records -> stored daily aggregates -> stored statement lines)
/// and statement queries scoped to the caller's centres. Closing a month is repeatable: while its raw rows
/// exist it re-aggregates them; once the retention run has deleted them it keeps the stored aggregates and
/// only recomputes the statements, so a statement is the same before and after the raw rows are gone.
/// </summary>
public sealed class BillingService
{
    private const string DateFormat = "yyyy-MM-dd";
    private const long MaxUnitPriceCents = 10_000_000;

    private readonly HubDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger<BillingService> _logger;
    private readonly BillingOptions _options;
    private readonly HashSet<string> _visioRooms;
    private readonly Lock _gate = new();

    public BillingService(HubDatabase database, TimeProvider time, IOptions<BillingOptions> options, ILogger<BillingService> logger)
    {
        _database = database;
        _time = time;
        _logger = logger;
        _options = options.Value;
        _visioRooms = new HashSet<string>(_options.VisioRooms, StringComparer.Ordinal);
        BillingSchema.Ensure(database);
    }

    /// <summary>Serialises month closing and the retention run (both rewrite billing's tables).</summary>
    internal Lock Gate => _gate;

    internal HubDatabase Database => _database;

    // ---- tariffs

    public Tariff AddTariff(ApiCaller caller, TariffRequest request)
    {
        var item = request.Item is { } i && BillingItems.All.Contains(i)
            ? i
            : throw AdminException.Invalid("item", $"'item' must be one of {string.Join(", ", BillingItems.All)} (got '{request.Item}').");
        if (request.Site is null)
        {
            caller.RequireAdmin();
        }
        else
        {
            AdminValidation.Site("site", request.Site);
            caller.Require(request.Site);
        }

        string? zone = null;
        if (request.Zone is not null)
        {
            zone = item == BillingItems.CopierPage || request.Site is null
                ? throw AdminException.Invalid("zone", "'zone' (an office, a visio room) needs a 'site' and does not apply to copier pages.")
                : AdminValidation.Id("zone", request.Zone);
        }

        var from = request.EffectiveFrom ?? throw AdminException.Invalid("effectiveFrom", "'effectiveFrom' (the first day the price applies, yyyy-MM-dd) is required.");
        var price = request.UnitPriceCents is { } p and >= 0 and <= MaxUnitPriceCents
            ? p
            : throw AdminException.Invalid("unitPriceCents", $"'unitPriceCents' (integer euro cents) must be between 0 and {MaxUnitPriceCents} (got {request.UnitPriceCents}).");
        var free = request.FreePerMonth is null or >= 0 and <= 1_000_000
            ? request.FreePerMonth ?? 0
            : throw AdminException.Invalid("freePerMonth", $"'freePerMonth' must be between 0 and 1000000 (got {request.FreePerMonth}).");
        if (item == BillingItems.Office && free != 0)
        {
            throw AdminException.Invalid("freePerMonth", "An office has no free allowance (its first year is free).");
        }

        using var connection = _database.OpenConnection();
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO tariffs (item, site, zone, effective_from, unit_price_cents, free_per_month, created_by)
            VALUES ($item, $site, $zone, $from, $price, $free, $by) RETURNING id
            """;
        insert.Parameters.AddWithValue("$item", item);
        insert.Parameters.AddWithValue("$site", (object?)request.Site ?? DBNull.Value);
        insert.Parameters.AddWithValue("$zone", (object?)zone ?? DBNull.Value);
        insert.Parameters.AddWithValue("$from", from.ToString(DateFormat, CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue("$price", price);
        insert.Parameters.AddWithValue("$free", free);
        insert.Parameters.AddWithValue("$by", caller.Name);
        var id = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
        BillingLog.TariffAdded(_logger, id, item, request.Site ?? "*", from, price, caller.Name);
        return new Tariff(id, item, request.Site, zone, from, price, free);
    }

    /// <summary>Tariffs the caller may see (managers: their centres and the every-centre ones), by item, scope, date.</summary>
    public IReadOnlyList<Tariff> ListTariffs(ApiCaller caller, string? site)
    {
        if (site is not null)
        {
            AdminValidation.Site("site", site);
            caller.Require(site);
        }

        using var connection = _database.OpenConnection();
        return [.. ReadTariffs(connection)
            .Where(t => (t.Site is null || caller.CanSee(t.Site)) && (site is null || t.Site is null || t.Site == site))
            .OrderBy(t => t.Item, StringComparer.Ordinal).ThenBy(t => t.Site, StringComparer.Ordinal)
            .ThenBy(t => t.Zone, StringComparer.Ordinal).ThenBy(t => t.EffectiveFrom).ThenBy(t => t.Id)];
    }

    // ---- months

    /// <summary>
    /// Aggregates a complete Paris month (if its raw rows are still there) and recomputes its statements.
    /// Admin only. Throws a 409 for a month not yet over.
    /// </summary>
    public MonthAggregate CloseMonth(ApiCaller caller, BillingMonth month)
    {
        caller.RequireAdmin();
        if (month.EndUtc > _time.GetUtcNow())
        {
            throw AdminException.Conflict($"Month {month} is not over yet; it can be closed from {month.EndUtc:O}.");
        }

        return CloseMonth(month);
    }

    internal MonthAggregate CloseMonth(BillingMonth month)
    {
        lock (_gate)
        {
            using var connection = _database.OpenConnection();
            using var transaction = connection.BeginTransaction();
            var key = month.ToString();
            var deletedBefore = DeletedBefore(transaction);
            var aggregated = ReadMonthStatus(transaction, key);
            MonthAggregate result;
            List<DailyUsage>? fresh = null;
            if (aggregated is not null && SiteCredentialsReader.ToMicroseconds(month.StartUtc) < deletedBefore)
            {
                // Raw rows of this month are (partly) gone: the stored aggregates are the truth now.
                result = aggregated with { FromRawRecords = false };
            }
            else
            {
                var (usage, records, skipped, withoutMember) = UsageAggregator.Read(transaction, month);
                SaveAggregates(transaction, month, usage);
                fresh = usage;
                using var status = Command(transaction, """
                    INSERT INTO billing_months (month, aggregated_us, records, skipped, without_member) VALUES ($month, $now, $records, $skipped, $without)
                    ON CONFLICT (month) DO UPDATE SET aggregated_us = excluded.aggregated_us, records = excluded.records,
                        skipped = excluded.skipped, without_member = excluded.without_member
                    """);
                status.Parameters.AddWithValue("$month", key);
                status.Parameters.AddWithValue("$now", SiteCredentialsReader.ToMicroseconds(_time.GetUtcNow()));
                status.Parameters.AddWithValue("$records", records);
                status.Parameters.AddWithValue("$skipped", skipped);
                status.Parameters.AddWithValue("$without", withoutMember);
                status.ExecuteNonQuery();
                result = new MonthAggregate(key, records, skipped, withoutMember, true, 0);
                if (skipped > 0 || withoutMember > 0)
                {
                    BillingLog.RecordsSkipped(_logger, key, skipped, withoutMember);
                }
            }

            var lines = ComputeStatements(transaction, month, fresh);
            transaction.Commit();
            BillingLog.MonthClosed(_logger, key, result.Records, result.FromRawRecords, lines);
            return result with { Lines = lines };
        }
    }

    /// <summary>Whether the month has stored aggregates, and when they were made (journal microseconds).</summary>
    internal long? AggregatedAt(SqliteTransaction transaction, BillingMonth month)
    {
        using var command = Command(transaction, "SELECT aggregated_us FROM billing_months WHERE month = $month");
        command.Parameters.AddWithValue("$month", month.ToString());
        return command.ExecuteScalar() is long at ? at : null;
    }

    // ---- statements

    /// <summary>
    /// Stored statement lines of a month, for the caller's centres (optionally one centre), in export order, each
    /// with the member's current display name (none for a member deleted since).
    /// </summary>
    public IReadOnlyList<StatementLine> Lines(ApiCaller caller, BillingMonth month, string? site)
    {
        if (site is not null)
        {
            AdminValidation.Site("site", site);
            caller.Require(site);
        }

        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.month, s.site, s.member, s.line, s.item, s.resource, s.from_day, s.to_day, s.quantity_num, s.quantity_den, s.unit,
                   s.unit_price_cents, s.excl_cents, s.vat_bp, s.vat_cents, s.incl_cents, m.display_name
            FROM statement_lines s LEFT JOIN members m ON m.id = s.member
            WHERE s.month = $month AND ($site IS NULL OR s.site = $site)
            ORDER BY s.site, s.member, s.line
            """;
        command.Parameters.AddWithValue("$month", month.ToString());
        command.Parameters.AddWithValue("$site", (object?)site ?? DBNull.Value);
        var lines = new List<StatementLine>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (!caller.CanSee(reader.GetString(1)))
            {
                continue;
            }

            lines.Add(new StatementLine(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), Date(reader.GetString(6)), Date(reader.GetString(7)),
                reader.GetInt64(8), reader.GetInt64(9), reader.GetString(10), reader.GetInt64(11), reader.GetInt64(12),
                reader.GetInt32(13), reader.GetInt64(14), reader.GetInt64(15), reader.IsDBNull(16) ? null : reader.GetString(16)));
        }

        // Ordinal order whatever SQLite's collation: the CSV bytes depend on it.
        return [.. lines.OrderBy(l => l.Site, StringComparer.Ordinal).ThenBy(l => l.Member, StringComparer.Ordinal).ThenBy(l => l.Position)];
    }

    /// <summary>The stored daily aggregates of a month (all centres): what statements are computed from.</summary>
    public IReadOnlyList<DailyUsage> Aggregates(BillingMonth month)
    {
        using var connection = _database.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        return ReadAggregates(transaction, month.ToString());
    }

    /// <param name="aggregates">The month's aggregates just saved (null: read the stored ones).</param>
    private int ComputeStatements(SqliteTransaction transaction, BillingMonth month, List<DailyUsage>? aggregates)
    {
        var key = month.ToString();
        var calculator = new StatementCalculator(new TariffBook(ReadTariffs(transaction.Connection!, transaction)), _options.VatBasisPoints, _visioRooms);
        var usage = (aggregates ?? ReadAggregates(transaction, key)).ToLookup(u => (u.Site, u.Member));
        var leases = ReadLeases(transaction, month).ToLookup(l => (l.Site, l.Member));
        var accounts = usage.Select(g => g.Key).Concat(leases.Select(g => g.Key)).Distinct()
            .OrderBy(a => a.Site, StringComparer.Ordinal).ThenBy(a => a.Member, StringComparer.Ordinal);
        using (var clear = Command(transaction, "DELETE FROM statement_lines WHERE month = $month"))
        {
            clear.Parameters.AddWithValue("$month", key);
            clear.ExecuteNonQuery();
        }

        using var insert = Command(transaction, """
            INSERT INTO statement_lines (month, site, member, line, item, resource, from_day, to_day, quantity_num, quantity_den, unit,
                unit_price_cents, excl_cents, vat_bp, vat_cents, incl_cents)
            VALUES ($month, $site, $member, $line, $item, $resource, $from, $to, $num, $den, $unit, $price, $excl, $bp, $vat, $incl)
            """);
        string[] names = ["$month", "$site", "$member", "$line", "$item", "$resource", "$from", "$to", "$num", "$den", "$unit", "$price", "$excl", "$bp", "$vat", "$incl"];
        var p = names.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        var count = 0;
        foreach (var (site, member) in accounts)
        {
            var number = 0;
            foreach (var line in calculator.Lines(month, site, member, leases[(site, member)], usage[(site, member)]))
            {
                object?[] values = [key, site, member, number++, line.Item, (object?)line.Resource ?? DBNull.Value,
                    line.From.ToString(DateFormat, CultureInfo.InvariantCulture), line.To.ToString(DateFormat, CultureInfo.InvariantCulture),
                    line.QuantityNumerator, line.QuantityDenominator, line.Unit, line.UnitPriceCents, line.AmountExclCents,
                    line.VatBasisPoints, line.VatCents, line.AmountInclCents];
                for (var i = 0; i < p.Length; i++)
                {
                    p[i].Value = values[i];
                }

                insert.ExecuteNonQuery();
                count++;
            }
        }

        return count;
    }

    private static void SaveAggregates(SqliteTransaction transaction, BillingMonth billingMonth, List<DailyUsage> usage)
    {
        var month = billingMonth.ToString();
        var days = new string[billingMonth.Days];
        for (var d = 0; d < days.Length; d++)
        {
            days[d] = billingMonth.FirstDay.AddDays(d).ToString(DateFormat, CultureInfo.InvariantCulture);
        }

        using (var clear = Command(transaction, "DELETE FROM usage_daily WHERE month = $month"))
        {
            clear.Parameters.AddWithValue("$month", month);
            clear.ExecuteNonQuery();
        }

        using var insert = Command(transaction, """
            INSERT INTO usage_daily (month, site, member, measure, resource, day, quantity, records)
            VALUES ($month, $site, $member, $measure, $resource, $day, $quantity, $records)
            """);
        string[] names = ["$month", "$site", "$member", "$measure", "$resource", "$day", "$quantity", "$records"];
        var p = names.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        p[0].Value = month;
        foreach (var u in usage)
        {
            p[1].Value = u.Site;
            p[2].Value = u.Member;
            p[3].Value = u.Measure;
            p[4].Value = u.Resource;
            p[5].Value = days[u.Day.DayNumber - billingMonth.FirstDay.DayNumber];
            p[6].Value = u.Quantity;
            p[7].Value = u.Records;
            insert.ExecuteNonQuery();
        }
    }

    private static List<DailyUsage> ReadAggregates(SqliteTransaction transaction, string month)
    {
        using var command = Command(transaction, "SELECT site, member, measure, resource, day, quantity, records FROM usage_daily WHERE month = $month");
        command.Parameters.AddWithValue("$month", month);
        var list = new List<DailyUsage>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new DailyUsage(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Date(reader.GetString(4)), reader.GetInt64(5), reader.GetInt64(6)));
        }

        return list;
    }

    private static List<LeasePeriod> ReadLeases(SqliteTransaction transaction, BillingMonth month)
    {
        using var command = Command(transaction, """
            SELECT member_id, site, zone, start_date, end_date FROM leases
            WHERE start_date <= $last AND (end_date IS NULL OR end_date >= $first)
            """);
        command.Parameters.AddWithValue("$first", month.FirstDay.ToString(DateFormat, CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$last", month.LastDay.ToString(DateFormat, CultureInfo.InvariantCulture));
        var list = new List<LeasePeriod>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new LeasePeriod(reader.GetString(0), reader.GetString(1), reader.GetString(2), Date(reader.GetString(3)), reader.IsDBNull(4) ? null : Date(reader.GetString(4))));
        }

        return list;
    }

    private static List<Tariff> ReadTariffs(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id, item, site, zone, effective_from, unit_price_cents, free_per_month FROM tariffs";
        var list = new List<Tariff>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new Tariff(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), Date(reader.GetString(4)), reader.GetInt64(5), reader.GetInt64(6)));
        }

        return list;
    }

    private static MonthAggregate? ReadMonthStatus(SqliteTransaction transaction, string month)
    {
        using var command = Command(transaction, "SELECT records, skipped, without_member FROM billing_months WHERE month = $month");
        command.Parameters.AddWithValue("$month", month);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new MonthAggregate(month, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), true, 0) : null;
    }

    /// <summary>Raw journal rows before this instant (journal microseconds) were deleted by the retention run; 0 = none.</summary>
    internal static long DeletedBefore(SqliteTransaction transaction)
    {
        using var command = Command(transaction, "SELECT deleted_before_us FROM retention_state WHERE id = 1");
        return command.ExecuteScalar() is long at ? at : 0;
    }

    internal static SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, DateFormat, CultureInfo.InvariantCulture);
}
