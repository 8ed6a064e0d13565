using System.Globalization;

namespace Cybercantal.Edge.Hub.Billing;

/// <summary>
/// Reads the detail of a usage journal record (<c>key=value</c> pairs separated by <c>;</c>, any order,
/// unknown keys ignored). Anything malformed (missing key, non-numeric or out-of-range quantity, empty id)
/// is refused, never thrown: the aggregator counts it as skipped.
/// </summary>
public static class UsageRecordParser
{
    /// <summary>A week: longer sessions are taken for a clock or agent fault.</summary>
    public const long MaxMinutes = 7 * 24 * 60;

    /// <summary>More pages than any copier prints in one session.</summary>
    public const long MaxPages = 100_000;

    public static bool TryParse(int kind, string? detail, out UsageRecord record)
    {
        record = default;
        if (string.IsNullOrEmpty(detail))
        {
            return false;
        }

        switch (kind)
        {
            case UsageRecordKinds.PcSessionEnded:
                return TryResource(detail, "pc", out var pc) && TryNumber(detail, "minutes", MaxMinutes, out var pcMinutes)
                    && Set(out record, UsageMeasures.PcMinutes, pc, pcMinutes);
            case UsageRecordKinds.CopierSessionEnded:
                if (!TryResource(detail, "copier", out var copier))
                {
                    return false;
                }

                if (HasFlag(detail, "unmeasured"))
                {
                    return Set(out record, UsageMeasures.CopierUnmeasured, copier, 1);
                }

                return TryNumber(detail, "pages", MaxPages, out var pages) && Set(out record, UsageMeasures.CopierPages, copier, pages);
            case UsageRecordKinds.RoomUseEnded:
                return TryResource(detail, "room", out var room) && TryNumber(detail, "minutes", MaxMinutes, out var roomMinutes)
                    && Set(out record, UsageMeasures.RoomMinutes, room, roomMinutes);
            case UsageRecordKinds.RoomNoShow:
                return TryResource(detail, "room", out var booked) && Set(out record, UsageMeasures.RoomNoShows, booked, 1);
            default:
                return false;
        }
    }

    private static bool Set(out UsageRecord record, string measure, string resource, long quantity)
    {
        record = new UsageRecord(measure, resource, quantity);
        return true;
    }

    private static bool TryResource(string detail, string key, out string value)
    {
        value = string.Empty;
        if (!TryValue(detail, key, out var span) || span.IsEmpty || span.Length > 64)
        {
            return false;
        }

        value = span.ToString();
        return true;
    }

    private static bool TryNumber(string detail, string key, long max, out long value)
    {
        value = 0;
        return TryValue(detail, key, out var span)
            && long.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value <= max;
    }

    private static bool HasFlag(string detail, string flag)
    {
        foreach (var range in detail.AsSpan().Split(';'))
        {
            var part = detail.AsSpan(range).Trim();
            if (part.SequenceEqual(flag) || (part.StartsWith("pages=", StringComparison.Ordinal) && part[6..].SequenceEqual(flag)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryValue(string detail, string key, out ReadOnlySpan<char> value)
    {
        foreach (var range in detail.AsSpan().Split(';'))
        {
            var part = detail.AsSpan(range);
            var equals = part.IndexOf('=');
            if (equals > 0 && part[..equals].Trim().SequenceEqual(key))
            {
                value = part[(equals + 1)..].Trim();
                return true;
            }
        }

        value = default;
        return false;
    }
}
