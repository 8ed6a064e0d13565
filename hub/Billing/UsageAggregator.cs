using Cybercantal.Edge.Hub.Credentials;
using Microsoft.Data.Sqlite;

namespace Cybercantal.Edge.Hub.Billing;

/// <summary>
/// Reads one Paris month of raw usage records from the hub journal and sums them per centre, member,
/// measure, resource and Paris day. A record belongs to the Paris day (and month) of its timestamp, the
/// end of the session; its quantity (minutes, pages) is the one the agent measured, so a DST change never
/// adds or removes an hour. Records with a malformed detail or without a member are counted, not summed.
/// </summary>
internal static class UsageAggregator
{
    /// <summary>The resource of aggregates summed over every machine of a centre (PCs, copiers).</summary>
    public const string AnyResource = "*";

    public static (List<DailyUsage> Usage, long Records, long Skipped, long WithoutMember) Read(SqliteTransaction transaction, BillingMonth month)
    {
        // Paris midnights of every day of the month, in journal microseconds: a record's day is a binary search.
        var bounds = new long[month.Days + 1];
        for (var d = 0; d <= month.Days; d++)
        {
            bounds[d] = SiteCredentialsReader.ToMicroseconds(BillingMonth.LocalMidnightUtc(month.FirstDay.AddDays(d)));
        }

        var sums = new Dictionary<(string Site, string Member, string Measure, string Resource, int Day), (long Quantity, long Records)>();
        long records = 0, skipped = 0, withoutMember = 0;
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT site, member, kind, at_us, detail FROM journal WHERE at_us >= $from AND at_us < $to AND kind BETWEEN 30 AND 49 AND kind IN ({string.Join(',', UsageRecordKinds.All)})";
        command.Parameters.AddWithValue("$from", bounds[0]);
        command.Parameters.AddWithValue("$to", bounds[^1]);
        using var reader = command.ExecuteReader();
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            records++;
            if (reader.IsDBNull(1))
            {
                withoutMember++;
                continue;
            }

            if (!UsageRecordParser.TryParse(reader.GetInt32(2), reader.IsDBNull(4) ? null : reader.GetString(4), out var usage))
            {
                skipped++;
                continue;
            }

            var index = Array.BinarySearch(bounds, reader.GetInt64(3));
            var day = index >= 0 ? index : ~index - 1;
            // Per room (visio rooms are billed, others free); PCs and copiers are summed per member and day:
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
