using Cybercantal.Edge.Hub.Credentials;
using Microsoft.Data.Sqlite;

namespace Cybercantal.Edge.Hub.Billing;

/// <summary>
/// Reads one Paris month of raw usage records from the hub journal and sums them per centre, member,
/// measure, resource and Paris day. A record belongs to the Paris day (and month) of the end of its session:
/// the detail's <c>end=</c> when present and plausible (at most <see cref="LateJournal"/> before the row's
/// <c>at_us</c>, the instant the agent journaled it, e.g. a session recovered after a restart), else
/// <c>at_us</c>. Its quantity (seconds, pages) is the one the agent measured, so a DST change never adds or
/// removes an hour. Records with a malformed detail or without a member are counted, not summed.
/// </summary>
internal static class UsageAggregator
{
    /// <summary>The resource of aggregates summed over every machine of a centre (PCs, copiers).</summary>
    public const string AnyResource = "*";

    /// <summary>How long before its journal instant a record's <c>end=</c> may be and still be used.</summary>
    public static readonly TimeSpan LateJournal = TimeSpan.FromDays(7);

    /// <summary>How far after its journal instant a record's <c>end=</c> may be (clock and rounding slack).</summary>
    public static readonly TimeSpan EarlyJournal = TimeSpan.FromMinutes(1);

    /// <summary>The <c>at_us</c> range [from, to) holding every record that may belong to <paramref name="month"/>.</summary>
    public static (long From, long To) JournalWindow(BillingMonth month) =>
        (SiteCredentialsReader.ToMicroseconds(month.StartUtc - EarlyJournal), SiteCredentialsReader.ToMicroseconds(month.EndUtc + LateJournal));

    public static (List<DailyUsage> Usage, long Records, long Skipped, long WithoutMember) Read(SqliteTransaction transaction, BillingMonth month)
    {
        // Paris midnights of every day of the month, in journal microseconds: a record's day is a binary search.
        var bounds = new long[month.Days + 1];
        for (var d = 0; d <= month.Days; d++)
        {
            bounds[d] = SiteCredentialsReader.ToMicroseconds(BillingMonth.LocalMidnightUtc(month.FirstDay.AddDays(d)));
        }

        var lateUs = (long)LateJournal.TotalMicroseconds;
        var earlyUs = (long)EarlyJournal.TotalMicroseconds;
        var (from, to) = JournalWindow(month);
        var sums = new Dictionary<(string Site, string Member, string Measure, string Resource, int Day), (long Quantity, long Records)>();
        long records = 0, skipped = 0, withoutMember = 0;
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT site, member, kind, at_us, detail, door FROM journal WHERE at_us >= $from AND at_us < $to AND kind BETWEEN 30 AND 49 AND kind IN ({string.Join(',', UsageRecordKinds.All)})";
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        using var reader = command.ExecuteReader();
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var at = reader.GetInt64(3);
            var parsed = UsageRecordParser.TryParse(
                reader.GetInt32(2), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(4) ? null : reader.GetString(4), out var usage);
            var instant = at;
            if (parsed && usage.End is { } end)
            {
                var endUs = SiteCredentialsReader.ToMicroseconds(end);
                if (endUs >= at - lateUs && endUs <= at + earlyUs)
                {
                    instant = endUs;
                }
            }

            if (instant < bounds[0] || instant >= bounds[^1])
            {
                continue; // another month's record
            }

            records++;
            if (reader.IsDBNull(1))
            {
                withoutMember++;
                continue;
            }

            if (!parsed)
            {
                skipped++;
                continue;
            }

            var index = Array.BinarySearch(bounds, instant);
            var day = index >= 0 ? index : ~index - 1;
            // Per room zone (visio rooms are billed, others free); PCs and copiers are summed per member and day:
            // their tariffs do not depend on the machine, and a month has far fewer rows to store.
            var resource = usage.Measure is UsageMeasures.RoomMinutes or UsageMeasures.RoomNoShows ? Intern(strings, usage.Resource) : AnyResource;
            var key = (Intern(strings, reader.GetString(0)), Intern(strings, reader.GetString(1)), usage.Measure, resource, day);
            var sum = sums.GetValueOrDefault(key);
            sums[key] = (sum.Quantity + usage.Quantity, sum.Records + 1);
        }

        var list = sums.Select(s => new DailyUsage(s.Key.Site, s.Key.Member, s.Key.Measure, s.Key.Resource, month.FirstDay.AddDays(s.Key.Day), s.Value.Quantity, s.Value.Records)).ToList();
        return (list, records, skipped, withoutMember);
    }

    // Keeps one instance of each repeated site, member and resource name so the sums' keys compare fast.
    private static string Intern(Dictionary<string, string> strings, string value)
    {
        if (strings.TryGetValue(value, out var known))
        {
            return known;
        }

        strings[value] = value;
        return value;
    }
}
