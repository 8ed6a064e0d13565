using Cybercantal.Edge.Protocol.Sites;

namespace Cybercantal.Edge.Hub.Rooms;

/// <summary>
/// Local calendar arithmetic in a site's time zone, exact across summer-time changes: a local day lasts
/// 23, 24 or 25 hours, and opening hours are the real time during which the wall clock is inside an opening
/// range (so "00:00-24:00" is 23 h on 29 March 2026 and 25 h on 25 October 2026 in Europe/Paris).
/// </summary>
public static class SiteCalendar
{
    /// <summary>The first instant whose local date is <paramref name="day"/>.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

        // A midnight skipped by a clock change (never in Europe/Paris): the day starts when the clocks resume.
        for (var i = 0; i < 24 * 60 && zone.IsInvalidTime(local); i++)
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>Opening ranges per <see cref="DayOfWeek"/>, in minutes of the local day, from a description.</summary>
    public static IReadOnlyList<(int From, int To)>[] Weekly(SiteDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var week = new IReadOnlyList<(int From, int To)>[7];
        for (var day = 0; day < 7; day++)
        {
            var ranges = new List<(int From, int To)>();
            if (description.OpeningHours.TryGetValue(SiteDescriptionValidation.DayNames[day], out var texts))
            {
                foreach (var text in texts)
                {
                    if (SiteDescriptionValidation.TryParseRange(text, out var from, out var to))
                    {
                        ranges.Add((from, to));
                    }
                }
            }

            week[day] = ranges;
        }

        return week;
    }

    /// <summary>
    /// Seconds of opening from local day <paramref name="first"/> to <paramref name="last"/> inclusive:
    /// the weekly ranges of each day that is not a closure, measured in real elapsed time. Overlapping
    /// ranges of one day are counted once.
    /// </summary>
    public static long OpeningSeconds(IReadOnlyList<(int From, int To)>[] weekly, IReadOnlySet<DateOnly> closures, DateOnly first, DateOnly last, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(weekly);
        ArgumentNullException.ThrowIfNull(closures);
        var ticks = 0L;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var ranges = Merge(weekly[(int)day.DayOfWeek]);
            if (ranges.Count == 0 || closures.Contains(day))
            {
                continue;
            }

            var midnight = day.ToDateTime(TimeOnly.MinValue).Ticks;
            foreach (var (start, end, offset) in Segments(StartOfDay(day, zone), StartOfDay(day.AddDays(1), zone), zone))
            {
                // While the offset is constant the wall clock runs with real time: intersect on the wall clock.
                var wallStart = start.UtcTicks + offset.Ticks;
                var wallEnd = end.UtcTicks + offset.Ticks;
                foreach (var (from, to) in ranges)
                {
                    var a = Math.Max(wallStart, midnight + (from * TimeSpan.TicksPerMinute));
                    var b = Math.Min(wallEnd, midnight + (to * TimeSpan.TicksPerMinute));
                    ticks += Math.Max(0, b - a);
                }
            }
        }

        return ticks / TimeSpan.TicksPerSecond;
    }

    private static List<(int From, int To)> Merge(IReadOnlyList<(int From, int To)> ranges)
    {
        var merged = new List<(int From, int To)>();
        foreach (var (from, to) in ranges.OrderBy(r => r.From))
        {
            if (merged.Count > 0 && from <= merged[^1].To)
            {
                merged[^1] = (merged[^1].From, Math.Max(merged[^1].To, to));
            }
            else
            {
                merged.Add((from, to));
            }
        }

        return merged;
    }

    // [start, end) cut where the UTC offset changes (at most once in a local day), each with its offset.
    private static IEnumerable<(DateTimeOffset Start, DateTimeOffset End, TimeSpan Offset)> Segments(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone)
    {
        var before = zone.GetUtcOffset(start);
        var after = zone.GetUtcOffset(end.AddTicks(-1));
        if (before == after)
        {
            yield return (start, end, before);
            yield break;
        }

        var lo = start.UtcTicks;
        var hi = end.UtcTicks - 1;
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            if (zone.GetUtcOffset(new DateTimeOffset(mid, TimeSpan.Zero)) == before)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        var change = new DateTimeOffset(hi, TimeSpan.Zero);
        yield return (start, change, before);
        yield return (change, end, after);
    }
}
