using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Doors;

/// <summary>
/// Evaluates a <see cref="WeeklySchedule"/> in a site's time zone and finds the next instant its answer can
/// change, so a door re-evaluates exactly at its boundaries instead of polling.
/// </summary>
internal static class ScheduleClock
{
    /// <summary>How far ahead boundaries are searched; past it the door simply re-evaluates then.</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(8);

    public static bool IsActive(WeeklySchedule schedule, TimeZoneInfo timeZone, DateTimeOffset now) =>
        schedule.Contains(TimeZoneInfo.ConvertTime(now, timeZone).DateTime);

    /// <summary>
    /// The first instant after <paramref name="now"/> at which the schedule may switch: a range start or end in
    /// local time, or a UTC-offset change (a range starting inside the spring-forward gap begins when the clocks
    /// jump; a local time repeated at fall-back is a boundary at both of its occurrences).
    /// </summary>
    public static DateTimeOffset NextBoundary(WeeklySchedule schedule, TimeZoneInfo timeZone, DateTimeOffset now)
    {
        var limit = now + Horizon;
        if (schedule.IsEmpty)
        {
            return limit;
        }

        var offsetNow = timeZone.GetUtcOffset(now);
        var transition = NextOffsetChange(timeZone, now, limit, offsetNow);
        var offsetLater = transition is { } t ? timeZone.GetUtcOffset(t) : offsetNow;
        var best = transition ?? limit;

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, timeZone).DateTime);
        for (var day = -1; day <= Horizon.Days; day++)
        {
            var date = today.AddDays(day);
            foreach (var range in schedule.For(date.DayOfWeek))
            {
                Consider(date.ToDateTime(range.From));

                // A range running to the end of the day ends at midnight, not one tick before it.
                Consider(range.To == TimeOnly.MaxValue ? date.AddDays(1).ToDateTime(TimeOnly.MinValue) : date.ToDateTime(range.To));
            }
        }

        return best;

        void Consider(DateTime local)
        {
            ConsiderWith(local, offsetNow);
            if (offsetLater != offsetNow)
            {
                ConsiderWith(local, offsetLater);
            }
        }

        void ConsiderWith(DateTime local, TimeSpan offset)
        {
            var instant = new DateTimeOffset(local.Ticks - offset.Ticks, TimeSpan.Zero);
            if (instant <= now || instant >= best)
            {
                return;
            }

            // Keep only instants that really show this local time (not ones inside a DST gap).
            if (TimeZoneInfo.ConvertTime(instant, timeZone).DateTime == local)
            {
                best = instant;
            }
        }
    }

    /// <summary>The first whole second in (now, limit] with a UTC offset different from <paramref name="offsetNow"/>, if any.</summary>
    private static DateTimeOffset? NextOffsetChange(TimeZoneInfo timeZone, DateTimeOffset now, DateTimeOffset limit, TimeSpan offsetNow)
    {
        // Time zones change offset at most once within the horizon, so a bisection finds the change.
        var low = now.ToUnixTimeSeconds();
        var high = limit.ToUnixTimeSeconds();
        if (timeZone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(high)) == offsetNow)
        {
            return null;
        }

        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            if (timeZone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(middle)) == offsetNow)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return DateTimeOffset.FromUnixTimeSeconds(high);
    }
}
