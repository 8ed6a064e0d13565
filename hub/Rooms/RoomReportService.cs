using System.Globalization;
using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Hub.Billing;
using Cybercantal.Edge.Hub.Credentials;
using Cybercantal.Edge.Hub.Sites;
using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Protocol.Sites;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Hub.Rooms;

/// <summary>
/// Per-room figures of a site (issue 5, rooms): booked hours from the hub's bookings, used hours and
/// no-shows from the ingested journal (RoomUseEnded 36, RoomNoShow 37; docs/usage.md), occupancy against the
/// opening hours of the site's description. Scoped like the rest of the admin API: a manager key sees only
/// its centres. Read-only. Where the retention run already deleted the raw records, used time and no-shows
/// come from billing's daily aggregates (<see cref="RoomUsageSources"/>), and the report says so.
/// </summary>
public sealed class RoomReportService
{
    /// <summary>Longest period a report covers.</summary>
    public const int MaxDays = 366;

    /// <summary>
    /// How long after the period a room record may have been written and still count (a session recovered
    /// after an agent restart is journaled at the restart, with its real start and end).
    /// </summary>
    public static readonly TimeSpan RecordLag = TimeSpan.FromDays(14);

    public const string NoDescription = "no site description received from the gateway: opening hours unknown (time zone Europe/Paris assumed)";

    public const string NoOpeningHours = "the site has no opening hours in the period";

    private static readonly TimeZoneInfo DefaultZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static readonly string[] RoomKinds = ["meeting-room", "visio-room"];

    private readonly HubDatabase _database;
    private readonly SiteDescriptionStore _descriptions;
    private readonly ILogger<RoomReportService> _logger;

    public RoomReportService(HubDatabase database, SiteDescriptionStore descriptions, ILogger<RoomReportService> logger)
    {
        _database = database;
        _descriptions = descriptions;
        _logger = logger;

        // The report reads billing's aggregates and retention state: on a store billing never opened they are just empty.
        BillingSchema.Ensure(database);
    }

    /// <summary>The report for <paramref name="month"/> (<c>yyyy-MM</c>) or local days <paramref name="from"/>..<paramref name="to"/> inclusive.</summary>
    public RoomReport Report(ApiCaller caller, string site, string? month, DateOnly? from, DateOnly? to)
    {
        ArgumentNullException.ThrowIfNull(caller);
        AdminValidation.Site("site", site);
        caller.Require(site);
        var (first, last) = Period(month, from, to);
        var report = Build(site, first, last);
        SitesLog.RoomReport(_logger, site, first, last, caller.Name, report.Rooms.Count, report.SkippedRecords, report.UsageSource);
        if (report.UsageMissing is { } why)
        {
            SitesLog.RoomUsageUnknown(_logger, site, first, last, why);
        }

        return report;
    }

    /// <summary>The report without scoping (the caller checked it).</summary>
    public RoomReport Build(string site, DateOnly first, DateOnly last)
    {
        var stored = _descriptions.Find(site);
        var description = stored?.Description;
        var zone = description is not null && TimeZoneInfo.TryFindSystemTimeZoneById(description.TimeZone, out var found) ? found : DefaultZone;
        var start = SiteCalendar.StartOfDay(first, zone);
        var end = SiteCalendar.StartOfDay(last.AddDays(1), zone);

        long? openingSeconds = description is null
            ? null
            : SiteCalendar.OpeningSeconds(SiteCalendar.Weekly(description), description.Closures.ToHashSet(), first, last, zone);

        var rooms = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var room in description?.Zones.Where(z => RoomKinds.Contains(z.Kind)) ?? [])
        {
            rooms[room.Id] = new Tally { Name = room.Name, Kind = room.Kind };
            order.Add(room.Id);
        }

        Tally For(string id)
        {
            if (!rooms.TryGetValue(id, out var tally))
            {
                tally = new Tally();
                rooms[id] = tally;
            }

            return tally;
        }

        using var connection = _database.OpenConnection();

        // One read snapshot: the deletion boundary, the aggregates and the raw rows agree even while a retention run deletes.
        using var transaction = connection.BeginTransaction(deferred: true);
        var sources = RoomUsageSources.For(transaction, start, end);
        ReadBookings(transaction, site, start, end, For);
        foreach (var (room, minutes, noShows) in sources.ReadAggregates(transaction, site))
        {
            var tally = For(room);
            tally.UsedTicks += minutes * TimeSpan.TicksPerMinute;
            tally.NoShows += noShows;
        }

        var skipped = ReadRecords(transaction, site, start, end, sources.RawFrom, For);

        var missing = description is null ? NoDescription : openingSeconds == 0 ? NoOpeningHours : sources.Missing;
        var known = sources.Missing is null;
        var result = order.Concat(rooms.Keys.Except(order).Order(StringComparer.Ordinal)).Select(id =>
        {
            var t = rooms[id];
            return new RoomUsage
            {
                Zone = id,
                Name = t.Name,
                Kind = t.Kind,
                Described = t.Kind is not null,
                Bookings = t.Bookings,
                BookedHours = Hours(t.BookedTicks / TimeSpan.TicksPerSecond),
                UsedHours = known ? Hours(t.UsedTicks / TimeSpan.TicksPerSecond) : null,
                NoShows = known ? t.NoShows : null,
                NoShowRate = known && t.Bookings > 0 ? Rate(t.NoShows, t.Bookings) : null,
                OccupancyRate = missing is null ? Rate(t.UsedTicks / TimeSpan.TicksPerSecond, openingSeconds!.Value) : null,
                OccupancyMissing = missing,
                BookedSeconds = t.BookedTicks / TimeSpan.TicksPerSecond,
                UsedSeconds = known ? t.UsedTicks / TimeSpan.TicksPerSecond : null,
            };
        }).ToList();

        return new RoomReport
        {
            Site = site,
            From = first,
            To = last,
            TimeZone = description is null ? DefaultZone.Id : zone.Id,
            PeriodStart = start,
            PeriodEnd = end,
            OpeningHours = openingSeconds is { } seconds ? Hours(seconds) : null,
            DescriptionReceivedAt = stored?.ReceivedAt,
            Missing = description is null ? NoDescription : null,
            UsageSource = sources.Source,
            AggregatesUntil = sources.RawFrom > start ? sources.RawFrom : null,
            UsageMissing = sources.Missing,
            Rooms = result,
            SkippedRecords = skipped,
        };
    }

    /// <summary>Hours of <paramref name="seconds"/>, 2 decimals, halves away from zero.</summary>
    public static decimal Hours(long seconds) => Math.Round(seconds / 3600m, 2, MidpointRounding.AwayFromZero);

    /// <summary><paramref name="part"/> / <paramref name="whole"/>, 4 decimals, halves away from zero.</summary>
    public static decimal Rate(long part, long whole) => Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);

    private static (DateOnly First, DateOnly Last) Period(string? month, DateOnly? from, DateOnly? to)
    {
        if (month is not null)
        {
            if (from is not null || to is not null)
            {
                throw AdminException.Invalid("month", "Give either 'month' (yyyy-MM) or 'from' and 'to' (yyyy-MM-dd), not both.");
            }

            return BillingMonth.TryParse(month, out var m)
                ? (m.FirstDay, m.LastDay)
                : throw AdminException.Invalid("month", $"'month' must be yyyy-MM (got '{month}').");
        }

        if (from is not { } first || to is not { } last)
        {
            throw AdminException.Invalid(from is null ? "from" : "to", "Give 'month' (yyyy-MM) or both 'from' and 'to' (yyyy-MM-dd, local days, inclusive).");
        }

        if (last < first || last.DayNumber - first.DayNumber >= MaxDays)
        {
            throw AdminException.Invalid("to", string.Create(CultureInfo.InvariantCulture, $"'to' must be on or after 'from' and the period at most {MaxDays} days (got {first:yyyy-MM-dd}..{last:yyyy-MM-dd})."));
        }

        return (first, last);
    }

    private static void ReadBookings(SqliteTransaction transaction, string site, DateTimeOffset start, DateTimeOffset end, Func<string, Tally> room)
    {
        using var command = BillingService.Command(transaction, "SELECT zone, start_us, end_us FROM bookings WHERE site = $site AND start_us < $end AND end_us > $start");
        command.Parameters.AddWithValue("$site", site);
        command.Parameters.AddWithValue("$start", SiteCredentialsReader.ToMicroseconds(start));
        command.Parameters.AddWithValue("$end", SiteCredentialsReader.ToMicroseconds(end));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var bookingStart = SiteCredentialsReader.FromMicroseconds(reader.GetInt64(1));
            var bookingEnd = SiteCredentialsReader.FromMicroseconds(reader.GetInt64(2));
            var tally = room(reader.GetString(0));
            tally.BookedTicks += Overlap(bookingStart, bookingEnd, start, end);
            if (bookingStart >= start && bookingStart < end)
            {
                tally.Bookings++;
            }
        }
    }

    /// <param name="rawFrom">Records that billing puts on a day before this instant are counted from the aggregates instead.</param>
    private static int ReadRecords(SqliteTransaction transaction, string site, DateTimeOffset start, DateTimeOffset end, DateTimeOffset rawFrom, Func<string, Tally> room)
    {
        if (rawFrom >= end)
        {
            return 0;
        }

        // A record is written at (or after) the end of what it reports, so nothing before the period (or before
        // the aggregated part, whose records billing already counted) matters.
        using var command = BillingService.Command(transaction, """
            SELECT kind, at_us, door, detail FROM journal
            WHERE at_us >= $start AND at_us < $until AND kind IN ($use, $noShow) AND site = $site
            """);
        command.Parameters.AddWithValue("$site", site);
        command.Parameters.AddWithValue("$start", SiteCredentialsReader.ToMicroseconds(rawFrom));
        command.Parameters.AddWithValue("$until", SiteCredentialsReader.ToMicroseconds(end + RecordLag));
        command.Parameters.AddWithValue("$use", UsageRecordKinds.RoomUseEnded);
        command.Parameters.AddWithValue("$noShow", UsageRecordKinds.RoomNoShow);
        using var reader = command.ExecuteReader();
        var skipped = 0;
        while (reader.Read())
        {
            var kind = reader.GetInt32(0);
            var at = SiteCredentialsReader.FromMicroseconds(reader.GetInt64(1));
            var detail = reader.IsDBNull(3) ? null : reader.GetString(3);

            // Billing's parser decides what a readable record is, so both count the same records.
            if (!UsageRecordParser.TryParse(kind, reader.IsDBNull(2) ? null : reader.GetString(2), detail, out var record))
            {
                skipped++;
                continue;
            }

            if (rawFrom > start && RoomUsageSources.BillingInstant(at, record.End) < rawFrom)
            {
                continue; // on a day billing aggregated before the split: counted from the aggregates
            }

            if (kind == UsageRecordKinds.RoomUseEnded)
            {
                if (!UsageDetailValues.TryNumber(detail!, "seconds", UsageRecordParser.MaxSeconds, out var seconds))
                {
                    skipped++;
                    continue;
                }

                var useEnd = record.End ?? at;
                room(record.Resource).UsedTicks += Overlap(useEnd.AddSeconds(-seconds), useEnd, start, end);
            }
            else
            {
                var bookingStart = UsageDetailValues.TryInstant(detail!, "booking-start", out var s) ? s : at;
                if (bookingStart >= start && bookingStart < end)
                {
                    room(record.Resource).NoShows++;
                }
            }
        }

        return skipped;
    }

    private static long Overlap(DateTimeOffset a, DateTimeOffset b, DateTimeOffset start, DateTimeOffset end) =>
        Math.Max(0, Math.Min(b.UtcTicks, end.UtcTicks) - Math.Max(a.UtcTicks, start.UtcTicks));

    private sealed class Tally
    {
        public string? Name { get; init; }

        public string? Kind { get; init; }

        public int Bookings { get; set; }

        public long BookedTicks { get; set; }

        public long UsedTicks { get; set; }

        public int NoShows { get; set; }
    }
}
