namespace Cybercantal.Edge.Agent.Sites;

/// <summary>Time ranges per day of the week, in the site's local time.</summary>
public sealed class WeeklySchedule
{
    private readonly TimeRange[][] _days = new TimeRange[7][];

    public WeeklySchedule(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<TimeRange>> ranges)
    {
        for (var day = 0; day < 7; day++)
        {
            _days[day] = ranges.TryGetValue((DayOfWeek)day, out var list) ? [.. list] : [];
        }
    }

    public static WeeklySchedule Empty { get; } = new(new Dictionary<DayOfWeek, IReadOnlyList<TimeRange>>());

    public static WeeklySchedule Always { get; } = new(Enumerable.Range(0, 7).ToDictionary(
        d => (DayOfWeek)d,
        _ => (IReadOnlyList<TimeRange>)[new TimeRange(TimeOnly.MinValue, TimeOnly.MaxValue)]));

    public IReadOnlyList<TimeRange> For(DayOfWeek day) => _days[(int)day];

    public bool IsEmpty => _days.All(d => d.Length == 0);

    /// <summary>True when the local date and time fall inside one of that day's ranges.</summary>
    public bool Contains(DateTime localTime)
    {
        var time = TimeOnly.FromDateTime(localTime);
        foreach (var range in _days[(int)localTime.DayOfWeek])
        {
            if (range.Contains(time))
            {
                return true;
            }
        }

        return false;
    }
}
