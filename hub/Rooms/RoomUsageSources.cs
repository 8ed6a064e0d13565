using System.Globalization;
using Cybercantal.Edge.Hub.Billing;
using Cybercantal.Edge.Hub.Credentials;
using Microsoft.Data.Sqlite;

namespace Cybercantal.Edge.Hub.Rooms;

/// <summary>
/// Where a room report takes used time and no-shows from. The retention run deletes the raw journal rows
/// before <c>retention_state.deleted_before_us</c>, after billing aggregated their months into
/// <c>usage_daily</c> (<c>room-minutes</c> and <c>room-no-shows</c> per room, member and Paris day). The
/// period is split at the first Paris midnight at or after that instant (<see cref="RawFrom"/>): the Paris
/// days before it are read from the aggregates, in billing's day convention (a record counts whole, on the
/// Paris day of its end, see <see cref="BillingInstant"/>); the rest from the raw records, skipping those that
/// billing put on an aggregated day, so nothing is counted twice. A month of the aggregated part that billing
/// never aggregated makes the figures unknown (<see cref="Missing"/>), never zero.
/// </summary>
internal sealed class RoomUsageSources
{
    /// <summary>Only raw journal records (nothing of the period deleted).</summary>
    public const string Raw = "raw";

    /// <summary>Only billing's daily aggregates (the whole period deleted).</summary>
    public const string Aggregates = "aggregates";

    /// <summary>Aggregates before <see cref="RawFrom"/>, raw records after.</summary>
    public const string Mixed = "mixed";

    private readonly DateTimeOffset _start;

    private RoomUsageSources(DateTimeOffset start, DateTimeOffset end, DateTimeOffset rawFrom, string? missing)
    {
        _start = start;
        RawFrom = rawFrom;
        Missing = missing;
        Source = rawFrom <= start ? Raw : rawFrom >= end ? Aggregates : Mixed;
    }

    /// <summary>Raw records count from here on: the period start when nothing was deleted, its end when everything was.</summary>
    public DateTimeOffset RawFrom { get; }

    /// <summary><see cref="Raw"/>, <see cref="Aggregates"/> or <see cref="Mixed"/>.</summary>
    public string Source { get; }

    /// <summary>Why used time and no-shows are unknown (deleted and never aggregated months); null when known.</summary>
    public string? Missing { get; }

    private bool HasAggregatedPart => RawFrom > _start;

    // Paris days and months of the aggregated part [start, RawFrom).
    private DateOnly FirstDay => BillingMonth.LocalDate(_start);

    private DateOnly LastDay => BillingMonth.LocalDate(RawFrom.AddTicks(-1));

    /// <summary>The sources of [<paramref name="start"/>, <paramref name="end"/>) as the store stands in <paramref name="transaction"/>.</summary>
    public static RoomUsageSources For(SqliteTransaction transaction, DateTimeOffset start, DateTimeOffset end)
    {
        var deletedBeforeUs = BillingService.DeletedBefore(transaction);
        if (deletedBeforeUs <= SiteCredentialsReader.ToMicroseconds(start))
        {
            return new RoomUsageSources(start, end, start, null);
        }

        var deletedBefore = SiteCredentialsReader.FromMicroseconds(deletedBeforeUs);
        var day = BillingMonth.LocalDate(deletedBefore);
        var midnight = BillingMonth.LocalMidnightUtc(day);
        var split = midnight == deletedBefore ? midnight : BillingMonth.LocalMidnightUtc(day.AddDays(1));
        var sources = new RoomUsageSources(start, end, split < end ? split : end, null);

        var aggregated = new HashSet<string>(StringComparer.Ordinal);
        using (var months = BillingService.Command(transaction, "SELECT month FROM billing_months WHERE month >= $first AND month <= $last"))
        {
            months.Parameters.AddWithValue("$first", BillingMonth.FromDate(sources.FirstDay).ToString());
            months.Parameters.AddWithValue("$last", BillingMonth.FromDate(sources.LastDay).ToString());
            using var reader = months.ExecuteReader();
            while (reader.Read())
            {
                aggregated.Add(reader.GetString(0));
            }
        }

        var missing = new List<string>();
        for (var month = BillingMonth.FromDate(sources.FirstDay); month <= BillingMonth.FromDate(sources.LastDay); month = month.Next)
        {
            if (!aggregated.Contains(month.ToString()))
            {
                missing.Add(month.ToString());
            }
        }

        return missing.Count == 0
            ? sources
            : new RoomUsageSources(start, end, sources.RawFrom, string.Create(CultureInfo.InvariantCulture,
                $"raw room records before {deletedBefore.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} were deleted by the retention run and billing never aggregated {string.Join(", ", missing)}: used hours and no-shows unknown"));
    }

    /// <summary>
    /// The instant billing dates a usage record by (docs/billing.md): the session's <c>end=</c> when it is at
    /// most <see cref="UsageAggregator.LateJournal"/> before the journal instant (and not after it by more than
    /// <see cref="UsageAggregator.EarlyJournal"/>), else the journal instant.
    /// </summary>
    public static DateTimeOffset BillingInstant(DateTimeOffset at, DateTimeOffset? end) =>
        end is { } e && e >= at - UsageAggregator.LateJournal && e <= at + UsageAggregator.EarlyJournal ? e : at;

    /// <summary>Minutes of use and no-shows per room of <paramref name="site"/> on the aggregated days (all members).</summary>
    public IReadOnlyList<(string Zone, long Minutes, int NoShows)> ReadAggregates(SqliteTransaction transaction, string site)
    {
        var rooms = new List<(string Zone, long Minutes, int NoShows)>();
        if (!HasAggregatedPart || Missing is not null)
        {
            return rooms;
        }

        using var command = BillingService.Command(transaction, """
            SELECT resource, SUM(CASE WHEN measure = $minutes THEN quantity ELSE 0 END), SUM(CASE WHEN measure = $noShows THEN quantity ELSE 0 END)
            FROM usage_daily
            WHERE month >= $firstMonth AND month <= $lastMonth AND site = $site AND measure IN ($minutes, $noShows)
              AND day >= $firstDay AND day <= $lastDay
            GROUP BY resource
            """);
        command.Parameters.AddWithValue("$minutes", UsageMeasures.RoomMinutes);
        command.Parameters.AddWithValue("$noShows", UsageMeasures.RoomNoShows);
        command.Parameters.AddWithValue("$firstMonth", BillingMonth.FromDate(FirstDay).ToString());
        command.Parameters.AddWithValue("$lastMonth", BillingMonth.FromDate(LastDay).ToString());
        command.Parameters.AddWithValue("$site", site);
        command.Parameters.AddWithValue("$firstDay", FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$lastDay", LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rooms.Add((reader.GetString(0), reader.GetInt64(1), checked((int)reader.GetInt64(2))));
        }

        return rooms;
    }
}
