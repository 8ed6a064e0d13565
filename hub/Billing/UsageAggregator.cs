using Cybercantal.Edge.Hub.Credentials;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

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

    // What the sums' keys number measures by.
    private static readonly string[] Measures =
        [UsageMeasures.PcMinutes, UsageMeasures.CopierPages, UsageMeasures.CopierUnmeasured, UsageMeasures.RoomMinutes, UsageMeasures.RoomNoShows];

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
        var sites = new InternedNames();
        var members = new InternedNames();
        var resources = new InternedNames();
        resources.Index(AnyResource);
        var sums = new Dictionary<(int Site, int Member, int Measure, int Resource, int Day), (long Quantity, long Records)>();
        long records = 0, skipped = 0, withoutMember = 0;

        // Straight on SQLite's statement rather than through SqliteDataReader: the columns are read as the UTF-8
        // bytes SQLite holds (no string per row), which is most of a month close's time on a large month.
        var connection = transaction.Connection!;
        var sql = $"SELECT site, member, kind, at_us, detail, door FROM journal WHERE at_us >= ?1 AND at_us < ?2 AND kind BETWEEN 30 AND 49 AND kind IN ({string.Join(',', UsageRecordKinds.All)})";
        Check(raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement), connection);
        using (statement)
        {
            Check(raw.sqlite3_bind_int64(statement, 1, from), connection);
            Check(raw.sqlite3_bind_int64(statement, 2, to), connection);
            int step;
            while ((step = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var at = raw.sqlite3_column_int64(statement, 3);
                var kind = raw.sqlite3_column_int(statement, 2);
                // Each column read takes the connection's mutex: a NULL door reads as empty, which no id check accepts either.
                var door = raw.sqlite3_column_blob(statement, 5);
                var detail = raw.sqlite3_column_blob(statement, 4);
                var outcome = Utf8UsageRecordParser.TryParse(kind, door, detail, out var measure, out var zoneBytes, out var quantity, out var endUs);
                string? zone = null;
                if (outcome == Utf8ParseOutcome.NeedsText)
                {
                    outcome = ParseText(kind, Encoding.UTF8.GetString(door), Encoding.UTF8.GetString(detail),
                        out measure, out zone, out quantity, out endUs);
                }

                var parsed = outcome == Utf8ParseOutcome.Parsed;
                var instant = at;
                if (parsed && endUs is { } end && end >= at - lateUs && end <= at + earlyUs)
                {
                    instant = end;
                }

                if (instant < bounds[0] || instant >= bounds[^1])
                {
                    continue; // another month's record
                }

                records++;
                var member = raw.sqlite3_column_blob(statement, 1);
                if (member.IsEmpty && raw.sqlite3_column_type(statement, 1) == raw.SQLITE_NULL)
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
                var resource = measure is UsageMeasures.RoomMinutes or UsageMeasures.RoomNoShows
                    ? zone is null ? resources.Index(zoneBytes) : resources.Index(zone)
                    : 0;
                var key = (sites.Index(raw.sqlite3_column_blob(statement, 0)), members.Index(member),
                    Array.IndexOf(Measures, measure), resource, day);
                ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, key, out _);
                sum = (sum.Quantity + quantity, sum.Records + 1);
            }

            if (step != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(step, connection.Handle);
            }
        }

        return (Sorted(month, sums, sites, members, resources), records, skipped, withoutMember);
    }

    // The text parser, for what the UTF-8 fast path leaves to it.
    private static Utf8ParseOutcome ParseText(int kind, string door, string detail,
        out string measure, out string? zone, out long quantity, out long? endUs)
    {
        var parsed = UsageRecordParser.TryParse(kind, door, detail, out var record);
        measure = record.Measure;
        zone = record.Resource;
        quantity = record.Quantity;
        endUs = record.End is { } end ? SiteCredentialsReader.ToMicroseconds(end) : null;
        return parsed ? Utf8ParseOutcome.Parsed : Utf8ParseOutcome.Refused;
    }

    // In the stored table's key order (centre, member, measure, resource, day): the insert appends to its B-tree.
    private static List<DailyUsage> Sorted(BillingMonth month,
        Dictionary<(int Site, int Member, int Measure, int Resource, int Day), (long Quantity, long Records)> sums,
        InternedNames sites, InternedNames members, InternedNames resources)
    {
        var siteRanks = sites.OrdinalRanks();
        var memberRanks = members.OrdinalRanks();
        var resourceRanks = resources.OrdinalRanks();
        var measureRanks = Measures.Select(m => Measures.Count(other => string.CompareOrdinal(other, m) < 0)).ToArray();
        var keys = sums.Keys.ToArray();
        // One integer per key (ranks side by side, in as few bits as each needs) sorts much faster than tuples.
        int memberBits = Bits(memberRanks.Length), measureBits = Bits(Measures.Length), resourceBits = Bits(resourceRanks.Length), dayBits = Bits(month.Days);
        if (Bits(siteRanks.Length) + memberBits + measureBits + resourceBits + dayBits <= 63)
        {
            var order = Array.ConvertAll(keys, k =>
            {
                long packed = siteRanks[k.Site];
                packed = (packed << memberBits) | (long)memberRanks[k.Member];
                packed = (packed << measureBits) | (long)measureRanks[k.Measure];
                packed = (packed << resourceBits) | (long)resourceRanks[k.Resource];
                return (packed << dayBits) | (long)k.Day;
            });
            Array.Sort(order, keys);
        }
        else
        {
            var order = Array.ConvertAll(keys, k => (siteRanks[k.Site], memberRanks[k.Member], measureRanks[k.Measure], resourceRanks[k.Resource], k.Day));
            Array.Sort(order, keys);
        }

        var days = new DateOnly[month.Days];
        for (var d = 0; d < days.Length; d++)
        {
            days[d] = month.FirstDay.AddDays(d);
        }

        var list = new List<DailyUsage>(keys.Length);
        foreach (var key in keys)
        {
            var (quantity, count) = sums[key];
            list.Add(new DailyUsage(sites.Names[key.Site], members.Names[key.Member], Measures[key.Measure], resources.Names[key.Resource], days[key.Day], quantity, count));
        }

        return list;
    }

    private static int Bits(int count) => 32 - int.LeadingZeroCount(Math.Max(count, 1));

    private static void Check(int rc, SqliteConnection connection)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }
    }
}
