namespace Cybercantal.Edge.Protocol.Access;

/// <summary>
/// One compiled range of a weekly schedule: a set of days (bit n = <see cref="DayOfWeek"/> n) and a
/// half-open range of local time of day in ticks, [From, To). Kept in flat arrays by the snapshot.
/// </summary>
public readonly record struct ScheduleSlot(byte Days, long FromTicks, long ToTicks)
{
    public bool Contains(DayOfWeek day, long timeOfDayTicks) =>
        (Days & (1 << (int)day)) != 0 && timeOfDayTicks >= FromTicks && timeOfDayTicks < ToTicks;
}
