namespace Cybercantal.Edge.Hub.Billing;

/// <summary>
/// Reads a usage journal record as the agent writes it (docs/usage.md "Journal records"): the resource
/// from the row's <c>door</c> column (PC, copier) or the detail's <c>zone=</c> (rooms), the quantity from
/// <c>seconds=</c> or <c>pages=</c>, the end of the session from <c>end=</c>. The detail is <c>key=value</c>
/// pairs separated by <c>;</c>, any order, unknown keys ignored. Anything malformed (missing key,
/// non-numeric or out-of-range quantity, unreadable instant, empty id, unknown copier flag) is refused,
/// never thrown: the aggregator counts it as skipped.
/// </summary>
public static class UsageRecordParser
{
    /// <summary>A week: longer sessions are taken for a clock or agent fault.</summary>
    public const long MaxSeconds = 7 * 24 * 60 * 60;

    /// <summary>More pages than any copier prints in one session.</summary>
    public const long MaxPages = 100_000;

    /// <summary>Copier flag: the page counter wrapped past 2^32 - 1; pages are still exact.</summary>
    public const string FlagWrapped = "wrapped";

    /// <summary>Copier flag: the page counter went down (reboot, service); pages unknown.</summary>
    public const string FlagCounterReset = "counter-reset";

    /// <summary>Copier flag: the copier did not answer, or the session was recovered; pages unknown.</summary>
    public const string FlagUnmeasured = "unmeasured";

    private const int MaxIdLength = 64;

    /// <param name="kind">The row's <c>kind</c>.</param>
    /// <param name="door">The row's <c>door</c> column: PC or copier id (room door id for rooms, unused).</param>
    /// <param name="detail">The row's <c>detail</c>.</param>
    public static bool TryParse(int kind, string? door, string? detail, out UsageRecord record)
    {
        record = default;
        if (string.IsNullOrEmpty(detail) || !TryEnd(detail, out var end))
        {
            return false;
        }

        switch (kind)
        {
            case UsageRecordKinds.PcSessionEnded:
                return IsId(door) && TryMinutes(detail, out var pcMinutes)
                    && Set(out record, UsageMeasures.PcMinutes, door!, pcMinutes, end);
            case UsageRecordKinds.CopierSessionEnded:
                return IsId(door) && TryCopier(detail, out var measure, out var pages)
                    && Set(out record, measure, door!, pages, end);
            case UsageRecordKinds.RoomUseEnded:
                return TryZone(detail, out var zone) && TryMinutes(detail, out var roomMinutes)
                    && Set(out record, UsageMeasures.RoomMinutes, zone, roomMinutes, end);
            case UsageRecordKinds.RoomNoShow:
                return TryZone(detail, out var booked) && Set(out record, UsageMeasures.RoomNoShows, booked, 1, end);
            default:
                return false;
        }
    }

    /// <summary>Whole minutes of <paramref name="seconds"/>, rounded to the nearest, halves up (90 s = 2 min, 89 s = 1 min).</summary>
    public static long MinutesOf(long seconds) => (seconds + 30) / 60;

    private static bool Set(out UsageRecord record, string measure, string resource, long quantity, DateTimeOffset? end)
    {
        record = new UsageRecord(measure, resource, quantity, end);
        return true;
    }

    private static bool IsId(string? id) => !string.IsNullOrWhiteSpace(id) && id.Length <= MaxIdLength;

    private static bool TryZone(string detail, out string zone)
    {
        zone = string.Empty;
        if (!UsageDetailValues.TryValue(detail, "zone", out var span) || span.IsEmpty || span.Length > MaxIdLength)
        {
            return false;
        }

        zone = span.ToString();
        return true;
    }

    private static bool TryMinutes(string detail, out long minutes)
    {
        minutes = 0;
        if (!UsageDetailValues.TryNumber(detail, "seconds", MaxSeconds, out var seconds))
        {
            return false;
        }

        minutes = MinutesOf(seconds);
        return true;
    }

    // No flag or "wrapped": pages are exact and required. "counter-reset" or "unmeasured": counted, not billed.
    private static bool TryCopier(string detail, out string measure, out long quantity)
    {
        measure = UsageMeasures.CopierPages;
        quantity = 0;
        if (UsageDetailValues.TryValue(detail, "flag", out var flag) && !flag.SequenceEqual(FlagWrapped))
        {
            if (flag.SequenceEqual(FlagCounterReset) || flag.SequenceEqual(FlagUnmeasured))
            {
                measure = UsageMeasures.CopierUnmeasured;
                quantity = 1;
                return true;
            }

            return false;
        }

        return UsageDetailValues.TryNumber(detail, "pages", MaxPages, out quantity);
    }

    // end= is optional; when present it must be a UTC ISO-8601 instant (the agent writes yyyy-MM-ddTHH:mm:ss.fffZ).
    private static bool TryEnd(string detail, out DateTimeOffset? end)
    {
        end = null;
        if (!UsageDetailValues.TryValue(detail, "end", out var span))
        {
            return true;
        }

        if (!UsageDetailValues.TryInstant(span, out var parsed))
        {
            return false;
        }

        end = parsed;
        return true;
    }
}
